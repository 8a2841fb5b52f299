package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/users"
)

// usersCmd is `portal users create|disable|enable …` (issue 5 §6), for
// development and tests; levels above 2 are refused when PORTAL_ENV=prod.
// --password - reads the password from stdin.
func usersCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	cfg.AutoMigrate = true
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	err = users.Command(ctx, st, users.DevConfig(st), cfg.Prod(), args, os.Stdin, stdout)
	if errors.Is(err, users.ErrUsage) {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	return err
}

// accountServices builds the adapters of the accounts feature from the
// environment (for the lead to wire into serve, see the issue 5 report):
//
//	PORTAL_ARGON2          argon2id cost, e.g. m=19456,t=2,p=1 (default)
//	PORTAL_SMTP_ADDR       host:port of the mail server (email notifier)
//	PORTAL_SMTP_FROM       sender address
//	PORTAL_SMTP_USER       optional SMTP user
//	PORTAL_SMTP_PASSWORD_FILE  file holding the SMTP password
//
// In dev it starts from the development set (dev outbox, test verifiers,
// demo licences). In prod it starts empty and adds only real adapters, then
// refuses to start if any development or test adapter is left
// (AccountServices.CheckProd, ARCHITECTURE.md §3).
func accountServices(getenv func(string) string, prod bool, st *models.Store) (handlers.AccountServices, error) {
	s := handlers.AccountServices{Users: users.Config{}}
	if !prod {
		s = handlers.DevAccountServices(st)
	}
	p, err := users.ParseParams(getenv("PORTAL_ARGON2"))
	if err != nil {
		return s, fmt.Errorf("PORTAL_ARGON2: %v", err)
	}
	s.Users.Params = p
	if addr := strings.TrimSpace(getenv("PORTAL_SMTP_ADDR")); addr != "" {
		smtp := users.SMTPNotifier{Addr: addr, From: getenv("PORTAL_SMTP_FROM"), Username: getenv("PORTAL_SMTP_USER"), Timeout: 10 * time.Second}
		if f := getenv("PORTAL_SMTP_PASSWORD_FILE"); f != "" {
			b, err := os.ReadFile(filepath.Clean(f))
			if err != nil {
				return s, fmt.Errorf("PORTAL_SMTP_PASSWORD_FILE: cannot read %s", f)
			}
			smtp.Password = strings.TrimSpace(string(b))
		}
		if smtp.From == "" {
			return s, errors.New("PORTAL_SMTP_FROM is required with PORTAL_SMTP_ADDR")
		}
		// Codes go to phones; email carries notices. SMS needs a provider
		// adapter (users.SMSProvider) that a deployment adds here.
		r := users.Router{Email: smtp}
		if !prod {
			r.SMS = users.DevOutbox{St: st}
		}
		s.Users.Notifier = r
	}
	if prod {
		if err := s.CheckProd(); err != nil {
			return s, fmt.Errorf("PORTAL_ENV=prod refuses development adapters: %w", err)
		}
	}
	return s, nil
}
