package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// itemForm holds what renderItemForm needs besides the form values.
type itemForm struct {
	item     *content.Item // nil for a new item
	version  int
	conflict *admin.ConflictProps
}

func (h *console) renderItemForm(c echo.Context, status int, f *components.Form, st itemForm) error {
	ctx := c.Request().Context()
	list := components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"}
	p := admin.ItemFormProps{Form: f, Submit: locales.T(ctx, "admin.items.save"), Conflict: st.conflict}
	if st.item == nil {
		title := locales.T(ctx, "admin.items.new")
		p.Shell, p.New, p.Action, p.Cancel = h.shell(c, title, list, components.Crumb{Text: title}), true, "/admin/items", "/admin/items"
		p.Submit = locales.T(ctx, "admin.items.create")
		p.Depts = []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.item.dept_default")}}
		for _, d := range h.ref.Departments() {
			p.Depts = append(p.Depts, components.SelectOption{Value: d.Code, Text: d.Label(locales.Lang(ctx))})
		}
	} else {
		title := locales.T(ctx, "admin.items.edit_title", st.item.Fields.Name)
		p.Shell = h.shell(c, title, list, components.Crumb{Text: st.item.Fields.Name, Href: itemURL(st.item.ID)},
			components.Crumb{Text: locales.T(ctx, "admin.items.edit")})
		p.Action, p.Cancel, p.Version = itemURL(st.item.ID), itemURL(st.item.ID), strconv.Itoa(st.version)
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.ItemForm(h.chrome(c), p))
}

// fieldForm turns an item's fields into form values.
func fieldForm(f content.ItemFields) url.Values {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	online := "0"
	if f.Online {
		online = "1"
	}
	return url.Values{"name": {f.Name}, "legal_basis": {f.LegalBasis}, "conditions": {f.Conditions},
		"statutory_limit": {num(f.StatutoryLimit)}, "promised_limit": {num(f.PromisedLimit)}, "promised_note": {f.PromisedNote},
		"location": {f.Location}, "hours": {f.Hours}, "consult": {f.Consult}, "complaint": {f.Complaint},
		"online": {online}, "online_url": {f.OnlineURL}, "mobile_url": {f.MobileURL}}
}

// parseFields reads the submitted fields; a number that is not one is a
// form error (the model checks the rest).
func parseFields(ctx context.Context, f *components.Form) content.ItemFields {
	num := func(name string) int {
		v := strings.TrimSpace(f.Value(name))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			f.Fail(name, locales.T(ctx, "admin.err.number"))
		}
		return n
	}
	return content.ItemFields{Name: f.Value("name"), LegalBasis: f.Value("legal_basis"), Conditions: f.Value("conditions"),
		StatutoryLimit: num("statutory_limit"), PromisedLimit: num("promised_limit"), PromisedNote: f.Value("promised_note"),
		Location: f.Value("location"), Hours: f.Value("hours"), Consult: f.Value("consult"), Complaint: f.Value("complaint"),
		Online: f.Value("online") == "1", OnlineURL: f.Value("online_url"), MobileURL: f.Value("mobile_url")}
}

// itemFieldOrder is the order of the item form's fields.
var itemFieldOrder = append([]string{"matter", "region", "dept", "body"}, content.FieldOrder...)

// newItem is GET /admin/items/new.
func (h *console) newItem(c echo.Context) error {
	return h.renderItemForm(c, http.StatusOK, components.NewForm(url.Values{"online": {"0"}}), itemForm{})
}

// createItem is POST /admin/items: a draft inside the scope.
func (h *console) createItem(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	vals := postedValues(c)
	f := components.NewForm(vals)
	fields := parseFields(ctx, f)
	if f.HasErrors() {
		f = inOrder(ctx, vals, f, content.CheckFields(fields), itemFieldOrder)
		return h.renderItemForm(c, http.StatusUnprocessableEntity, f, itemForm{})
	}
	it, err := h.content.CreateItem(ctx, s, c.RealIP(), content.NewItem{MatterCode: f.Value("matter"), RegionCode: f.Value("region"),
		DeptCode: f.Value("dept"), BodyName: f.Value("body"), Fields: fields})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.renderItemForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, itemFieldOrder), itemForm{})
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.items.created", it.Code), itemURL(it.ID))
}

// editItem is GET /admin/items/{id}/edit.
func (h *console) editItem(c echo.Context) error {
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.content.GetItem(c.Request().Context(), s.Scope(), n)
	if err != nil {
		return err
	}
	return h.renderItemForm(c, http.StatusOK, components.NewForm(fieldForm(it.Fields)), itemForm{item: &it, version: it.Version})
}

// updateItem is POST /admin/items/{id}. A stale version answers 409 with
// the editor's text still in the form, what the other person saved and
// the differences; the form then carries the new version, so saving again
// is a deliberate overwrite.
func (h *console) updateItem(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.content.GetItem(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	vals := postedValues(c)
	f := components.NewForm(vals)
	version, _ := strconv.Atoi(f.Value("version"))
	fields := parseFields(ctx, f)
	if f.HasErrors() {
		f = inOrder(ctx, vals, f, content.CheckFields(fields), itemFieldOrder)
		return h.renderItemForm(c, http.StatusUnprocessableEntity, f, itemForm{item: &it, version: version})
	}
	_, err = h.content.UpdateItem(ctx, s, c.RealIP(), n, version, fields)
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return h.renderItemForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, itemFieldOrder), itemForm{item: &it, version: version})
	case errors.Is(err, models.ErrConflict):
		cf := &admin.ConflictProps{Text: locales.T(ctx, "admin.conflict.text", it.Version, version),
			Diffs: diffView(ctx, content.DiffFields(it.Fields, fields))}
		return h.renderItemForm(c, http.StatusConflict, f, itemForm{item: &it, version: it.Version, conflict: cf})
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.items.saved"), itemURL(n))
}

// diffView labels a model diff for the page.
func diffView(ctx context.Context, ds []content.FieldDiff) []admin.DiffField {
	out := make([]admin.DiffField, 0, len(ds))
	for _, d := range ds {
		df := admin.DiffField{Label: locales.T(ctx, "admin.field."+d.Field)}
		for _, l := range d.Lines {
			df.Lines = append(df.Lines, admin.DiffLine{Op: l.Op, Text: l.Text})
		}
		out = append(out, df)
	}
	return out
}
