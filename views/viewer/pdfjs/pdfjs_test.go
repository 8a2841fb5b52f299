package pdfjs

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestBuiltCopiesMatchNpm keeps the embedded files identical to the pinned
// npm package (make generate copies them), and the pin identical to Version.
func TestBuiltCopiesMatchNpm(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	b, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Dependencies["pdfjs-dist"] != Version {
		t.Fatalf("package.json pins pdfjs-dist %q, Version is %q", pkg.Dependencies["pdfjs-dist"], Version)
	}
	dist := filepath.Join(root, "node_modules", "pdfjs-dist")
	if _, err := os.Stat(dist); err != nil {
		t.Skip("node_modules/pdfjs-dist not installed (run npm ci)")
	}
	pairs := map[string]string{
		"pdf.min.mjs":                "legacy/build/pdf.min.mjs",
		"pdf.worker.min.mjs":         "legacy/build/pdf.worker.min.mjs",
		"cmaps/UniGB-UCS2-H.bcmap":   "cmaps/UniGB-UCS2-H.bcmap",
		"cmaps/Adobe-GB1-UCS2.bcmap": "cmaps/Adobe-GB1-UCS2.bcmap",
	}
	for ours, theirs := range pairs {
		a, err := embedded.ReadFile("dist/" + ours)
		if err != nil {
			t.Fatalf("%s is not in the build: run make generate (%v)", ours, err)
		}
		b, err := os.ReadFile(filepath.Join(dist, theirs))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from pdfjs-dist/%s: run make generate", ours, theirs)
		}
	}
}
