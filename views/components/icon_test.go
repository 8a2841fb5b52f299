package components

import "testing"

func TestIconIsDecorative(t *testing.T) {
	for _, name := range []string{"pin", "user", "document", "people", "building", "grid", "layers", "map", "search"} {
		doc := renderComponent(t, Icon(IconProps{Name: name}))
		svg := doc.Find("svg")
		if attr(t, svg, "aria-hidden") != "true" || attr(t, svg, "focusable") != "false" {
			t.Fatalf("%s: icon must be hidden from assistive technology", name)
		}
		if svg.Find("path, circle").Length() == 0 {
			t.Fatalf("%s: icon draws nothing", name)
		}
	}
}
