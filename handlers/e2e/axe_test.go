//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets the pages must pass: WCAG 2.0 and 2.1, levels
// A and AA (GB/T 37668 and C 0103 9.4 follow WCAG 2.0 AA).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one failed axe rule with the elements it failed on.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"`
}

func (v Violation) String() string {
	return fmt.Sprintf("axe %s (%s): %s — %s\n      at %s", v.ID, v.Impact, v.Help, v.HelpURL, strings.Join(v.Targets, "\n      at "))
}

// axeWorld creates an isolated world in the main frame and loads axe-core
// into it. Page scripts cannot see or break it, and it works whether or not
// the page may run scripts.
func axeWorld(ctx context.Context, js bool) (runtime.ExecutionContextID, error) {
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return 0, err
	}
	w, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{
		FrameID: tree.FrameTree.Frame.ID, WorldName: "e2e-axe",
	})
	if err != nil {
		return 0, err
	}
	src := suite.axe
	if !js {
		// With script execution disabled Chromium never fires setTimeout
		// callbacks, and axe.run waits on them; MessageChannel and
		// requestAnimationFrame still work, so run timers on those.
		src = timerShimJS + src
	}
	r, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: src, ContextID: w.ExecutionContextID, Silent: new(true)})
	if err != nil {
		return 0, err
	}
	if r.ExceptionDetails != nil {
		return 0, fmt.Errorf("load axe-core: %s", r.ExceptionDetails.Text)
	}
	return w.ExecutionContextID, nil
}

// evalJSON evaluates expr (a string or a promise of a string holding JSON)
// in the world and decodes it into v.
func evalJSON(ctx context.Context, world runtime.ExecutionContextID, expr string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	r, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{
		Expression: expr, ContextID: world, ReturnByValue: new(true), AwaitPromise: new(true),
	})
	if err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		msg := r.ExceptionDetails.Text
		if r.ExceptionDetails.Exception != nil {
			msg += " " + r.ExceptionDetails.Exception.Description
		}
		return fmt.Errorf("%s", msg)
	}
	var s string
	if err := json.Unmarshal(r.Result.Value, &s); err != nil {
		return fmt.Errorf("result is not a JSON string: %w", err)
	}
	return json.Unmarshal([]byte(s), v)
}

// unwrapNoscriptJS replaces each <noscript> by its children (the parser
// built them as elements because scripting is disabled).
const unwrapNoscriptJS = `JSON.stringify([...document.querySelectorAll("noscript")].map(n => n.replaceWith(...n.childNodes)).length)`

// factsJS reads the page-level facts.
const factsJS = `JSON.stringify({
	lang: document.documentElement.getAttribute("lang") || "",
	h1: document.querySelectorAll("h1").length,
	scrollWidth: document.documentElement.scrollWidth,
	innerWidth: window.innerWidth,
})`

func axeRunJS() string {
	tags, _ := json.Marshal(axeTags)
	return `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"]})
	.then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" → ")),
	}))))`
}

// timerShimJS replaces setTimeout in the isolated world only (the page's
// own world is untouched): zero delays run from a MessageChannel task,
// longer ones are checked every animation frame.
const timerShimJS = `(() => {
	const timers = new Map();
	let next = 1;
	const ch = new MessageChannel();
	const fire = (id) => { const t = timers.get(id); if (!t) return; timers.delete(id); t.fn(...t.args); };
	ch.port1.onmessage = (e) => fire(e.data);
	const tick = () => {
		const now = performance.now();
		for (const [id, t] of timers) if (t.at <= now) fire(id);
		if ([...timers.values()].some(t => t.at > now)) requestAnimationFrame(tick);
	};
	window.setTimeout = (fn, ms, ...args) => {
		const id = next++;
		ms = Number(ms) || 0;
		timers.set(id, {fn: typeof fn === "function" ? fn : () => {}, args, at: performance.now() + ms});
		if (ms <= 0) ch.port2.postMessage(id); else requestAnimationFrame(tick);
		return id;
	};
	window.clearTimeout = (id) => { timers.delete(id); };
})();
`
