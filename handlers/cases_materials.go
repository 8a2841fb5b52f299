package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"syscall"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/usercenter"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// materialErrors are messages beside materials, by item_materials ID.
type materialErrors map[int64]string

// materialRows builds the rows of the materials page (or the corrections
// form) from the guide's rules and what is attached.
func (h *casesHandler) materialRows(c echo.Context, rules []cases.Rule, have []cases.Material, errs materialErrors, removeBase string) []caseview.MaterialRow {
	ctx := c.Request().Context()
	var lics []caseview.Option
	if h.licences != nil {
		ls, _, err := usercenter.LinkedLicences(ctx, h.st, h.licences, user(c).ID, usercenter.HolderOf(user(c)))
		if err == nil {
			for _, l := range ls {
				lics = append(lics, caseview.Option{Value: l.ID, Text: l.Name + " " + maskLicence(l)})
			}
		}
	}
	var rows []caseview.MaterialRow
	for _, r := range rules {
		row := caseview.MaterialRow{ID: strconv.FormatInt(r.Material.ID, 10), Name: r.Material.Name, Need: r.Material.Necessity,
			Rule: ruleText(ctx, r), Notes: r.Material.Notes, Error: errs[r.Material.ID]}
		if r.Licence {
			row.Licences = lics
		}
		for _, m := range have {
			if m.MaterialID != r.Material.ID {
				continue
			}
			f := caseview.FileRow{Name: m.FileName, Detail: fileDetail(ctx, m)}
			if removeBase != "" {
				f.RemoveHref = removeBase + strconv.FormatInt(m.ID, 10) + "/delete"
			}
			row.Files = append(row.Files, f)
		}
		rows = append(rows, row)
	}
	return rows
}

// ruleText states formats and size in words (C 0103 6.1 c).
func ruleText(ctx context.Context, r cases.Rule) string {
	names := make([]string, 0, len(r.Kinds))
	for _, k := range r.Kinds {
		names = append(names, strings.ToUpper(string(k)))
	}
	return locales.T(ctx, "cases.materials.rule", strings.Join(names, "、"), r.MaxSize>>20)
}

func fileDetail(ctx context.Context, m cases.Material) string {
	if m.LicenceID != "" {
		return locales.T(ctx, "cases.materials.from_licence")
	}
	return fmt.Sprintf("%s，%.1f MB", strings.ToUpper(m.Kind), float64(m.Size)/(1<<20))
}

func (h *casesHandler) renderMaterials(c echo.Context, status int, d cases.Draft, item catalog.ItemDetail, errs materialErrors) error {
	ctx := c.Request().Context()
	have, err := cases.DraftMaterials(ctx, h.st, d.ID)
	if err != nil {
		return err
	}
	form := components.NewForm(nil)
	rules := cases.Rules(item)
	for _, r := range rules {
		if msg := errs[r.Material.ID]; msg != "" {
			form.Fail("file-"+strconv.FormatInt(r.Material.ID, 10), r.Material.Name+"："+msg)
		}
	}
	s := h.shell(c, locales.T(ctx, "cases.step.materials"), form)
	s.Crumbs[len(s.Crumbs)-1].Text = item.Name
	base := draftURL(d, "materials")
	p := caseview.MaterialsProps{Shell: s, StepOf: h.stepOf(c, cases.StepMaterials), UploadURL: base + "/upload",
		LicenceURL: base + "/licence", NextURL: base, Version: d.Version, Back: draftURL(d, cases.StepDelivery),
		Rows: h.materialRows(c, rules, have, errs, base+"/")}
	return web.Render(c, status, caseview.Materials(h.chrome(c), p))
}

// materialsNext is POST /cases/drafts/{id}/materials: every required
// material must have a file or a licence.
func (h *casesHandler) materialsNext(c echo.Context, d cases.Draft, item catalog.ItemDetail) error {
	ctx := c.Request().Context()
	have, err := cases.DraftMaterials(ctx, h.st, d.ID)
	if err != nil {
		return err
	}
	if missing := cases.MissingRequired(cases.Rules(item), have); len(missing) > 0 {
		errs := materialErrors{}
		for _, r := range missing {
			errs[r.Material.ID] = locales.T(ctx, "cases.materials.missing")
		}
		return h.renderMaterials(c, http.StatusUnprocessableEntity, d, item, errs)
	}
	d, err = cases.SaveStep(ctx, h.st, d, formVersion(c), cases.StepMaterials, nil)
	if errors.Is(err, models.ErrConflict) {
		return h.message(c, http.StatusConflict, "cases.stale.title", "cases.stale.body", "cases.stale.link", draftURL(d, cases.StepMaterials))
	}
	if err != nil {
		return err
	}
	return web.SeeOther(c, draftURL(d, cases.StepCheck))
}

