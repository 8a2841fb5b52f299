package admin

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// words is GET /admin/vocabulary/stopwords and …/banned.
func (h *console) words(c echo.Context) error {
	if _, ok := vocabLists[c.Param("list")]; !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return h.renderWords(c, http.StatusOK, components.NewForm(url.Values{"kind": {content.KindStop}}))
}

func (h *console) renderWords(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	name := c.Param("list")
	list := vocabLists[name]
	q, pg := c.QueryParam("q"), page(c)
	rows, total, err := h.content.ListWords(ctx, list, q, (pg-1)*vocabPerPage, vocabPerPage)
	if err != nil {
		return err
	}
	base := "/admin/vocabulary/" + name
	title := locales.T(ctx, "admin.vocab."+name)
	filter := components.NewForm(url.Values{"q": {q}}).Field("q")
	p := admin.ListProps{Shell: h.shell(c, title, h.vocabCrumbs(ctx, title)...), Intro: locales.T(ctx, "admin.vocab."+name+"_intro"),
		FormTitle: locales.T(ctx, "admin.vocab.add_word"), FormURL: base, Submit: locales.T(ctx, "admin.vocab.add"),
		Inputs: []admin.Input{{Field: f.Field("word"), Label: locales.T(ctx, "admin.vocab.word"), Width: components.Width20}},
		Filter: &filter, Count: locales.T(ctx, "admin.list.count", total), Caption: title, Empty: locales.T(ctx, "admin.list.empty"),
		Pages: components.PaginationProps{BaseURL: base, Query: url.Values{"q": {q}}, Page: pg, Total: pages(total, vocabPerPage)}}
	if list == content.ListStopwords {
		p.Inputs = append(p.Inputs, admin.Input{Kind: "radios", Field: f.Field("kind"), Label: locales.T(ctx, "admin.vocab.kind"),
			Radios: []components.RadioItem{{Value: content.KindStop, Text: locales.T(ctx, "admin.vocab.kind.stop"), Hint: locales.T(ctx, "admin.vocab.kind.stop_hint")},
				{Value: content.KindWeak, Text: locales.T(ctx, "admin.vocab.kind.weak"), Hint: locales.T(ctx, "admin.vocab.kind.weak_hint")}}})
		p.Head = []string{locales.T(ctx, "admin.vocab.word"), locales.T(ctx, "admin.vocab.kind")}
	} else {
		p.Inputs = append(p.Inputs, admin.Input{Field: f.Field("note"), Label: locales.T(ctx, "admin.vocab.note")})
		p.Head = []string{locales.T(ctx, "admin.vocab.word"), locales.T(ctx, "admin.vocab.note")}
	}
	for _, w := range rows {
		second := w.Note
		if list == content.ListStopwords {
			second = locales.T(ctx, "admin.vocab.kind."+w.Kind)
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{w.Word, second}, Actions: []admin.Action{{Href: base + "/delete",
			Text: locales.T(ctx, "admin.vocab.delete", w.Word), Variant: components.ButtonWarning, Fields: map[string]string{"word": w.Word}}}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.List(h.chrome(c), p))
}

// addWord is POST /admin/vocabulary/{list}.
func (h *console) addWord(c echo.Context) error {
	list, ok := vocabLists[c.Param("list")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	s, _ := current(c)
	f := postedForm(c)
	err := h.content.AddWord(c.Request().Context(), s, c.RealIP(), list, content.Word{Word: f.Value("word"), Kind: f.Value("kind"), Note: f.Value("note")})
	return h.vocabResult(c, err, f, "/admin/vocabulary/"+c.Param("list"), func(st int, f *components.Form) error { return h.renderWords(c, st, f) })
}

// deleteWord is POST /admin/vocabulary/{list}/delete with the word.
func (h *console) deleteWord(c echo.Context) error {
	list, ok := vocabLists[c.Param("list")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	s, _ := current(c)
	err := h.content.DeleteWord(c.Request().Context(), s, c.RealIP(), list, c.FormValue("word"))
	return h.vocabResult(c, err, nil, "/admin/vocabulary/"+c.Param("list"), nil)
}
