//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zwfw/portal/handlers/handlertest"
)

// TestSearchAutocompleteAccessibilityTree checks what a screen reader meets
// while typing in the search box (ARIA 1.2 combobox, C 0103 7.4 + 6.1 i):
// the input is a combobox that reports itself expanded and controls a named
// listbox of options, the highlighted option is announced through
// aria-activedescendant, and a polite live region says how many
// suggestions there are — read from Chromium's accessibility tree.
func TestSearchAutocompleteAccessibilityTree(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	tab := newTab(t)
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	if err := emulatePhone(ctx, Viewports[0]); err != nil {
		t.Fatal(err)
	}
	input := chromedp.CSS(`main form[role=search] input[name=q]`)
	err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/search"), chromedp.WaitVisible(input),
		chromedp.Click(input), chromedp.SendKeys(input, "shenfen"),
		chromedp.WaitVisible(chromedp.CSS(`[role=listbox] [role=option]`)),
		chromedp.KeyEvent(kb.ArrowDown)) // ArrowDown: highlight the first option
	if err != nil {
		t.Fatalf("suggestions did not open: %v (screenshot %s)", err, screenshot(ctx, t, suite.root+"/e2e-artifacts", "search-autocomplete.png"))
	}
	var tree *accessibility.GetFullAXTreeResult
	var combo, listbox *accessibility.Node
	var options int
	var live string
	// The live region is filled a moment after the list opens.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		r, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			t.Fatal(err)
		}
		tree, combo, listbox, options, live = &r, nil, nil, 0, ""
		for _, n := range tree.Nodes {
			if n.Ignored {
				continue
			}
			switch axString(n.Role) {
			case "combobox":
				if combo == nil {
					combo = n
				}
			case "listbox":
				listbox = n
			case "option":
				options++
			case "status":
				if s := axText(tree.Nodes, n); s != "" && strings.ContainsAny(s, "0123456789") {
					live = s
				}
			}
		}
		if combo != nil && listbox != nil && options > 0 && live != "" {
			break
		}
	}
	if combo == nil || listbox == nil || options == 0 {
		t.Fatalf("combobox %v, listbox %v, %d options in the accessibility tree", combo != nil, listbox != nil, options)
	}
	if axString(combo.Name) == "" || axString(listbox.Name) == "" {
		t.Errorf("combobox name %q, listbox name %q: both need one", axString(combo.Name), axString(listbox.Name))
	}
	props := map[string]string{}
	for _, p := range combo.Properties {
		props[string(p.Name)] = string(p.Value.Value)
		if len(p.Value.RelatedNodes) > 0 { // idref properties name their node
			props[string(p.Name)] = "node"
		}
	}
	if props["expanded"] != "true" || props["autocomplete"] != `"list"` {
		t.Errorf("combobox states %v: want expanded=true, autocomplete=list", props)
	}
	if props["activedescendant"] == "" {
		attr, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#q").getAttribute("aria-activedescendant") || ""`))
		t.Errorf("the highlighted option is not the combobox's active descendant after ArrowDown (properties %v, attribute %q)", props, attr)
	}
	if live == "" {
		t.Error("no live region announces the number of suggestions")
	}
}

// axText joins the names of a node's descendants (a live region's text).
func axText(nodes []*accessibility.Node, n *accessibility.Node) string {
	byID := map[accessibility.NodeID]*accessibility.Node{}
	for _, x := range nodes {
		byID[x.NodeID] = x
	}
	var b strings.Builder
	var walk func(x *accessibility.Node)
	walk = func(x *accessibility.Node) {
		if x == nil {
			return
		}
		if axString(x.Role) == "StaticText" {
			b.WriteString(axString(x.Name))
		}
		for _, c := range x.ChildIDs {
			walk(byID[c])
		}
	}
	walk(n)
	return b.String()
}
