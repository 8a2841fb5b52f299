package main

import (
	"os/exec"
	"strings"
	"testing"
)

// ARCHITECTURE.md §2: imports point one way. Views import no models, GORM
// or Echo; models import nothing from the web layer.
func TestImportsPointOneWay(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "github.com/zwfw/portal/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	const mod = "github.com/zwfw/portal/"
	rules := []struct {
		pkgPrefix string
		forbidden []string
	}{
		{mod + "views", []string{mod + "models", "gorm.io/", "github.com/labstack/echo", mod + "handlers"}},
		{mod + "models", []string{mod + "handlers", mod + "views", "github.com/labstack/echo", "github.com/a-h/templ"}},
		{mod + "handlers/web", []string{mod + "handlers/admin", mod + "handlers/jssdk"}},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg, deps := fields[0], fields[1:]
		for _, r := range rules {
			if !strings.HasPrefix(pkg, r.pkgPrefix) {
				continue
			}
			for _, d := range deps {
				for _, f := range r.forbidden {
					if strings.HasPrefix(d, f) && !strings.HasSuffix(d, "test") {
						t.Errorf("%s imports %s", pkg, d)
					}
				}
			}
		}
	}
}
