package handlers

import (
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/consult"
	cview "github.com/zwfw/portal/views/consult"
)

// withSatisfaction adds the public satisfaction of the matter (C 0103 7.6;
// issue 8 item 6) and the way to consult about it to a guide page's
// actions. handlers/matters_guide.go calls it with one line. Without the
// account handler (accounts off) the actions are left as they are.
func withSatisfaction(c echo.Context, sat *consult.SatisfactionCache, actions []templ.Component, code string) []templ.Component {
	h, _ := c.Get(ctxAccount).(*accountHandler)
	if h == nil || sat == nil {
		return actions
	}
	ctx := c.Request().Context()
	s, err := sat.Item(ctx, code)
	if err != nil {
		return actions
	}
	p := cview.SatisfactionProps{Text: locales.T(ctx, "consult.sat.none"), ConsultHref: "/consultations/new?item=" + code,
		ConsultText: locales.T(ctx, "consult.sat.ask")}
	if s.Count > 0 {
		p.Text = locales.T(ctx, "consult.sat.text", s.Average(), s.Rate(), s.Count)
	}
	return append(actions, cview.Satisfaction(p))
}
