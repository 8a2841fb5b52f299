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
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// docFieldOrder is the order of the document forms' fields.
var docFieldOrder = []string{"title", "doc_number", "issuer", "policy", "date", "source", "body", "position", "items"}

// docValues turns a document into form values.
func docValues(d content.SiteDoc) url.Values {
	v := url.Values{"title": {d.Title}, "body": {d.Body}, "doc_number": {d.DocNumber}, "issuer": {d.Issuer}, "source": {d.Source},
		"items": {strings.Join(d.ItemCodes, "\n")}}
	if !d.Date.IsZero() {
		v.Set("date", d.Date.UTC().Format("2006-01-02"))
	}
	if d.PolicyID > 0 {
		v.Set("policy", strconv.FormatInt(d.PolicyID, 10))
	}
	if d.Kind == content.DocTopic {
		v.Set("position", strconv.Itoa(d.Position))
	}
	return v
}

// docFrom reads a submitted document; unreadable numbers and dates fail
// their field.
func docFrom(ctx context.Context, f *components.Form, kind, site string) content.SiteDoc {
	d := content.SiteDoc{Kind: kind, SiteCode: site, Title: f.Value("title"), Body: f.Value("body"), DocNumber: f.Value("doc_number"),
		Issuer: f.Value("issuer"), Source: f.Value("source"), ItemCodes: strings.Fields(f.Value("items"))}
	if v := strings.TrimSpace(f.Value("date")); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, time.UTC)
		if err != nil {
			f.Fail("date", locales.T(ctx, "admin.err.date"))
		}
		d.Date = t
	}
	for name, dst := range map[string]*int{"position": &d.Position} {
		if v := strings.TrimSpace(f.Value(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				f.Fail(name, locales.T(ctx, "admin.err.number"))
			}
			*dst = n
		}
	}
	if v := strings.TrimSpace(f.Value("policy")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Fail("policy", locales.T(ctx, "admin.err.number"))
		}
		d.PolicyID = n
	}
	return d
}

// docInputs are the form's controls for kind, in order.
func docInputs(ctx context.Context, f *components.Form, kind string) []admin.Input {
	t := func(k string) string { return locales.T(ctx, k) }
	title := admin.Input{Field: f.Field("title"), Label: t("admin.doc.title")}
	body := admin.Input{Kind: "textarea", Field: f.Field("body"), Label: t("admin.doc.body"), Hint: t("admin.field.rich_hint")}
	items := admin.Input{Kind: "textarea", Field: f.Field("items"), Label: t("admin.doc.items"), Hint: t("admin.doc.items_hint")}
	switch kind {
	case content.DocPolicy:
		return []admin.Input{title, {Field: f.Field("doc_number"), Label: t("admin.doc.doc_number"), Width: components.Width20},
			{Field: f.Field("issuer"), Label: t("admin.doc.issuer")}, {Kind: "date", Field: f.Field("date"), Label: t("admin.doc.issued_on")},
			{Field: f.Field("source"), Label: t("admin.doc.source")}, body}
	case content.DocInterp:
		return []admin.Input{title, {Kind: "number", Field: f.Field("policy"), Label: t("admin.doc.policy"), Hint: t("admin.doc.policy_hint")},
			{Kind: "date", Field: f.Field("date"), Label: t("admin.doc.published_on")}, {Field: f.Field("source"), Label: t("admin.doc.source")}, body, items}
	}
	body.Label, body.Hint = t("admin.doc.summary"), ""
	return []admin.Input{title, body, {Kind: "number", Field: f.Field("position"), Label: t("admin.doc.position"), Hint: t("admin.doc.position_hint")}, items}
}

type docPage struct {
	site, name, kind string
	doc              *content.SiteDoc // nil when new
	stamp            int64
	conflict         *admin.ConflictProps
}

