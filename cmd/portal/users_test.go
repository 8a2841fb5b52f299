package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
)

// portal users create / disable (issue 5 §6): levels above 2 are refused in
// prod; the output masks the phone and never repeats the password.
func TestUsersCommand(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"PORTAL_DATA_DIR": dir}
	var out bytes.Buffer
	args := []string{"users", "create", "--phone", "13800138000", "--password", "Good#pass1", "--name", "张三",
		"--id-number", "330106199003071236", "--level", "3"}
	if err := run(context.Background(), args, env(vars), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "138****8000") || strings.Contains(s, "Good#pass1") {
		t.Fatalf("output %q", s)
	}
	out.Reset()
	if err := run(context.Background(), []string{"users", "disable", "--phone", "13800138000"}, env(vars), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	prod := map[string]string{"PORTAL_DATA_DIR": dir, "PORTAL_ENV": "prod", "PORTAL_SECRET_KEY": strings.Repeat("k", 40)}
	args[3] = "13900139000"
	err := run(context.Background(), args, env(prod), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "prod") {
		t.Fatalf("prod must refuse level 3 from the command line: %v", err)
	}
	if err := run(context.Background(), []string{"users"}, env(vars), io.Discard, io.Discard); err == nil {
		t.Fatal("users without a sub-command must fail")
	}
}

// PORTAL_ENV=prod refuses the development and test adapters of accounts.
func TestAccountServicesRefuseTestAdaptersInProd(t *testing.T) {
	st := &models.Store{}
	if _, err := accountServices(env(nil), false, st); err != nil {
		t.Fatalf("dev: %v", err)
	}
	if _, err := accountServices(env(map[string]string{"PORTAL_ARGON2": "m=1,t=1,p=1"}), false, st); err == nil {
		t.Fatal("weak argon2 parameters accepted")
	}
	s, err := accountServices(env(map[string]string{"PORTAL_SMTP_ADDR": "mail.example.org:587", "PORTAL_SMTP_FROM": "portal@example.org"}), true, st)
	if err != nil {
		t.Fatalf("prod with real adapters only: %v", err)
	}
	if s.Users.Identity != nil || s.Licences != nil || s.Users.Notifier.Dev() {
		t.Fatal("prod must not fall back to test adapters")
	}
	if err := s.CheckProd(); err != nil {
		t.Fatal(err)
	}
}
