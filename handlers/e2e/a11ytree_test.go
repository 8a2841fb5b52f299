//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// TestAccessibilityTree reads what a screen reader gets from every page
// type — Chromium's accessibility tree through the DevTools accessibility
// domain — next to axe (C 0103 6.1 i, GB/T 37668). Each page loads in elder
// mode (reference.md §7) with JavaScript on, portrait, and must have: one
// banner, one main and one contentinfo landmark, named navigation
// landmarks, headings starting at level 1 without skipped levels, no more
// than one dialog (C 0103 6.1 d), no PDF viewer code unless it is the PDF
// viewer, elder mode applied (body text ≥ 18 px, controls ≥ 60 px), plus
// the audit of TestPages. The landmarks, headings and live regions are
// compared with testdata/a11ytree/<page>.txt; a missing snapshot is written,
// E2E_UPDATE_A11Y=1 rewrites them all.
func TestAccessibilityTree(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	sem := make(chan struct{}, parallel())
	vp := Viewports[0]
	for _, p := range Pages {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			sem <- struct{}{}
			defer func() { <-sem }()
			tab := newTab(t)
			ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
			defer cancel()
			pops, err := watchPopups(ctx)
			if err != nil {
				t.Fatal(err)
			}
			setup := func() error {
				setElder(ctx, t, env.Server.URL)
				if p.Setup != nil {
					return p.Setup(&Setup{Ctx: ctx, Env: env})
				}
				return nil
			}
			res, err := Inspect(ctx, env.Server.URL+p.Path, vp, true, setup)
			if err != nil {
				t.Fatalf("%s: %v", p.Path, err)
			}
			problems := res.Problems(p.WantStatus(), env.Server.URL, vp)
			problems = append(problems, dialogProblems(ctx, pops)...)
			problems = append(problems, elderProblems(ctx)...)
			if !strings.HasPrefix(p.Name, "viewer-pdf") {
				for _, u := range res.Requests {
					if strings.Contains(u, "/viewer/pdfjs/") {
						problems = append(problems, "loads PDF viewer code: "+u)
					}
				}
			}
			tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
			if err != nil {
				t.Fatal(err)
			}
			snap := outline(tree.Nodes)
			problems = append(problems, snap.problems()...)
			problems = append(problems, compareSnapshot(t, p.Name, snap.String())...)
			if len(problems) > 0 {
				shot := screenshot(ctx, t, suite.root+"/e2e-artifacts", p.Name+"-a11y.png")
				t.Errorf("%s (elder mode): %d problems (screenshot %s):\n  - %s", p.Path, len(problems), shot, strings.Join(problems, "\n  - "))
			}
		})
	}
}

// setElder switches elder mode on as the header's switch does (its cookie).
func setElder(ctx context.Context, t *testing.T, base string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "zw_elder", Value: "1", URL: base + "/"}); err != nil {
		t.Fatal(err)
	}
}

// elderJS lists what elder mode must change on every page: the class on
// <html>, body text ≥ 18 px and every visible control ≥ 60 px tall
// (reference.md §7; text links inside sentences are exempt, as in WCAG 2.5.8).
const elderJS = `JSON.stringify((() => {
	const out = [];
	if (!document.documentElement.classList.contains("zw-elder")) out.push("html lacks the zw-elder class");
	const fs = parseFloat(getComputedStyle(document.body).fontSize);
	if (fs < 18) out.push("body text is " + fs + " px in elder mode, want ≥ 18");
	const sel = "button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, .zw-button, .zw-tool, summary, .zw-pagebar__share";
	for (const el of document.querySelectorAll(sel)) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || el.closest("dialog:not([open]), [hidden]")) continue;
		if (r.height < 59.5) out.push((el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + [...el.classList].join(".")) + " is " + Math.round(r.height) + " px tall, want ≥ 60 in elder mode");
	}
	return out.slice(0, 8);
})())`

func elderProblems(ctx context.Context) []string {
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](elderJS))
	if err != nil {
		return []string{"elder check: " + err.Error()}
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return []string{"elder check: " + err.Error()}
	}
	return out
}

// axLine is one landmark, heading or live region of the outline.
type axLine struct {
	role   string
	level  int
	name   string
	live   string
	depth  int
	hidden bool // checked, not written to the snapshot
}

type axOutline []axLine

var landmarkRoles = map[string]bool{"banner": true, "main": true, "contentinfo": true, "navigation": true, "region": true,
	"complementary": true, "search": true, "form": true}

