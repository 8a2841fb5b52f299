package wxsdk

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestBuiltCopyMatchesNpm(t *testing.T) {
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
	if pkg.Dependencies["weixin-js-sdk"] != Version {
		t.Fatalf("package.json pins weixin-js-sdk %q, Version is %q", pkg.Dependencies["weixin-js-sdk"], Version)
	}
	npm, err := os.ReadFile(filepath.Join(root, "node_modules", "weixin-js-sdk", "index.js"))
	if err != nil {
		t.Skip("node_modules/weixin-js-sdk not installed (run npm ci)")
	}
	got, err := dist.ReadFile("dist/jweixin.js")
	if err != nil || !bytes.Equal(npm, got) {
		t.Fatal("dist/jweixin.js differs from node_modules/weixin-js-sdk/index.js: run make generate")
	}
	if !bytes.Contains(Script(), []byte("var module={exports:{}}")) {
		t.Error("Script does not give the module its module object")
	}
}
