package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// SeedDemo loads the demo matters of demodata/*.json: one item per matter and
// listed region, with derived bodies, credit codes and generated blank forms
// and samples. It is a seed.Step: matters already present are skipped. The
// regions it needs are loaded first (refdata.SeedRegions is idempotent).
func SeedDemo(ctx context.Context, st *models.Store) error {
	if err := refdata.SeedRegions(ctx, st); err != nil {
		return err
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		return err
	}
	ms, err := DemoMatters()
	if err != nil {
		return err
	}
	return LoadDemo(ctx, st, ref, ms)
}

// LoadDemo checks every matter first (all problems reported at once) and then
// writes the missing ones in one transaction.
func LoadDemo(ctx context.Context, st *models.Store, ref *refdata.Catalog, ms []DemoMatter) error {
	if err := checkDemo(ref, ms); err != nil {
		return err
	}
	var have []string
	if err := st.DB.WithContext(ctx).Model(&matterRow{}).Pluck("code", &have).Error; err != nil {
		return err
	}
	done := map[string]bool{}
	for _, c := range have {
		done[c] = true
	}
	l := demoLoader{ref: ref, now: time.Now().UTC(), files: map[string]int64{}}
	return st.InTx(ctx, func(tx *gorm.DB) error {
		for _, m := range ms {
			if done[m.Code] {
				continue
			}
			if err := l.matter(tx, m); err != nil {
				return fmt.Errorf("matter %s %s: %w", m.Code, m.Name, err)
			}
		}
		return nil
	})
}

func checkDemo(ref *refdata.Catalog, ms []DemoMatter) error {
	var problems []string
	seen := map[string]bool{}
	for _, m := range ms {
		s := m.Check()
		if seen[m.Code] {
			s += "; duplicate code"
		}
		seen[m.Code] = true
		if _, ok := ref.DepartmentByName(m.Department); !ok {
			s += fmt.Sprintf("; unknown department %q", m.Department)
		}
		for _, code := range m.RegionCodes() {
			if _, ok := placeOf(ref, code); !ok {
				s += fmt.Sprintf("; unknown region %q", code)
			}
		}
		if s = strings.TrimPrefix(s, "; "); s != "" {
			problems = append(problems, m.Code+" "+m.Name+": "+s)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("demo matters invalid:\n%s", strings.Join(problems, "\n"))
	}
	return nil
}

type demoLoader struct {
	ref   *refdata.Catalog
	now   time.Time
	files map[string]int64 // generated attachment key → id
}

func (l *demoLoader) matter(tx *gorm.DB, m DemoMatter) error {
	dept, _ := l.ref.DepartmentByName(m.Department)
	mr := matterRow{Code: m.Code, Name: m.Name, Type: m.Type, DeptCode: dept.Code, CreatedAt: l.now}
	if err := tx.Create(&mr).Error; err != nil {
		return err
	}
	mats, err := l.materials(tx, m)
	if err != nil {
		return err
	}
	for _, code := range m.RegionCodes() {
		p, _ := placeOf(l.ref, code)
		it := demoItem(m, dept, p)
		it.MatterID = mr.ID
		d := ItemDetail{Item: it, Materials: mats, Fees: demoFees(m), Steps: demoSteps(m), FAQs: demoFAQs(m)}
		if err := d.Validate(); err != nil {
			return err
		}
		if _, err := insertItem(tx, d, l.now); err != nil {
			return err
		}
	}
	return nil
}

// materials converts the matter's materials, generating each blank form and
// sample once; every region's item links to the same attachment rows.
func (l *demoLoader) materials(tx *gorm.DB, m DemoMatter) ([]Material, error) {
	out := make([]Material, 0, len(m.Materials))
	for i, dm := range m.Materials {
		mat := Material{Position: i + 1, Name: dm.Name, Necessity: dm.Necessity, Form: dm.Form, Kind: dm.Kind,
			Copies: dm.Copies, Source: dm.Source, Notes: dm.Notes, Standard: dm.Standard, Basis: dm.Basis}
		var err error
		if mat.BlankFormID, err = l.attachment(tx, dm.BlankForm, dm.Name, "空白表格"); err != nil {
			return nil, err
		}
		if mat.SampleID, err = l.attachment(tx, dm.Sample, dm.Name, "示例样表"); err != nil {
			return nil, err
		}
		out = append(out, mat)
	}
	return out, nil
}

func (l *demoLoader) attachment(tx *gorm.DB, kind, title, role string) (int64, error) {
	if kind == "" {
		return 0, nil
	}
	key := kind + "|" + title + "|" + role
	if id, ok := l.files[key]; ok {
		return id, nil
	}
	a, err := makeAttachment(kind, title, role)
	if err != nil {
		return 0, err
	}
	id, err := saveAttachment(tx, a, l.now)
	l.files[key] = id
	return id, err
}

// saveAttachment stores a file once per content and name.
func saveAttachment(tx *gorm.DB, a Attachment, now time.Time) (int64, error) {
	sum := sha256.Sum256(a.Data)
	row := attachmentRow{Name: a.Name, MIME: a.MIME, Size: int64(len(a.Data)), Sha256: hex.EncodeToString(sum[:]),
		Data: a.Data, CreatedAt: now}
	var existing []attachmentRow
	if err := tx.Select("id").Where("sha256 = ? AND name = ?", row.Sha256, row.Name).Limit(1).Find(&existing).Error; err != nil {
		return 0, err
	}
	if len(existing) > 0 {
		return existing[0].ID, nil
	}
	err := tx.Create(&row).Error
	return row.ID, err
}

func demoFees(m DemoMatter) []Fee {
	out := make([]Fee, 0, len(m.Fees))
	for i, f := range m.Fees {
		out = append(out, Fee{Position: i + 1, Name: f.Name, Standard: f.Standard, Basis: f.Basis, Waivable: f.Waivable})
	}
	return out
}

func demoSteps(m DemoMatter) []Step {
	out := make([]Step, 0, len(m.Steps))
	for i, s := range m.Steps {
		out = append(out, Step{Position: i + 1, Name: s.Name, Detail: s.Detail})
	}
	return out
}

func demoFAQs(m DemoMatter) []FAQ {
	out := make([]FAQ, 0, len(m.FAQs))
	for i, f := range m.FAQs {
		out = append(out, FAQ{Position: i + 1, Question: f.Q, Answer: f.A})
	}
	return out
}
