package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
)

// `portal staff create` makes the first account; `portal audit verify`
// checks the chain its creation started and names a tampered entry.
func TestStaffCreateAndAuditVerifyCommands(t *testing.T) {
	dir := t.TempDir()
	vars := env(map[string]string{"PORTAL_DATA_DIR": dir})
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"seed", "regions"}, vars, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	err := run(ctx, []string{"staff", "create", "--role", "site_admin", "--region", "330000", "--username", "zj-admin",
		"--password", "Xihu-Lake-2026!"}, vars, &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), `created staff account "zj-admin"`) {
		t.Fatalf("create: %v %q", err, out.String())
	}
	err = run(ctx, []string{"staff", "create", "--role", "case_handler", "--department", "公安部", "--username", "police",
		"--password", "short"}, vars, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--password") {
		t.Fatalf("a weak password must be refused naming the flag: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"audit", "verify"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), "intact: 1 entries") {
		t.Fatalf("verify: %v %q", err, out.String())
	}
	st, err := models.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	st.DB.Exec("UPDATE audit_log SET after_json = '{}' WHERE seq = 1")
	st.Close()
	out.Reset()
	err = run(ctx, []string{"audit", "verify"}, vars, &out, io.Discard)
	if !errors.Is(err, errChainBroken) || !strings.Contains(out.String(), "BROKEN at entry 1") {
		t.Fatalf("tampered chain: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"audit", "verify", "--calls"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), `"calls" intact`) {
		t.Fatalf("calls chain: %v %q", err, out.String())
	}
}
