package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

const vocabPerPage = 50

func (h *console) registerVocabulary(g *echo.Group) {
	p := staff.PermVocabulary
	g.GET("/vocabulary", need(p, h.vocabIndex))
	g.GET("/vocabulary/thesaurus", need(p, h.thesaurus))
	g.POST("/vocabulary/thesaurus", need(p, h.addSynonym))
	g.POST("/vocabulary/thesaurus/:id/enable", need(p, h.toggleSynonym(true)))
	g.POST("/vocabulary/thesaurus/:id/disable", need(p, h.toggleSynonym(false)))
	g.POST("/vocabulary/thesaurus/:id/delete", need(p, h.deleteSynonym))
	g.GET("/vocabulary/:list", need(p, h.words))
	g.POST("/vocabulary/:list", need(p, h.addWord))
	g.POST("/vocabulary/:list/delete", need(p, h.deleteWord))
	h.registerPins(g)
}

// vocabLists maps URL names to the tables of models/content.
var vocabLists = map[string]string{"stopwords": content.ListStopwords, "banned": content.ListBanned}

func (h *console) vocabCrumbs(ctx context.Context, title string) []components.Crumb {
	return []components.Crumb{{Text: locales.T(ctx, "admin.nav.vocabulary"), Href: "/admin/vocabulary"}, {Text: title}}
}

// vocabIndex is GET /admin/vocabulary: the four lists.
func (h *console) vocabIndex(c echo.Context) error {
	ctx := c.Request().Context()
	title := locales.T(ctx, "admin.nav.vocabulary")
	p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "admin.vocab.intro"),
		Links: []admin.Link{{Text: locales.T(ctx, "admin.vocab.thesaurus"), Href: "/admin/vocabulary/thesaurus"},
			{Text: locales.T(ctx, "admin.vocab.stopwords"), Href: "/admin/vocabulary/stopwords"},
			{Text: locales.T(ctx, "admin.vocab.banned"), Href: "/admin/vocabulary/banned"},
			{Text: locales.T(ctx, "admin.vocab.pins"), Href: "/admin/vocabulary/pins"}}}
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

// page reads ?page= (1 when missing or bad).
func page(c echo.Context) int {
	n, _ := strconv.Atoi(c.QueryParam("page"))
	return max(n, 1)
}

func pages(total int64, per int) int { return int((total + int64(per) - 1) / int64(per)) }

// thesaurus is GET /admin/vocabulary/thesaurus.
func (h *console) thesaurus(c echo.Context) error {
	return h.renderThesaurus(c, http.StatusOK, components.NewForm(nil))
}

func (h *console) renderThesaurus(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	q, pg := c.QueryParam("q"), page(c)
	rows, total, err := h.content.ListSynonyms(ctx, q, (pg-1)*vocabPerPage, vocabPerPage)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.vocab.thesaurus")
	filter := components.NewForm(url.Values{"q": {q}}).Field("q")
	p := admin.ListProps{Shell: h.shell(c, title, h.vocabCrumbs(ctx, title)...), Intro: locales.T(ctx, "admin.vocab.thesaurus_intro"),
		FormTitle: locales.T(ctx, "admin.vocab.add_synonym"), FormURL: "/admin/vocabulary/thesaurus", Submit: locales.T(ctx, "admin.vocab.add"),
		Inputs: []admin.Input{{Field: f.Field("term"), Label: locales.T(ctx, "admin.vocab.term"), Hint: locales.T(ctx, "admin.vocab.term_hint"), Width: components.Width20},
			{Field: f.Field("official"), Label: locales.T(ctx, "admin.vocab.official"), Width: components.Width20},
			{Field: f.Field("note"), Label: locales.T(ctx, "admin.vocab.note")}},
		Filter: &filter, Count: locales.T(ctx, "admin.list.count", total), Caption: locales.T(ctx, "admin.vocab.synonyms"),
		Head:  []string{locales.T(ctx, "admin.vocab.term"), locales.T(ctx, "admin.vocab.official"), locales.T(ctx, "admin.vocab.state")},
		Empty: locales.T(ctx, "admin.list.empty"),
		Pages: components.PaginationProps{BaseURL: "/admin/vocabulary/thesaurus", Query: url.Values{"q": {q}}, Page: pg, Total: pages(total, vocabPerPage)}}
	for _, r := range rows {
		base := "/admin/vocabulary/thesaurus/" + strconv.FormatInt(r.ID, 10)
		state, toggle, verb := locales.T(ctx, "admin.vocab.on"), base+"/disable", locales.T(ctx, "admin.vocab.disable", r.Term)
		if !r.Enabled {
			state, toggle, verb = locales.T(ctx, "admin.vocab.off"), base+"/enable", locales.T(ctx, "admin.vocab.enable", r.Term)
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{r.Term, r.Official, state}, Actions: []admin.Action{
			{Href: toggle, Text: verb, Variant: components.ButtonSecondary},
			{Href: base + "/delete", Text: locales.T(ctx, "admin.vocab.delete", r.Term), Variant: components.ButtonWarning}}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.List(h.chrome(c), p))
}

// vocabResult answers a vocabulary change: 422 with the form kept, or a
// 303 back to the list with a banner.
func (h *console) vocabResult(c echo.Context, err error, f *components.Form, back string, render func(int, *components.Form) error) error {
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve) && render != nil:
		f.AddErrors(c.Request().Context(), ve.Order, ve.Fields)
		return render(http.StatusUnprocessableEntity, f)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "admin.vocab.saved"), back)
}

func (h *console) addSynonym(c echo.Context) error {
	s, _ := current(c)
	f := postedForm(c)
	err := h.content.AddSynonym(c.Request().Context(), s, c.RealIP(), f.Value("term"), f.Value("official"), f.Value("note"))
	return h.vocabResult(c, err, f, "/admin/vocabulary/thesaurus", func(st int, f *components.Form) error { return h.renderThesaurus(c, st, f) })
}

func (h *console) toggleSynonym(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		err = h.content.SetSynonymEnabled(c.Request().Context(), s, c.RealIP(), n, on)
		return h.vocabResult(c, err, nil, "/admin/vocabulary/thesaurus", nil)
	}
}

func (h *console) deleteSynonym(c echo.Context) error {
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	err = h.content.DeleteSynonym(c.Request().Context(), s, c.RealIP(), n)
	return h.vocabResult(c, err, nil, "/admin/vocabulary/thesaurus", nil)
}

// parseDate reads a yyyy-mm-dd date as the start of that day in Beijing
// time; ok is false for text that is not a date ("" is a zero time).
func parseDate(s string) (time.Time, bool) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation("2006-01-02", s, beijing)
	return t, err == nil
}
