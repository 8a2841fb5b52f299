package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gateway"
)

// interfacesCmd is `portal interfaces create --app … --code … --source-url …
// --method GET|POST --auth sm2|whitelist` (issue 10 §6): it registers an
// interface already approved (development and tests; refused in prod
// without --prod-onboarding) and prints its gateway URL as JSON. Source
// hosts on internal networks need PORTAL_GATEWAY_ALLOW_HOSTS.
func interfacesCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("interfaces needs a sub-command: create: %w", errUsage)
	}
	fs := flag.NewFlagSet("interfaces create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var f gateway.Form
	fs.StringVar(&f.App, "app", "", "the owner app's app_id (zwa…)")
	fs.StringVar(&f.Code, "code", "", "the interface code, e.g. zj.sbcx")
	fs.StringVar(&f.Name, "name", "", "the interface's name (default: the code)")
	fs.StringVar(&f.SourceURL, "source-url", "", "the source interface's address")
	fs.StringVar(&f.Method, "method", "GET", "GET or POST")
	fs.StringVar(&f.Auth, "auth", "sm2", "sm2 (signature) or whitelist")
	fs.StringVar(&f.RequestParams, "params", "", "request parameters, name|是/否|type|description separated by ';'")
	fs.StringVar(&f.MaskFields, "mask", "", "masked response fields, field:kind,…")
	fs.StringVar(&f.Consumers, "consumers", "", "other apps allowed to call (app_ids, comma separated, or *)")
	fs.StringVar(&f.RatePerMin, "rate", "", "calls per minute per consumer (default 600)")
	base := fs.String("base-url", "http://localhost:8080", "the portal's public origin, for the printed gateway URL")
	onboarding := fs.Bool("prod-onboarding", false, "required with PORTAL_ENV=prod: a platform admin's scripted onboarding")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if cfg.Prod() && !*onboarding {
		return errors.New("interfaces create skips the review: in production pass --prod-onboarding (platform admins only)")
	}
	if f.Name == "" {
		f.Name = f.Code
	}
	f.RequestParams = strings.ReplaceAll(f.RequestParams, ";", "\n")
	cfg.AutoMigrate = !cfg.Prod()
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := gateway.NewService(st, cfg.SecretKey, &gateway.Guard{AllowHosts: cfg.GatewayAllowHosts, AllowHTTP: !cfg.Prod()})
	if err != nil {
		return err
	}
	defer svc.Close()
	it, err := svc.CreateApproved(ctx, f)
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		var lines []string
		for _, field := range ve.Order {
			lines = append(lines, fmt.Sprintf("  --%s: %s", ifaceFlag(field), locales.Message("en", ve.Fields[field])))
		}
		return fmt.Errorf("interface not created:\n%s", strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"id": it.ID, "code": it.Code, "version": it.Version, "status": it.Status, "auth": it.Auth,
		"method": it.Method, "gateway_url": strings.TrimRight(*base, "/") + "/gateway/" + it.Code})
}

// ifaceFlag names the flag of a form field.
func ifaceFlag(field string) string {
	switch field {
	case "request_params":
		return "params"
	case "mask_fields":
		return "mask"
	case "rate_per_min":
		return "rate"
	}
	return strings.ReplaceAll(field, "_", "-")
}
