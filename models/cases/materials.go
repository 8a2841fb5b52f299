package cases

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/catalog"
)

// Size limits of uploaded materials (C 0103 6.1 c: stated in words beside
// each upload). A photo is an image; anything else may also be a PDF or OFD.
const (
	MaxFileSize  = 10 << 20
	MaxPhotoSize = 5 << 20
)

// Rule is what one guide material accepts online.
type Rule struct {
	Material catalog.Material
	Kinds    []blob.Kind
	MaxSize  int64
	Required bool // 必要: the application cannot go on without it
	Licence  bool // may be satisfied by a licence from 我的证照
}

// Rules derives the upload rules from the guide's 材料目录.
func Rules(d catalog.ItemDetail) []Rule {
	var out []Rule
	for _, m := range d.Materials {
		r := Rule{Material: m, Kinds: []blob.Kind{blob.KindJPEG, blob.KindPNG, blob.KindPDF, blob.KindOFD},
			MaxSize: MaxFileSize, Required: m.Necessity == "必要", Licence: m.Source == "政府部门核发"}
		if strings.Contains(m.Name, "相片") || strings.Contains(m.Name, "照片") {
			r.Kinds, r.MaxSize = []blob.Kind{blob.KindJPEG, blob.KindPNG}, MaxPhotoSize
		}
		out = append(out, r)
	}
	return out
}

// RuleFor finds the rule of a material ID, or false.
func RuleFor(rules []Rule, materialID int64) (Rule, bool) {
	for _, r := range rules {
		if r.Material.ID == materialID {
			return r, true
		}
	}
	return Rule{}, false
}

// UploadError is why a file was refused: a locale key shown beside that
// material ("cases.upload.type", ".size", ".corrupt", ".empty").
type UploadError struct{ Key string }

func (e *UploadError) Error() string { return "cases: upload refused: " + e.Key }

// Attach is where a new material goes: a draft (round 0) or a case's
// correction round.
type Attach struct {
	DraftID int64
	CaseID  int64
	Round   int
}

// Upload checks a file against its rule by content (sniffed, never by
// name), stores it in the blob store and records it.
func Upload(ctx context.Context, st *models.Store, bs blob.Store, at Attach, r Rule, fileName string, body io.Reader) (Material, error) {
	data, err := io.ReadAll(io.LimitReader(body, r.MaxSize+1))
	switch {
	case err != nil:
		return Material{}, err
	case len(data) == 0:
		return Material{}, &UploadError{Key: "cases.upload.empty"}
	case int64(len(data)) > r.MaxSize:
		return Material{}, &UploadError{Key: "cases.upload.size"}
	}
	kind := blob.Sniff(data[:min(len(data), 4096)])
	if !kindIn(kind, r.Kinds) {
		return Material{}, &UploadError{Key: "cases.upload.type"}
	}
	if err := blob.Check(kind, data); err != nil {
		var ce *blob.CorruptError
		if errors.As(err, &ce) {
			return Material{}, &UploadError{Key: "cases.upload.corrupt"}
		}
		return Material{}, err
	}
	obj, err := bs.Put(ctx, bytes.NewReader(data), r.MaxSize)
	if err != nil {
		return Material{}, err
	}
	m := Material{MaterialID: r.Material.ID, Name: r.Material.Name, FileName: cleanName(fileName), BlobKey: obj.Key,
		Kind: string(kind), Size: obj.Size, SM3: obj.SM3, Round: at.Round, CreatedAt: time.Now().UTC()}
	at.set(&m)
	return m, st.DB.WithContext(ctx).Create(&m).Error
}

// AttachLicence records a licence from 我的证照 instead of an upload (the
// caller has checked the licence is the user's).
func AttachLicence(ctx context.Context, st *models.Store, at Attach, r Rule, licenceID, licenceName string) (Material, error) {
	m := Material{MaterialID: r.Material.ID, Name: r.Material.Name, FileName: licenceName, LicenceID: licenceID,
		Kind: "licence", Round: at.Round, CreatedAt: time.Now().UTC()}
	at.set(&m)
	return m, st.DB.WithContext(ctx).Create(&m).Error
}

func (at Attach) set(m *Material) {
	if at.DraftID != 0 {
		m.DraftID = &at.DraftID
	}
	if at.CaseID != 0 {
		m.CaseID = &at.CaseID
	}
}

// DraftMaterials lists what is attached to a draft.
func DraftMaterials(ctx context.Context, st *models.Store, draftID int64) ([]Material, error) {
	var out []Material
	err := st.DB.WithContext(ctx).Where("draft_id = ?", draftID).Order("material_id, id").Find(&out).Error
	return out, err
}

// CaseMaterials lists a case's materials, every round.
func CaseMaterials(ctx context.Context, st *models.Store, caseID int64) ([]Material, error) {
	var out []Material
	err := st.DB.WithContext(ctx).Where("case_id = ?", caseID).Order("round, material_id, id").Find(&out).Error
	return out, err
}

// RemoveDraftMaterial removes one attachment of an unsubmitted draft (the
// blob stays: it is content-addressed and may be shared).
func RemoveDraftMaterial(ctx context.Context, st *models.Store, draftID, id int64) error {
	res := st.DB.WithContext(ctx).Where("id = ? AND draft_id = ? AND case_id IS NULL", id, draftID).Delete(&Material{})
	if res.Error == nil && res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return res.Error
}

// MissingRequired lists the required materials with nothing attached.
func MissingRequired(rules []Rule, have []Material) []Rule {
	got := map[int64]bool{}
	for _, m := range have {
		got[m.MaterialID] = true
	}
	var out []Rule
	for _, r := range rules {
		if r.Required && !got[r.Material.ID] {
			out = append(out, r)
		}
	}
	return out
}

func kindIn(k blob.Kind, ks []blob.Kind) bool {
	for _, x := range ks {
		if x == k && k != blob.KindUnknown {
			return true
		}
	}
	return false
}

// cleanName keeps the base name of an uploaded file, shortened.
func cleanName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[len(r)-80:])
	}
	return s
}

// StoreResult checks and stores a result document (决定书, 证照): a PDF or
// an OFD, by content. A refused file is an *UploadError.
func StoreResult(ctx context.Context, bs blob.Store, body io.Reader) (blob.Object, error) {
	r := Rule{Kinds: []blob.Kind{blob.KindPDF, blob.KindOFD}, MaxSize: MaxFileSize}
	data, err := io.ReadAll(io.LimitReader(body, r.MaxSize+1))
	switch {
	case err != nil:
		return blob.Object{}, err
	case len(data) == 0:
		return blob.Object{}, &UploadError{Key: "cases.upload.empty"}
	case int64(len(data)) > r.MaxSize:
		return blob.Object{}, &UploadError{Key: "cases.upload.size"}
	}
	kind := blob.Sniff(data[:min(len(data), 4096)])
	if !kindIn(kind, r.Kinds) {
		return blob.Object{}, &UploadError{Key: "cases.upload.type"}
	}
	if err := blob.Check(kind, data); err != nil {
		return blob.Object{}, &UploadError{Key: "cases.upload.corrupt"}
	}
	return bs.Put(ctx, bytes.NewReader(data), r.MaxSize)
}
