package users

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/zwfw/portal/models"
)

// ErrUsage marks a command-line mistake.
var ErrUsage = errors.New("usage")

// Command runs `portal users …` (issue 5 §6), for development and tests:
//
//	users create --phone P --password W|- [--name N] [--id-number I] [--level 1..5] [--kind natural|legal --org O --credit-code C --rep R]
//	users disable --phone P
//	users enable --phone P
//
// Levels above 2 claim a verification nobody did, so PORTAL_ENV=prod (prod)
// refuses them. Output never repeats the password or the ID number.
func Command(ctx context.Context, st *models.Store, cfg Config, prod bool, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("users needs a sub-command: create, disable or enable: %w", ErrUsage)
	}
	switch args[0] {
	case "create":
		return createCmd(ctx, st, cfg, prod, args[1:], stdin, stdout)
	case "disable", "enable":
		fs := flag.NewFlagSet("users "+args[0], flag.ContinueOnError)
		fs.SetOutput(stdout)
		phone := fs.String("phone", "", "mobile number of the account")
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%v: %w", err, ErrUsage)
		}
		u, err := ByPhone(ctx, st, NormalizePhone(*phone))
		if err != nil {
			return fmt.Errorf("no account with phone %s: %w", MaskPhone(NormalizePhone(*phone)), err)
		}
		if err := SetDisabled(ctx, st, u.ID, args[0] == "disable"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "account %d (%s) %sd; its sessions have ended\n", u.ID, MaskPhone(u.Phone), args[0])
		return nil
	}
	return fmt.Errorf("unknown users sub-command %q: %w", args[0], ErrUsage)
}

func createCmd(ctx context.Context, st *models.Store, cfg Config, prod bool, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("users create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var a NewAccount
	fs.StringVar(&a.Phone, "phone", "", "mobile number (the sign-in name)")
	fs.StringVar(&a.Password, "password", "", "password; - reads one line from stdin (arguments show in the process list)")
	fs.StringVar(&a.Name, "name", "", "name as on the ID card")
	fs.StringVar(&a.IDNumber, "id-number", "", "18-character ID number (needed from level 2)")
	fs.IntVar(&a.Level, "level", L1, "trust level 1–5 (levels above 2 are refused when PORTAL_ENV=prod)")
	fs.StringVar(&a.Kind, "kind", Natural, "natural or legal")
	fs.StringVar(&a.OrgName, "org", "", "organization name (legal)")
	fs.StringVar(&a.CreditCode, "credit-code", "", "统一社会信用代码 (legal)")
	fs.StringVar(&a.RepName, "rep", "", "legal representative (legal)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%v: %w", err, ErrUsage)
	}
	if a.Password == "-" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		a.Password = strings.TrimRight(line, "\r\n")
	}
	if prod && a.Level > L2 {
		return fmt.Errorf("PORTAL_ENV=prod: level %d needs a real verification and cannot be created from the command line", a.Level)
	}
	if a.Level >= L3 {
		a.VerifiedBy = "cli"
	}
	svc, err := NewService(st, cfg)
	if err != nil {
		return err
	}
	u, err := svc.Create(ctx, a)
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		fields := make([]string, 0, len(ve.Fields))
		for f, key := range ve.Fields {
			fields = append(fields, f+": "+key)
		}
		sort.Strings(fields)
		return fmt.Errorf("invalid account: %s", strings.Join(fields, "; "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created account %d: phone %s, level %d\n", u.ID, MaskPhone(u.Phone), u.Level)
	return nil
}
