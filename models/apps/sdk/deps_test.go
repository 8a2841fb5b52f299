package sdk

import (
	"os/exec"
	"strings"
	"testing"
)

// The SDK is for apps' back ends: it may import only the standard library
// and models/gmcrypto (with its SM library), nothing else of the portal.
func TestSDKImportsOnlyStdAndGmcrypto(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		switch {
		case p == "github.com/zwfw/portal/models/apps/sdk", p == "github.com/zwfw/portal/models/gmcrypto",
			strings.HasPrefix(p, "github.com/tjfoc/gmsm/"), strings.HasPrefix(p, "golang.org/x/"):
		default:
			t.Errorf("the SDK depends on %s", p)
		}
	}
}
