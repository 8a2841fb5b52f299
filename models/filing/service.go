package filing

import (
	"bytes"
	"context"
	"errors"
	"image"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/refdata"
)

// Upload limits. The package limit is the service's (PackageLimit).
const (
	IconLimit       = 1 << 20 // 1 MB
	ScreenshotLimit = 5 << 20 // 5 MB
	MaxScreenshots  = 10
	MinIconSize     = 48 // px, square
	// DefaultPackageLimit is the largest install package accepted.
	DefaultPackageLimit = 200 << 20
)

// Notifier tells the organisation account about its filing (a submission
// received, a decision); models/messaging in production.
type Notifier func(ctx context.Context, userID int64, template string, params map[string]string) error

// Service runs the filing workflow.
type Service struct {
	st           *models.Store
	blobs        blob.Store
	ref          *refdata.Catalog
	PackageLimit int64
	Notify       Notifier // nil: no message
	// OnNotifyError hears a message that could not be sent: the filing's
	// change is already stored, so it does not fail the request.
	OnNotifyError func(error)
	Now           func() time.Time
}

// notify sends a message about f, never failing the caller.
func (s *Service) notify(ctx context.Context, f Filing, template string, params map[string]string) {
	if s.Notify == nil {
		return
	}
	if err := s.Notify(ctx, f.OwnerUserID, template, params); err != nil && s.OnNotifyError != nil {
		s.OnNotifyError(err)
	}
}

// NewService returns the workflow over the store, blob store and catalog.
func NewService(st *models.Store, blobs blob.Store, ref *refdata.Catalog) *Service {
	return &Service{st: st, blobs: blobs, ref: ref, PackageLimit: DefaultPackageLimit, Now: func() time.Time { return time.Now().UTC() }}
}

// Create starts a draft filing for the organisation account.
func (s *Service) Create(ctx context.Context, ownerID int64, form Form) (Filing, error) {
	if err := form.Clean(s.ref); err != nil {
		return Filing{}, err
	}
	now := s.Now()
	f := Filing{OwnerUserID: ownerID, Level: form.Level, RegionCode: form.RegionCode, DeptCode: form.DeptCode,
		OrgName: form.OrgName, Status: StatusDraft, Details: form.Details, CreatedAt: now, UpdatedAt: now}
	err := s.st.DB.WithContext(ctx).Create(&f).Error
	return f, err
}

// Update saves the details of an editable filing.
func (s *Service) Update(ctx context.Context, ownerID, id int64, form Form) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	if err := form.Clean(s.ref); err != nil {
		return err
	}
	d := form.Details
	return s.touch(ctx, f, map[string]any{"level": form.Level, "region_code": form.RegionCode, "dept_code": form.DeptCode,
		"org_name": form.OrgName, "name": d.Name, "full_name": d.FullName, "description": d.Description,
		"release_notes": d.ReleaseNotes, "resp_unit": d.RespUnit, "supervisor_unit": d.SupervisorUnit,
		"supervisor_phone": d.SupervisorPhone, "manager_name": d.ManagerName, "manager_phone": d.ManagerPhone,
		"tech_unit": d.TechUnit, "tech_contact": d.TechContact, "tech_phone": d.TechPhone})
}

// editable loads the owner's filing and refuses one that is not editable.
func (s *Service) editable(ctx context.Context, ownerID, id int64) (Filing, error) {
	f, err := GetOwned(ctx, s.st, ownerID, id)
	if err != nil {
		return f, err
	}
	if !f.Editable() {
		return f, models.ErrConflict
	}
	return f, nil
}

// touch updates columns of an editable filing, guarding against a
// concurrent submission.
func (s *Service) touch(ctx context.Context, f Filing, cols map[string]any) error {
	cols["updated_at"] = s.Now()
	res := s.st.DB.WithContext(ctx).Model(&Filing{}).Where("id = ? AND status = ?", f.ID, f.Status).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return models.ErrConflict
	}
	return res.Error
}

func invalid(field, key string) error {
	v := &models.ValidationError{}
	v.Add(field, key)
	return v
}

// readImage reads an uploaded image of at most limit bytes and checks it
// is a whole PNG or JPEG, by content.
func readImage(r io.Reader, limit int64, field string) ([]byte, blob.Kind, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, "", err
	}
	switch {
	case len(data) == 0:
		return nil, "", invalid(field, "filing.err."+field+".required")
	case int64(len(data)) > limit:
		return nil, "", invalid(field, "filing.err."+field+".large")
	}
	kind := blob.Sniff(data)
	if kind != blob.KindPNG && kind != blob.KindJPEG {
		return nil, "", invalid(field, "filing.err."+field+".type")
	}
	if err := blob.Check(kind, data); err != nil {
		return nil, "", invalid(field, "filing.err."+field+".corrupt")
	}
	return data, kind, nil
}

