package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// savePart is POST /admin/items/{id}/{part} (add), …/{row} (change) and
// …/{row}/delete. A stale version answers 409 with the editor's values
// still in the form, what is saved now and the differences; the form then
// carries the current version, so saving again is a deliberate overwrite.
func (h *console) savePart(kind string, del bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		var pid int64
		if c.Param("part") != "" {
			if pid, err = id(c, "part"); err != nil {
				return err
			}
		}
		it, err := h.content.GetItem(ctx, s.Scope(), n)
		if err != nil {
			return err
		}
		vals := postedValues(c)
		version, _ := strconv.Atoi(vals.Get("version"))
		in := map[string]string{}
		for _, pf := range content.PartFields[kind] {
			in[pf.Name] = vals.Get(pf.Name)
		}
		f := components.NewForm(vals)
		pp := partPage{kind: kind, item: it, partID: pid, version: version}
		_, err = h.content.SavePart(ctx, s, c.RealIP(), n, content.PartChange{Kind: kind, PartID: pid, Version: version, Values: in, Delete: del})
		var ve *models.ValidationError
		switch {
		case errors.As(err, &ve):
			return h.renderPart(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, partOrder(kind)), pp)
		case errors.Is(err, models.ErrConflict):
			return h.partConflict(c, f, pp, in, del)
		case err != nil:
			return err
		}
		msg := "admin.part.saved"
		if del {
			msg = "admin.part.deleted"
		}
		return flashAndGo(c, locales.T(ctx, msg), itemURL(n)+"#part-"+kind)
	}
}

// partConflict re-renders the form after a stale save: the editor's values
// (or, for a deletion, the row as saved now) with the differences.
func (h *console) partConflict(c echo.Context, f *components.Form, pp partPage, mine map[string]string, del bool) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	it, err := h.content.GetItem(ctx, s.Scope(), pp.item.ID)
	if err != nil {
		return err
	}
	saved := map[string]string{}
	if pp.partID != 0 {
		_, row, err := h.content.GetPart(ctx, s.Scope(), pp.item.ID, pp.kind, pp.partID)
		switch {
		case errors.Is(err, models.ErrNotFound):
			pp.partID = 0 // deleted meanwhile: saving again adds the editor's row
		case err != nil:
			return err
		default:
			saved = row.Values
		}
	}
	if del {
		if pp.partID == 0 {
			return flashAndGo(c, locales.T(ctx, "admin.part.gone"), itemURL(it.ID)+"#part-"+pp.kind)
		}
		vals := url.Values{}
		for k, v := range saved {
			vals.Set(k, v)
		}
		f, mine = components.NewForm(vals), saved
	}
	text := locales.T(ctx, "admin.conflict.text", it.Version, pp.version)
	pp.item, pp.version = it, it.Version
	pp.conflict = &admin.ConflictProps{Text: text,
		Diffs: partDiff(ctx, pp.kind, saved, mine)}
	if del {
		pp.conflict.Text = locales.T(ctx, "admin.part.conflict_delete")
	}
	return h.renderPart(c, http.StatusConflict, f, pp)
}

// partDiff compares the saved row with the editor's values field by field.
func partDiff(ctx context.Context, kind string, saved, mine map[string]string) []admin.DiffField {
	var out []admin.DiffField
	for _, pf := range content.PartFields[kind] {
		a, b := saved[pf.Name], mine[pf.Name]
		if a == b {
			continue
		}
		df := admin.DiffField{Label: locales.T(ctx, "admin.part."+kind+"."+pf.Name)}
		for _, l := range content.DiffLines(a, b) {
			df.Lines = append(df.Lines, admin.DiffLine{Op: l.Op, Text: l.Text})
		}
		out = append(out, df)
	}
	return out
}
