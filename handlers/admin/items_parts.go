package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// registerParts adds the row editors of an item's materials, fees, steps
// and FAQs (C 0103 7.1: the guide's 材料目录, 收费项目, 办理流程, 常见问题).
func (h *console) registerParts(g *echo.Group) {
	p := staff.PermItems
	for _, kind := range content.PartKinds {
		base := "/items/:id/" + kind
		g.GET(base+"/new", need(p, h.newPart(kind)))
		g.POST(base, need(p, h.savePart(kind, false)))
		g.GET(base+"/:part/edit", need(p, h.editPart(kind)))
		g.POST(base+"/:part", need(p, h.savePart(kind, false)))
		g.POST(base+"/:part/delete", need(p, h.savePart(kind, true)))
	}
}

func partURL(itemID int64, kind string, partID int64) string {
	u := itemURL(itemID) + "/" + kind
	if partID != 0 {
		u += "/" + strconv.FormatInt(partID, 10)
	}
	return u
}

// partSections lists every part of an item for its page.
func (h *console) partSections(ctx context.Context, sc staff.Scope, it content.Item) ([]admin.PartSection, error) {
	var out []admin.PartSection
	for _, kind := range content.PartKinds {
		_, rows, err := h.content.Parts(ctx, sc, it.ID, kind)
		if err != nil {
			return nil, err
		}
		sec := admin.PartSection{ID: "part-" + kind, Title: locales.T(ctx, "admin.field."+kind),
			Empty: locales.T(ctx, "admin.part."+kind+".empty"), AddText: locales.T(ctx, "admin.part."+kind+".add"),
			AddHref: partURL(it.ID, kind, 0) + "/new"}
		for _, r := range rows {
			sec.Rows = append(sec.Rows, admin.Link{Text: r.Line(kind), Href: partURL(it.ID, kind, r.ID) + "/edit"})
		}
		out = append(out, sec)
	}
	return out, nil
}

// partFields builds the form fields of a part from the model's list.
func partFields(ctx context.Context, kind string, f *components.Form) []admin.FormField {
	var out []admin.FormField
	for _, pf := range content.PartFields[kind] {
		key := "admin.part." + kind + "." + pf.Name
		ff := admin.FormField{Field: f.Field(pf.Name), Label: locales.T(ctx, key)}
		switch pf.Kind {
		case content.FieldText:
			ff.Kind, ff.Hint = admin.InputText, locales.T(ctx, "admin.field.rich_hint")
		case content.FieldCount:
			ff.Kind = admin.InputNumber
		case content.FieldBool:
			ff.Kind = admin.InputYesNo
		case content.FieldChoice:
			ff.Kind = admin.InputSelect
			if !pf.Required {
				ff.Options = append(ff.Options, components.SelectOption{Value: "", Text: locales.T(ctx, "admin.part.unset")})
			}
			for _, c := range pf.Choices {
				ff.Options = append(ff.Options, components.SelectOption{Value: c, Text: c})
			}
		default:
			ff.Kind = admin.InputLine
		}
		out = append(out, ff)
	}
	return out
}

func partOrder(kind string) []string {
	var out []string
	for _, pf := range content.PartFields[kind] {
		out = append(out, pf.Name)
	}
	return out
}

// partPage is what renderPart needs besides the form.
type partPage struct {
	kind     string
	item     content.Item
	partID   int64
	version  int
	conflict *admin.ConflictProps
}

func (h *console) renderPart(c echo.Context, status int, f *components.Form, pp partPage) error {
	ctx := c.Request().Context()
	titleKey := "admin.part." + pp.kind + ".new_title"
	if pp.partID != 0 {
		titleKey = "admin.part." + pp.kind + ".edit_title"
	}
	title := locales.T(ctx, titleKey)
	p := admin.PartFormProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"},
		components.Crumb{Text: pp.item.Fields.Name, Href: itemURL(pp.item.ID)}, components.Crumb{Text: title}),
		Action: partURL(pp.item.ID, pp.kind, pp.partID), Version: strconv.Itoa(pp.version), Fields: partFields(ctx, pp.kind, f),
		Submit: locales.T(ctx, "admin.items.save"), Cancel: itemURL(pp.item.ID) + "#part-" + pp.kind, Conflict: pp.conflict}
	if pp.partID != 0 {
		p.Delete = &admin.Action{Href: partURL(pp.item.ID, pp.kind, pp.partID) + "/delete", Text: locales.T(ctx, "admin.part.delete"),
			Variant: components.ButtonWarning, Fields: map[string]string{"version": strconv.Itoa(pp.version)}}
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.PartForm(h.chrome(c), p))
}

// newPart is GET /admin/items/{id}/{part}/new.
func (h *console) newPart(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		it, err := h.content.GetItem(c.Request().Context(), s.Scope(), n)
		if err != nil {
			return err
		}
		vals := url.Values{}
		for _, pf := range content.PartFields[kind] {
			if pf.Kind == content.FieldBool {
				vals.Set(pf.Name, "0")
			}
		}
		return h.renderPart(c, http.StatusOK, components.NewForm(vals), partPage{kind: kind, item: it, version: it.Version})
	}
}

// editPart is GET /admin/items/{id}/{part}/{row}/edit.
func (h *console) editPart(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		pid, err := id(c, "part")
		if err != nil {
			return err
		}
		it, row, err := h.content.GetPart(c.Request().Context(), s.Scope(), n, kind, pid)
		if err != nil {
			return err
		}
		vals := url.Values{}
		for k, v := range row.Values {
			vals.Set(k, v)
		}
		return h.renderPart(c, http.StatusOK, components.NewForm(vals), partPage{kind: kind, item: it, partID: pid, version: it.Version})
	}
}
