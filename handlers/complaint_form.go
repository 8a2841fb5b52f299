package handlers

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
)

// complaintForm is GET /complaints/new[?case=id][&draft=id] (C 0103 7.5.2).
func (h *consultHandler) complaintForm(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	vals := map[string][]string{"about": {"case"}, "public": {"no"}, "region_code": {u.RegionCode}}
	draftID := int64(0)
	if c.QueryParam("draft") != "" {
		id, err := consultQueryID(c, "draft")
		if err != nil {
			return err
		}
		d, err := h.svc.MyComplaint(ctx, u.ID, id)
		if err != nil || d.Status != consult.StatusDraft {
			return models.ErrNotFound
		}
		draftID = d.ID
		vals = map[string][]string{"about": {"dept"}, "region_code": {d.RegionCode}, "dept_code": {d.DeptCode}, "category": {d.Category},
			"title": {d.Title}, "content": {d.Content}, "public": {consultYesNo(d.Public)}}
		if d.CaseID != nil {
			vals["about"], vals["case_id"] = []string{"case"}, []string{strconv.FormatInt(*d.CaseID, 10)}
		}
	}
	if cs := c.QueryParam("case"); cs != "" && draftID == 0 {
		vals["case_id"] = []string{cs}
	}
	return h.renderComplaintForm(c, http.StatusOK, components.NewForm(vals), draftID)
}

func (h *consultHandler) renderComplaintForm(c echo.Context, status int, f *components.Form, draftID int64) error {
	ctx := c.Request().Context()
	u := user(c)
	title := locales.T(ctx, "complaint.new")
	p := cview.ComplaintFormProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "complaint.public.title"), Href: "/complaints"}),
		Form: f, Lead: locales.T(ctx, "complaint.new.lead"),
		MaxFiles: locales.T(ctx, "complaint.files.hint", consult.MaxFiles, consult.MaxFileSize>>20)}
	if draftID > 0 {
		p.DraftID = strconv.FormatInt(draftID, 10)
		files, err := h.svc.Files(ctx, draftID)
		if err != nil {
			return err
		}
		for _, fl := range files {
			p.Files = append(p.Files, cview.File{Href: consultPath("/complaints/files/", fl.ID)})
		}
	}
	done, err := h.svc.CompletedCases(ctx, u.ID)
	if err != nil {
		return err
	}
	for _, k := range done {
		p.Cases = append(p.Cases, cview.Option{Value: strconv.FormatInt(k.ID, 10), Text: k.Number + " · " + k.MatterName + " · " + dateOnly(k.CompletedAt)})
	}
	lang := locales.Lang(ctx)
	if h.ref != nil {
		p.Regions = append(p.Regions, cview.Option{Value: refdata.National, Text: locales.T(ctx, "complaint.region.national")})
		for _, r := range h.ref.Provinces() {
			p.Regions = append(p.Regions, cview.Option{Value: r.Code, Text: r.Name})
		}
		for _, d := range h.ref.Departments() {
			p.Depts = append(p.Depts, cview.Option{Value: d.Code, Text: d.Label(lang)})
		}
	}
	for _, t := range refdata.MatterTypes.All() {
		p.Categories = append(p.Categories, cview.Option{Value: t.Code, Text: refdata.MatterTypes.Label(t.Code, lang)})
	}
	return web.Render(c, status, cview.ComplaintForm(h.chrome(c, true), p))
}

// refCheck validates a by-department complaint against reference data.
func (h *consultHandler) refCheck() consult.RefCheck {
	return consult.RefCheck{
		Department: func(code string) (string, bool) {
			if h.ref == nil {
				return "", false
			}
			d, ok := h.ref.Department(code)
			return d.Name, ok
		},
		Region: func(code string) bool {
			if code == refdata.National {
				return true
			}
			if h.ref == nil {
				return false
			}
			_, ok := h.ref.Region(code)
			return ok
		},
		Category: refdata.MatterTypes.Has,
	}
}

func complaintInput(f *components.Form) consult.ComplaintInput {
	in := consult.ComplaintInput{Title: f.Value("title"), Content: f.Value("content"), Public: f.Value("public") == "yes"}
	if f.Value("about") == "case" {
		in.CaseID, _ = strconv.ParseInt(f.Value("case_id"), 10, 64)
		if in.CaseID <= 0 {
			in.CaseID = -1 // chosen "about a case" without one: refused as an unknown case
		}
	} else {
		in.DeptCode, in.RegionCode, in.Category = f.Value("dept_code"), f.Value("region_code"), f.Value("category")
	}
	return in
}

// consultUpload is one checked image ready to store.
type consultUpload struct {
	data []byte
	kind blob.Kind
}

// readImages checks every chosen file before anything is saved: JPEG or
// PNG by content (never by name), not corrupt, within the size limit.
func consultReadImages(c echo.Context, f *components.Form) []consultUpload {
	ctx := c.Request().Context()
	mf, err := c.MultipartForm()
	if err != nil || mf == nil {
		return nil
	}
	var out []consultUpload
	for _, fh := range mf.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if len(out) >= consult.MaxFiles {
			f.Fail("files", locales.T(ctx, "consult.error.files_many"))
			return nil
		}
		data, err := consultReadLimited(fh, consult.MaxFileSize)
		switch {
		case err == blob.ErrTooLarge:
			f.Fail("files", locales.T(ctx, "complaint.error.file_large", fh.Filename, consult.MaxFileSize>>20))
			return nil
		case err != nil:
			f.Fail("files", locales.T(ctx, "complaint.error.file_type", fh.Filename))
			return nil
		}
		kind := blob.Sniff(data)
		if (kind != blob.KindJPEG && kind != blob.KindPNG) || blob.Check(kind, data) != nil {
			f.Fail("files", locales.T(ctx, "complaint.error.file_type", fh.Filename))
			return nil
		}
		out = append(out, consultUpload{data: data, kind: kind})
	}
	return out
}

func consultReadLimited(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, blob.ErrTooLarge
	}
	r, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, blob.ErrTooLarge
	}
	return data, err
}

// storeImages puts the checked images in the blob store and attaches them.
func (h *consultHandler) storeImages(c echo.Context, f *components.Form, userID, complaintID int64, ups []consultUpload) bool {
	ctx := c.Request().Context()
	for _, up := range ups {
		obj, err := h.blob.Put(ctx, bytes.NewReader(up.data), consult.MaxFileSize)
		if err == nil {
			err = h.svc.AddFile(ctx, userID, complaintID, obj.Key, string(up.kind), obj.Size)
		}
		if h.failed(c, f, err) {
			return false
		} else if err != nil {
			web.Logger(c).Error("complaint image", "err", err)
			f.Fail("files", locales.T(ctx, "complaint.error.file_store"))
			return false
		}
	}
	return true
}
