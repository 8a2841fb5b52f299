package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/staff"
)

// staffCmd is `portal staff create --role … --region … --department …
// --username … --password …`: the way to make the first platform admin
// (the console creates the others). --password - reads it from stdin, so
// it stays out of the shell history and the process list.
func staffCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("staff needs a sub-command: create: %w", errUsage)
	}
	fs := flag.NewFlagSet("staff create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	role := fs.String("role", "", "platform_admin, site_admin, content_editor, case_handler, consult_handler, app_reviewer, interface_admin or filing_reviewer")
	region := fs.String("region", staff.National, "region code of the scope (000000 = every region)")
	dept := fs.String("department", "", "department code or name of the scope (empty = every department)")
	username := fs.String("username", "", "sign-in name: 3–32 of a-z 0-9 . _ -")
	display := fs.String("name", "", "display name")
	password := fs.String("password", "", "password (12+ characters, 3 kinds); - reads one line from stdin")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if *password == "-" {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		*password = strings.TrimRight(line, "\r\n")
	}
	cfg.AutoMigrate = true
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		return err
	}
	if d, ok := ref.DepartmentByName(*dept); ok {
		*dept = d.Code
	}
	svc, err := staff.NewService(st, staff.Config{Secret: cfg.SecretKey, Ref: ref})
	if err != nil {
		return err
	}
	s, err := svc.Create(ctx, nil, "", staff.NewStaff{Username: *username, DisplayName: *display, Password: *password,
		Role: staff.Role(*role), Region: *region, Dept: *dept})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		var lines []string
		for _, f := range ve.Order {
			lines = append(lines, fmt.Sprintf("  --%s: %s", flagOf(f), locales.Message("en", ve.Fields[f])))
		}
		return fmt.Errorf("staff account not created:\n%s", strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created staff account %q (id %d, role %s, region %s, department %q); it enrols TOTP at its first sign-in at /admin/login\n",
		s.Username, s.ID, s.Role, s.RegionCode, s.DeptCode)
	return nil
}

func flagOf(field string) string {
	switch field {
	case "dept":
		return "department"
	case "display_name":
		return "name"
	}
	return field
}

// errChainBroken makes `portal audit verify` exit non-zero.
var errChainBroken = errors.New("audit chain broken")

// auditCmd is `portal audit verify [--calls]`: it walks the staff actions
// chain (or, with --calls, the interface calls chain) and names the first
// broken entry.
func auditCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("audit needs a sub-command: verify: %w", errUsage)
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stdout)
	calls := fs.Bool("calls", false, "verify the interface calls chain instead of the staff actions chain")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	chain := audit.ChainStaff
	if *calls {
		chain = audit.ChainCalls
	}
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := audit.Verify(ctx, st.DB, chain)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep.String())
	if !rep.OK {
		return errChainBroken
	}
	return nil
}
