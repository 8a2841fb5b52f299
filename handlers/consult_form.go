package handlers

import (
	"time"

	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
)

// consultForm is GET /consultations/new[?item=实施编码][&draft=id]: the
// form of C 0103 7.5.1 with known fields filled from the account, or the
// user's own draft.
func (h *consultHandler) consultForm(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	vals := map[string][]string{"name": {u.Name}, "phone": {u.Phone}, "email": {u.Email}, "postcode": {u.Postcode},
		"address": {u.Address}, "public": {"no"}}
	draftID := int64(0)
	if c.QueryParam("draft") != "" {
		id, err := consultQueryID(c, "draft")
		if err != nil {
			return err
		}
		d, err := h.svc.MyConsultation(ctx, u.ID, id)
		if err != nil || d.Status != consult.StatusDraft {
			return models.ErrNotFound
		}
		draftID = d.ID
		vals = map[string][]string{"item_code": {d.ItemCode}, "name": {d.Name}, "phone": {d.Phone}, "email": {d.Email},
			"postcode": {d.Postcode}, "address": {d.Address}, "title": {d.Title}, "content": {d.Content}, "public": {consultYesNo(d.Public)}}
	}
	if code := c.QueryParam("item"); code != "" && draftID == 0 {
		vals["item_code"] = []string{code}
	}
	return h.renderConsultForm(c, http.StatusOK, components.NewForm(vals), draftID, nil, false)
}

func consultYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (h *consultHandler) renderConsultForm(c echo.Context, status int, f *components.Form, draftID int64, picks []consult.Matter, searched bool) error {
	ctx := c.Request().Context()
	title := locales.T(ctx, "consult.new")
	p := cview.ConsultFormProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "consult.public.title"), Href: "/consultations"}),
		Form: f, Lead: locales.T(ctx, "consult.new.lead"), Query: f.Value("q"), Searched: searched}
	if draftID > 0 {
		p.DraftID = strconv.FormatInt(draftID, 10)
	}
	if m, err := h.svc.MatterByCode(ctx, f.Value("item_code")); err == nil {
		p.Matter = h.matterText(m)
	}
	for _, m := range picks {
		p.Picks = append(p.Picks, cview.Pick{Code: m.Code, Text: h.matterText(m)})
	}
	return web.Render(c, status, cview.ConsultForm(h.chrome(c, true), p))
}

// matterText is "name · unit · place": enough to tell implementations apart.
func (h *consultHandler) matterText(m consult.Matter) string {
	return m.Name + " · " + m.BodyName + " · " + h.placeName(m.RegionCode)
}

func consultInput(f *components.Form) consult.ConsultInput {
	return consult.ConsultInput{ItemCode: f.Value("item_code"), Name: f.Value("name"), Phone: f.Value("phone"), Email: f.Value("email"),
		Postcode: f.Value("postcode"), Address: f.Value("address"), Title: f.Value("title"), Content: f.Value("content"),
		Public: f.Value("public") == "yes"}
}

// draftIDOf reads the form's draft id (0 = none yet).
func consultDraftID(f *components.Form) int64 {
	id, err := strconv.ParseInt(f.Value("draft"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// consultPost is POST /consultations. action=find runs the matter picker
// (saving the draft so nothing typed is lost), save keeps a draft,
// autosave is the script's JSON variant, submit sends it.
func (h *consultHandler) consultPost(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	id := consultDraftID(f)
	in := consultInput(f)
	switch f.Value("action") {
	case "find", "save", "autosave":
		d, err := h.svc.SaveDraft(ctx, u.ID, id, in)
		if f.Value("action") == "autosave" {
			return consultAutosaved(c, d.ID, err)
		}
		if h.failed(c, f, err) {
			return h.renderConsultForm(c, http.StatusUnprocessableEntity, f, id, nil, false)
		} else if err != nil {
			return err
		}
		if f.Value("action") == "find" {
			picks, err := h.svc.FindMatters(ctx, f.Value("q"), "", 20)
			if err != nil {
				return err
			}
			return h.renderConsultForm(c, http.StatusOK, f, d.ID, picks, true)
		}
		return flashAndGo(c, locales.T(ctx, "consult.draft.saved"), "/consultations/new?draft="+strconv.FormatInt(d.ID, 10))
	}
	res, err := h.svc.SubmitConsultation(ctx, u.ID, u.Level, id, in)
	if h.failed(c, f, err) {
		return h.renderConsultForm(c, http.StatusUnprocessableEntity, f, id, nil, false)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "consult.submitted"), consultPath("/me/consultations/", res.ID))
}

// failed records a validation error's messages on f.
func (h *consultHandler) failed(c echo.Context, f *components.Form, err error) bool {
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	f.AddErrors(c.Request().Context(), ve.Order, ve.Fields)
	return true
}

// autosaveAnswer is the JSON answer to the script's autosave.
func consultAutosaved(c echo.Context, id int64, err error) error {
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"fields": ve.Order})
	case err != nil:
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"draft": id, "saved": locales.T(c.Request().Context(), "consult.draft.autosaved", clock(time.Now()))})
}