func (h *console) renderDoc(c echo.Context, status int, f *components.Form, dp docPage) error {
	ctx := c.Request().Context()
	base := siteURL(dp.site) + "/" + dp.kind
	p := admin.DocFormProps{Conflict: dp.conflict, Form: admin.FormProps{Action: base, Inputs: docInputs(ctx, f, dp.kind),
		Submit: locales.T(ctx, "admin.items.create"), Cancel: base}}
	if dp.doc == nil {
		title := locales.T(ctx, "admin.doc.new."+dp.kind)
		p.Shell = h.shell(c, title, h.docCrumbs(ctx, dp.site, dp.name, dp.kind, components.Crumb{Text: title})...)
	} else {
		u := base + "/" + strconv.FormatInt(dp.doc.ID, 10)
		p.Shell = h.shell(c, dp.doc.Title, h.docCrumbs(ctx, dp.site, dp.name, dp.kind, components.Crumb{Text: dp.doc.Title})...)
		p.Form.Action, p.Form.Submit = u, locales.T(ctx, "admin.items.save")
		p.Form.Hidden = map[string]string{"stamp": strconv.FormatInt(dp.stamp, 10)}
		tag := components.TagProps{Text: docStatus(ctx, dp.doc.Published), Colour: components.TagYellow}
		a := admin.Action{Href: u + "/publish", Text: locales.T(ctx, "admin.doc.publish", dp.doc.Title)}
		if dp.doc.Published {
			tag.Colour = components.TagGreen
			a = admin.Action{Href: u + "/unpublish", Text: locales.T(ctx, "admin.doc.unpublish", dp.doc.Title), Variant: components.ButtonWarning}
			p.Links = []admin.Link{{Text: locales.T(ctx, "admin.items.public"), Href: "/sites/" + dp.site + "/" + dp.kind + "/" + strconv.FormatInt(dp.doc.ID, 10)}}
		}
		p.Status, p.Actions = &tag, []admin.Action{a}
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.DocForm(h.chrome(c), p))
}

func (h *console) newDoc(c echo.Context) error {
	code, name, err := h.siteIn(c)
	if err != nil || !content.ValidDocKind(c.Param("kind")) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return h.renderDoc(c, http.StatusOK, components.NewForm(nil), docPage{site: code, name: name, kind: c.Param("kind")})
}

func (h *console) createDoc(c echo.Context) error {
	return h.saveDoc(c, 0)
}

func (h *console) editDoc(c echo.Context) error {
	s, _ := current(c)
	code, name, err := h.siteIn(c)
	if err != nil {
		return err
	}
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	d, err := h.content.SiteDoc(c.Request().Context(), s.Scope(), code, c.Param("kind"), n)
	if err != nil {
		return err
	}
	return h.renderDoc(c, http.StatusOK, components.NewForm(docValues(d)), docPage{site: code, name: name, kind: d.Kind, doc: &d, stamp: d.Stamp()})
}

func (h *console) updateDoc(c echo.Context) error {
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	return h.saveDoc(c, n)
}

// saveDoc creates (n == 0) or updates a document; a stale stamp is a 409
// with the editor's text kept and the body's differences shown.
func (h *console) saveDoc(c echo.Context, n int64) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	code, name, err := h.siteIn(c)
	kind := c.Param("kind")
	if err != nil || !content.ValidDocKind(kind) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	dp := docPage{site: code, name: name, kind: kind}
	if n > 0 {
		cur, err := h.content.SiteDoc(ctx, s.Scope(), code, kind, n)
		if err != nil {
			return err
		}
		dp.doc = &cur
	}
	vals := postedValues(c)
	f := components.NewForm(vals)
	d := docFrom(ctx, f, kind, code)
	d.ID = n
	dp.stamp, _ = strconv.ParseInt(f.Value("stamp"), 10, 64)
	if f.HasErrors() {
		return h.renderDoc(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, h.content.CheckDoc(ctx, d), docFieldOrder), dp)
	}
	saved, err := h.content.SaveDoc(ctx, s, c.RealIP(), d, dp.stamp)
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return h.renderDoc(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, docFieldOrder), dp)
	case errors.Is(err, models.ErrConflict):
		dp.stamp = dp.doc.Stamp()
		dp.conflict = &admin.ConflictProps{Text: locales.T(ctx, "admin.conflict.doc_text", stamp(dp.doc.UpdatedAt)),
			Diffs: diffView(ctx, []content.FieldDiff{{Field: "body", Lines: content.DiffLines(dp.doc.Body, content.Clean(d.Body))}})}
		return h.renderDoc(c, http.StatusConflict, f, dp)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.doc.saved"), siteURL(code)+"/"+kind+"/"+strconv.FormatInt(saved.ID, 10))
}
