package components

import (
	"strings"
	"testing"
)

// C 0103 6.1 d: no pop-up by default; the one dialog has a close button.
func TestDialogIsClosedNativeAndClosable(t *testing.T) {
	doc := renderWithChildren(t, Dialog(DialogProps{ID: "zw-share-dialog", Title: "分享本页"}), rawHTML(`<p id="b">点右上角</p>`))
	d := doc.Find("dialog#zw-share-dialog")
	if d.Length() != 1 || d.Find("#b").Length() != 1 {
		t.Fatal("want one native dialog holding the body")
	}
	if _, open := d.Attr("open"); open {
		t.Fatal("a dialog must be closed until the visitor opens it")
	}
	if l, _ := d.Attr("aria-labelledby"); doc.Find("#"+l).Text() != "分享本页" {
		t.Errorf("dialog not labelled by its title (aria-labelledby=%q)", l)
	}
	btn := d.Find(`form[method="dialog"] button.zw-dialog__close`)
	if btn.Length() != 1 || !strings.Contains(btn.Text(), "关闭") {
		t.Fatal("want a visible 关闭 button in a method=dialog form (closes without script)")
	}
}
