package usercenter

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var b bytes.Buffer
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// The favourite control has three states: sign in first, save, remove.
func TestFavouriteButtonStates(t *testing.T) {
	doc := render(t, FavouriteButton(FavouriteButtonProps{Kind: "matter", Ref: "X1", LoginURL: "/login?return_to=%2Fmatters%2FX1"}))
	if doc.Find("form").Length() != 0 || doc.Find(`a[href="/login?return_to=%2Fmatters%2FX1"]`).Length() != 1 {
		t.Fatal("a visitor gets a sign-in link, not a form")
	}
	doc = render(t, FavouriteButton(FavouriteButtonProps{CSRF: "tok", Kind: "matter", Ref: "X1", ReturnTo: "/matters/X1"}))
	f := doc.Find(`form[method="post"][action="/me/favourites"]`)
	for name, v := range map[string]string{"_csrf": "tok", "kind": "matter", "ref": "X1", "return_to": "/matters/X1"} {
		if f.Find(`input[name="`+name+`"]`).AttrOr("value", "") != v {
			t.Errorf("hidden %s ≠ %q", name, v)
		}
	}
	if !strings.Contains(f.Find("button").Text(), "usercenter.fav.add") && !strings.Contains(f.Find("button").Text(), "收藏") {
		t.Fatalf("button text %q", f.Find("button").Text())
	}
	if f.Find(`button [aria-hidden="true"]`).Length() != 1 {
		t.Fatal("the star is decoration, hidden from screen readers")
	}
	doc = render(t, FavouriteButton(FavouriteButtonProps{CSRF: "tok", Saved: true, RemoveURL: "/me/favourites/7/delete", ReturnTo: "/matters/X1"}))
	if doc.Find(`form[action="/me/favourites/7/delete"] input[name="return_to"][value="/matters/X1"]`).Length() != 1 {
		t.Fatal("a saved favourite offers its removal, coming back to the page")
	}
}
