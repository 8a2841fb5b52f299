//go:build e2e

package e2e

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// Setup is what a Page.Setup func gets: the tab of the case, about to load
// the page, and the running portal.
type Setup struct {
	Ctx context.Context  // the chromedp context of the case's tab
	Env *handlertest.Env // Env.Store for data, Env.Server.URL for the base URL
}

// Visit loads path in the case's tab and fails on any status but 200.
func (s *Setup) Visit(path string) error {
	res, err := chromedp.Run(s.Ctx, chromedp.NavigateResponse(s.Env.Server.URL+path))
	if err != nil {
		return err
	}
	if res == nil || res.Status != 200 {
		return fmt.Errorf("setup: GET %s did not answer 200", path)
	}
	return nil
}

// Submit loads path, fills the named fields of the form matched by the CSS
// selector form and submits it as a person would, waiting for the next page
// (a POST answered by 303, then the page it points to).
func (s *Setup) Submit(path, form string, fields map[string]string) error {
	if err := s.Visit(path); err != nil {
		return err
	}
	for name, v := range fields {
		sel := chromedp.CSS(fmt.Sprintf(`%s [name=%q]`, form, name))
		if err := chromedp.Do(s.Ctx, chromedp.SetValue(sel, v)); err != nil {
			return fmt.Errorf("setup: field %s: %w", name, err)
		}
	}
	res, err := chromedp.RunResponse(s.Ctx, chromedp.Submit(chromedp.CSS(form)))
	if err != nil {
		return err
	}
	// A rejected form (422, 403 …) would otherwise go unnoticed and the
	// case would audit a signed-out page.
	if res == nil || res.Status >= 400 {
		return fmt.Errorf("setup: submitting %s on %s did not succeed", form, path)
	}
	return nil
}
