package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// appsCmd is `portal apps create --name … --type identity|open --entry-url …
// --origin … --sm2-public-key FILE [--whitelist CIDR]`: it registers an app
// directly online, bypassing the review workflow (development, tests and,
// with --prod-onboarding, platform admins' scripted onboarding), and prints
// its app_id and SM4 key as JSON. The key is shown this once: the portal
// keeps it only sealed.
func appsCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("apps needs a sub-command: create: %w", errUsage)
	}
	fs := flag.NewFlagSet("apps create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var f apps.Form
	var origins, whitelist listFlag
	fs.StringVar(&f.Name, "name", "", "the app's name")
	fs.StringVar(&f.Type, "type", "", "identity (需身份信息) or open (完全开放)")
	fs.StringVar(&f.EntryURL, "entry-url", "", "the app's entry URL (https, or http on loopback)")
	fs.Var(&origins, "origin", "an allowed origin (repeatable); the entry URL's origin is always allowed")
	keyFile := fs.String("sm2-public-key", "", "file with the app's SM2 public key (PEM)")
	fs.Var(&whitelist, "whitelist", "an address or CIDR allowed to call without signature (repeatable)")
	fs.StringVar(&f.OwnerOrg, "owner-org", "接入单位", "the organisation responsible for the app")
	fs.StringVar(&f.SiteCode, "site", "", "the sub-site the app belongs to (province or department code)")
	fs.StringVar(&f.Description, "description", "", "a short description")
	onboarding := fs.Bool("prod-onboarding", false, "required with PORTAL_ENV=prod: a platform admin's scripted onboarding")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if cfg.Prod() && !*onboarding {
		return errors.New("apps create skips the review workflow: in production pass --prod-onboarding (platform admins only)")
	}
	f.Origins = strings.Join(origins, "\n")
	var cred apps.Credentials
	cred.Whitelist = strings.Join(whitelist, "\n")
	if *keyFile != "" {
		pemBytes, err := os.ReadFile(*keyFile)
		if err != nil {
			return fmt.Errorf("--sm2-public-key: %w", err)
		}
		cred.SM2PublicKey = string(pemBytes)
	}
	cfg.AutoMigrate = !cfg.Prod()
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := apps.NewService(st, cfg.SecretKey, nil)
	if err != nil {
		return err
	}
	a, key, err := svc.CreateOnline(ctx, f, cred)
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		var lines []string
		for _, field := range ve.Order {
			lines = append(lines, fmt.Sprintf("  --%s: %s", strings.ReplaceAll(field, "_", "-"), locales.Message("en", ve.Fields[field])))
		}
		return fmt.Errorf("app not created:\n%s", strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"id": a.ID, "app_id": a.Key(), "sm4_key": hex.EncodeToString(key),
		"status": a.Status, "origins": a.OriginList(), "container": fmt.Sprintf("/apps/%d", a.ID),
		"note": "the SM4 key is shown once; store it in the app's secret store"})
}