// uploadTo reads the multipart file of a material and stores it; a refused
// file gives its reason (a translated message) and no error.
func (h *casesHandler) uploadTo(c echo.Context, rules []cases.Rule, at cases.Attach) (int64, string, error) {
	ctx := c.Request().Context()
	mid, _ := strconv.ParseInt(c.FormValue("material_id"), 10, 64)
	r, ok := cases.RuleFor(rules, mid)
	if !ok {
		return 0, "", echo.NewHTTPError(http.StatusNotFound)
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return mid, locales.T(ctx, "cases.upload.none"), nil
	}
	f, err := fh.Open()
	if err != nil {
		return mid, "", err
	}
	defer f.Close()
	_, err = cases.Upload(ctx, h.st, h.blobs, at, r, fh.Filename, f)
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		// A full upload disk: the form again with the reason, not a 500 page
		// (the store left no partial file and nothing was recorded).
		web.Logger(c).Error("case material not stored", "err", err)
		return mid, locales.T(ctx, "cases.upload.store"), nil
	}
	var ue *cases.UploadError
	if errors.As(err, &ue) {
		return mid, locales.T(ctx, ue.Key), nil
	}
	return mid, "", err
}

// upload is POST /cases/drafts/{id}/materials/upload.
func (h *casesHandler) upload(c echo.Context) error {
	d, item, err := h.draftForMaterials(c)
	if err != nil {
		return err
	}
	mid, reason, err := h.uploadTo(c, cases.Rules(item), cases.Attach{DraftID: d.ID})
	if err != nil {
		return err
	}
	if reason != "" {
		return h.renderMaterials(c, http.StatusUnprocessableEntity, d, item, materialErrors{mid: reason})
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "cases.materials.added"), draftURL(d, "materials"))
}

// draftForMaterials loads the draft of a materials action: not submitted,
// and the materials page already reached.
func (h *casesHandler) draftForMaterials(c echo.Context) (cases.Draft, catalog.ItemDetail, error) {
	d, item, err := h.draft(c)
	if err != nil {
		return d, item, err
	}
	if d.CaseID != nil || !d.MayOpen(cases.StepMaterials) {
		return d, item, h.message(c, http.StatusConflict, "cases.order.title", "cases.order.body", "cases.order.link", draftURL(d, d.Next()))
	}
	return d, item, nil
}

// attachLicence is POST /cases/drafts/{id}/materials/licence: a licence
// from 我的证照 instead of an upload.
func (h *casesHandler) attachLicence(c echo.Context) error {
	d, item, err := h.draftForMaterials(c)
	if err != nil {
		return err
	}
	mid, reason, err := h.licenceTo(c, cases.Rules(item), cases.Attach{DraftID: d.ID})
	if err != nil {
		return err
	}
	if reason != "" {
		return h.renderMaterials(c, http.StatusUnprocessableEntity, d, item, materialErrors{mid: reason})
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "cases.materials.added"), draftURL(d, "materials"))
}

func (h *casesHandler) licenceTo(c echo.Context, rules []cases.Rule, at cases.Attach) (int64, string, error) {
	ctx := c.Request().Context()
	mid, _ := strconv.ParseInt(c.FormValue("material_id"), 10, 64)
	r, ok := cases.RuleFor(rules, mid)
	if !ok || !r.Licence || h.licences == nil {
		return 0, "", echo.NewHTTPError(http.StatusNotFound)
	}
	u := user(c)
	l, err := usercenter.GetLicence(ctx, h.st, h.licences, u.ID, usercenter.HolderOf(u), c.FormValue("licence_id"))
	if errors.Is(err, models.ErrNotFound) {
		return mid, locales.T(ctx, "cases.materials.licence.missing"), nil
	}
	if err != nil {
		return mid, "", err
	}
	_, err = cases.AttachLicence(ctx, h.st, at, r, l.ID, l.Name)
	return mid, "", err
}

// removeMaterial is POST /cases/drafts/{id}/materials/{mid}/delete.
func (h *casesHandler) removeMaterial(c echo.Context) error {
	d, _, err := h.draftForMaterials(c)
	if err != nil {
		return err
	}
	mid, err := strconv.ParseInt(c.Param("mid"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err := cases.RemoveDraftMaterial(c.Request().Context(), h.st, d.ID, mid); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "cases.materials.removed"), draftURL(d, "materials"))
}

// deleteDraft is POST /cases/drafts/{id}/delete.
func (h *casesHandler) deleteDraft(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := cases.DeleteDraft(c.Request().Context(), h.st, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "cases.draft.deleted"), "/me/cases")
}
