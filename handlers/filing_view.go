package handlers

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/filingweb"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/views/components"
	filingview "github.com/zwfw/portal/views/filing"
)

// uploadFields are the filing page's own inputs; other fields live on the
// edit form.
var uploadFields = map[string]bool{"icon": true, "screenshot": true, "package": true}

// errorItems links each failing field: uploads to their input on this
// page (with the message next to it), details to the edit form.
func errorItems(ctx context.Context, f filing.Filing, ve *models.ValidationError, form *components.Form) []components.ErrorItem {
	var out []components.ErrorItem
	if ve == nil {
		return nil
	}
	for _, name := range ve.Order {
		msg := locales.T(ctx, ve.Fields[name])
		href := "#" + name
		if uploadFields[name] {
			form.Fail(name, msg)
		} else {
			href = filingPath(f.ID) + "/edit#" + name
		}
		out = append(out, components.ErrorItem{Href: href, Text: msg})
	}
	return out
}

// renderShow maps a filing to its page (200, or 422 with ve's messages).
func (h *filingHandler) renderShow(c echo.Context, f filing.Filing, status int, ve *models.ValidationError) error {
	ctx := c.Request().Context()
	shots, err := filing.Screenshots(ctx, h.st, f.ID)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(f.ID, 10)
	form := components.NewForm(nil)
	p := filingview.ShowProps{ID: id, Name: h.row(ctx, f, "").Name, Status: locales.T(ctx, "filing.status."+f.Status),
		StatusHint: locales.T(ctx, "filing.status."+f.Status+".hint"), Colour: filingweb.StatusColour[f.Status], Editable: f.Editable(),
		Flash: takeFlash(c), Form: form, EditHref: filingPath(f.ID) + "/edit", Facts: h.facts(ctx, f, false),
		Package: filingweb.PackageRows(ctx, f), PackageHint: locales.T(ctx, "filing.f.package.hint", megabytes(h.svc.PackageLimit))}
	p.Errors = errorItems(ctx, f, ve, form)
	if missing, ok := f.Missing(len(shots)).(*models.ValidationError); ok && f.Editable() {
		p.Missing = errorItems(ctx, f, missing, components.NewForm(nil))
	}
	if f.IconKey != "" {
		p.IconURL = filingPath(f.ID) + "/files/" + f.IconKey
	}
	for i, s := range shots {
		sh := filingview.Shot{URL: filingPath(f.ID) + "/files/" + s.BlobKey, Alt: locales.T(ctx, "filing.shot.alt", i+1)}
		if f.Editable() {
			sh.Delete = filingPath(f.ID) + "/screenshots/" + strconv.FormatInt(s.ID, 10) + "/delete"
		}
		p.Shots = append(p.Shots, sh)
	}
	if p.History, err = filingweb.History(ctx, h.st, f.ID); err != nil {
		return err
	}
	return web.Render(c, status, filingview.Show(h.chrome(c), p))
}

func megabytes(n int64) string { return strconv.FormatInt(n>>20, 10) + " MB" }

// facts are the filing's details; public pages mask personal contacts
// (reference.md §6): names and phone numbers of people, not of units.
func (h *filingHandler) facts(ctx context.Context, f filing.Filing, public bool) []components.SummaryRow {
	return filingweb.Facts(ctx, f, filingweb.Place(ctx, h.ref, f), public)
}