// SetIcon stores the client's icon (5.2): a square PNG or JPEG.
func (s *Service) SetIcon(ctx context.Context, ownerID, id int64, r io.Reader) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	data, _, err := readImage(r, IconLimit, "icon")
	if err != nil {
		return err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != cfg.Height || cfg.Width < MinIconSize {
		return invalid("icon", "filing.err.icon.square")
	}
	obj, err := s.blobs.Put(ctx, bytes.NewReader(data), IconLimit)
	if err != nil {
		return err
	}
	return s.touch(ctx, f, map[string]any{"icon_key": obj.Key})
}

// AddScreenshot stores one more application screenshot (5.3 a).
func (s *Service) AddScreenshot(ctx context.Context, ownerID, id int64, r io.Reader) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	var n int64
	s.st.DB.WithContext(ctx).Model(&Screenshot{}).Where("filing_id = ?", f.ID).Count(&n)
	if n >= MaxScreenshots {
		return invalid("screenshot", "filing.err.screenshot.many")
	}
	data, kind, err := readImage(r, ScreenshotLimit, "screenshot")
	if err != nil {
		return err
	}
	obj, err := s.blobs.Put(ctx, bytes.NewReader(data), ScreenshotLimit)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&Screenshot{FilingID: f.ID, BlobKey: obj.Key, Kind: string(kind), Size: obj.Size, SM3: obj.SM3,
			CreatedAt: s.Now()}).Error; err != nil {
			return err
		}
		return tx.Model(&Filing{}).Where("id = ?", f.ID).Update("updated_at", s.Now()).Error
	})
}

// RemoveScreenshot deletes one of the filing's screenshots. The stored
// file stays: the same bytes may belong to a frozen revision.
func (s *Service) RemoveScreenshot(ctx context.Context, ownerID, id, shotID int64) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	res := s.st.DB.WithContext(ctx).Where("id = ? AND filing_id = ?", shotID, f.ID).Delete(&Screenshot{})
	if res.Error == nil && res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return res.Error
}

// SetPackage stores the install package (APK or IPA) with its SM3 digest
// and reads the package name and version from the package itself.
func (s *Service) SetPackage(ctx context.Context, ownerID, id int64, r io.Reader) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	obj, err := s.blobs.Put(ctx, r, s.PackageLimit)
	if errors.Is(err, blob.ErrTooLarge) {
		return invalid("package", "filing.err.package.large")
	}
	if err != nil {
		return err
	}
	if obj.Size == 0 {
		return invalid("package", "filing.err.package.required")
	}
	kind, m, err := s.inspectPackage(ctx, obj)
	if err != nil {
		return err
	}
	return s.touch(ctx, f, map[string]any{"package_key": obj.Key, "package_kind": kind, "package_size": obj.Size,
		"package_sm3": obj.SM3, "package_name": m.Package, "package_version": m.VersionName, "package_version_code": m.VersionCode})
}

// inspectPackage tells an APK from an IPA by its entries and reads its
// manifest; anything else is refused. A refused file stays in the store:
// content addressing means the same bytes may be another filing's.
func (s *Service) inspectPackage(ctx context.Context, obj blob.Object) (string, Manifest, error) {
	if obj.Kind != blob.KindAPK && obj.Kind != blob.KindIPA && obj.Kind != blob.KindZIP {
		return "", Manifest{}, invalid("package", "filing.err.package.type")
	}
	rc, size, err := s.blobs.Open(ctx, obj.Key)
	if err != nil {
		return "", Manifest{}, err
	}
	defer rc.Close()
	ra, ok := rc.(io.ReaderAt)
	if !ok {
		b, err := io.ReadAll(rc)
		if err != nil {
			return "", Manifest{}, err
		}
		ra = bytes.NewReader(b)
	}
	for _, kind := range []string{KindAPK, KindIPA} {
		m, err := ReadPackage(ra, size, kind)
		if err == nil {
			if m.Package == "" {
				return "", Manifest{}, invalid("package", "filing.err.package.manifest")
			}
			return kind, m, nil
		}
	}
	return "", Manifest{}, invalid("package", "filing.err.package.manifest")
}
