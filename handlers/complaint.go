package handlers

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/views/components"
)

// complaintPost is POST /complaints (multipart). Chosen images are checked
// first, so a bad file answers 422 with the text kept and nothing saved.
func (h *consultHandler) complaintPost(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	id := consultDraftID(f)
	in := complaintInput(f)
	action := f.Value("action")
	var ups []consultUpload
	if action != "autosave" {
		if ups = consultReadImages(c, f); f.HasErrors() {
			return h.renderComplaintForm(c, http.StatusUnprocessableEntity, f, id)
		}
	}
	if action == "save" || action == "autosave" {
		d, err := h.svc.SaveComplaintDraft(ctx, u.ID, id, in, h.refCheck())
		if action == "autosave" {
			return consultAutosaved(c, d.ID, err)
		}
		if h.failed(c, f, err) {
			return h.renderComplaintForm(c, http.StatusUnprocessableEntity, f, id)
		} else if err != nil {
			return err
		}
		if !h.storeImages(c, f, u.ID, d.ID, ups) {
			return h.renderComplaintForm(c, http.StatusUnprocessableEntity, f, d.ID)
		}
		return flashAndGo(c, locales.T(ctx, "consult.draft.saved"), "/complaints/new?draft="+strconv.FormatInt(d.ID, 10))
	}
	// C 0103 7.5.2: the trust level is the matter's.
	if need := h.svc.RequiredLevel(ctx, u.ID, in.CaseID); u.Level < need {
		return flashAndGo(c, locales.T(ctx, "complaint.level", levelName(ctx, need)), "/me/trust?need="+strconv.Itoa(need))
	}
	res, err := h.svc.SubmitComplaint(ctx, u.ID, u.Level, id, in, h.refCheck())
	if h.failed(c, f, err) {
		return h.renderComplaintForm(c, http.StatusUnprocessableEntity, f, id)
	}
	if err != nil {
		return err
	}
	if !h.storeImages(c, f, u.ID, res.ID, ups) {
		return flashAndGo(c, locales.T(ctx, "complaint.submitted.nofiles"), consultPath("/me/complaints/", res.ID))
	}
	return flashAndGo(c, locales.T(ctx, "complaint.submitted"), consultPath("/me/complaints/", res.ID))
}

// complaintFile is GET /complaints/files/{id}: an image of the user's own
// complaint; anyone else's is a 404.
func (h *consultHandler) complaintFile(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fl, err := h.svc.MyFile(ctx, user(c).ID, id)
	if err != nil {
		return err
	}
	r, size, err := h.blob.Open(ctx, fl.BlobKey)
	if errors.Is(err, models.ErrNotFound) {
		return err
	} else if err != nil {
		return err
	}
	defer r.Close()
	hd := c.Response().Header()
	hd.Set(echo.HeaderContentType, blob.Kind(fl.Kind).MIME())
	hd.Set(echo.HeaderContentLength, strconv.FormatInt(size, 10))
	hd.Set("Cache-Control", "private, max-age=3600")
	hd.Set("X-Content-Type-Options", "nosniff")
	c.Response().WriteHeader(http.StatusOK)
	_, err = io.Copy(c.Response(), r)
	return err
}