// outline walks the tree in document order and keeps landmarks, headings,
// dialogs and live regions, indented by landmark nesting.
func outline(nodes []*accessibility.Node) axOutline {
	byID := map[accessibility.NodeID]*accessibility.Node{}
	for _, n := range nodes {
		byID[n.NodeID] = n
	}
	var out axOutline
	var walk func(n *accessibility.Node, depth int)
	walk = func(n *accessibility.Node, depth int) {
		if n == nil {
			return
		}
		role, name := axString(n.Role), axString(n.Name)
		// A video's own controls (Chromium's shadow DOM) announce their
		// buffering state as it comes and goes: not the page's outline.
		if strings.EqualFold(role, "video") || strings.EqualFold(role, "audio") {
			return
		}
		live, level := "", 0
		for _, p := range n.Properties {
			switch p.Name {
			case accessibility.PropertyNameLive:
				live = axString(p.Value)
			case accessibility.PropertyNameLevel:
				_ = json.Unmarshal(p.Value.Value, &level)
			}
		}
		keep := !n.Ignored && (landmarkRoles[role] || role == "heading" || role == "dialog" || role == "status" || role == "alert" ||
			(live != "" && live != "off"))
		// The outline's skeleton: h3 and below are lists of data (results,
		// steps), checked for order but kept out of the snapshot.
		// Pagination comes and goes with the amount of data.
		hidden := role == "heading" && level > 2 || role == "navigation" && name == "分页"
		if keep {
			out = append(out, axLine{role: role, level: level, name: shorten(name), live: live, depth: depth, hidden: hidden})
		}
		next := depth
		if keep && (landmarkRoles[role] || role == "alert" || role == "status" || role == "dialog") {
			next++
		}
		for _, c := range n.ChildIDs {
			walk(byID[c], next)
		}
	}
	if len(nodes) > 0 {
		walk(nodes[0], 0)
	}
	return out
}

func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if json.Unmarshal(v.Value, &s) != nil {
		return string(v.Value)
	}
	return s
}

// shorten keeps names stable and short: digits (counts, dates) become #.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// String is the snapshot text. A run of identical siblings (one form per
// table row, say) is written once: how many rows there are depends on the
// data the other tests left, not on the page's structure.
func (o axOutline) String() string {
	var b strings.Builder
	prev := ""
	for _, l := range o {
		if l.hidden {
			continue
		}
		if line := l.text(); line != prev {
			b.WriteString(line)
			prev = line
		}
	}
	return b.String()
}

func (l axLine) text() string {
	var b strings.Builder
	b.WriteString(strings.Repeat("  ", l.depth) + l.role)
	if l.level > 0 {
		fmt.Fprintf(&b, " %d", l.level)
	}
	if l.live != "" {
		b.WriteString(" live=" + l.live)
	}
	if l.name != "" {
		b.WriteString(" “" + l.name + "”")
	}
	b.WriteByte('\n')
	return b.String()
}

// problems are the rules every page type keeps, whatever its snapshot.
func (o axOutline) problems() []string {
	var out []string
	count := map[string]int{}
	navNames := map[string]int{}
	prev, mainDepth := 0, -1
	for _, l := range o {
		if l.role == "main" {
			mainDepth = l.depth
		}
		// A notification banner above the h1 (its title an h2 inside its own
		// region or alert, as in the GOV.UK pattern) is not part of the
		// page's outline.
		if l.role == "heading" && prev == 0 && l.level != 1 && mainDepth >= 0 && l.depth > mainDepth+1 {
			continue
		}
		count[l.role]++
		if l.role == "navigation" {
			if l.name == "" {
				out = append(out, "a navigation landmark has no name")
			}
			navNames[l.name]++
		}
		if l.role == "heading" {
			if prev == 0 && l.level != 1 {
				out = append(out, fmt.Sprintf("the first heading is h%d “%s”, want h1", l.level, l.name))
			}
			if prev > 0 && l.level > prev+1 {
				out = append(out, fmt.Sprintf("heading level skipped: h%d “%s” after h%d", l.level, l.name, prev))
			}
			prev = l.level
		}
	}
	for _, r := range []string{"banner", "main", "contentinfo"} {
		if count[r] != 1 {
			out = append(out, fmt.Sprintf("%d %s landmarks, want 1", count[r], r))
		}
	}
	for name, n := range navNames {
		if n > 1 {
			out = append(out, fmt.Sprintf("%d navigation landmarks share the name “%s”", n, name))
		}
	}
	return out
}

// compareSnapshot checks the outline against the stored one.
func compareSnapshot(t *testing.T, name, got string) []string {
	path := filepath.Join(suite.root, "handlers", "e2e", "testdata", "a11ytree", name+".txt")
	want, err := os.ReadFile(path)
	if err != nil || os.Getenv("E2E_UPDATE_A11Y") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return []string{err.Error()}
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			return []string{err.Error()}
		}
		t.Logf("wrote %s", path)
		return nil
	}
	if string(want) != got {
		return []string{fmt.Sprintf("accessibility outline differs from %s (E2E_UPDATE_A11Y=1 to accept):\n--- want\n%s--- got\n%s", path, want, got)}
	}
	return nil
}
