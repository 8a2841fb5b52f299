package apps_test

import (
	"os"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/apps"
)

// Every stable code is documented for app developers.
func TestProtocolDocumentsEveryCode(t *testing.T) {
	doc, err := os.ReadFile("sdk/PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range apps.APIErrors {
		if seen[e.Code] {
			t.Errorf("code %s used twice", e.Code)
		}
		seen[e.Code] = true
		if !strings.Contains(string(doc), "`"+e.Code+"`") {
			t.Errorf("PROTOCOL.md does not document %s", e.Code)
		}
	}
}
