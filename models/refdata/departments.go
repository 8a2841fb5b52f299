package refdata

import (
	"context"

	"github.com/zwfw/portal/models"
)

// Department is an implementing department (实施主体, C 0103 6.3.3).
type Department struct {
	Code       string // N001 … for national departments (doc.go)
	Name       string // full name, 国家发展和改革委员会
	ShortName  string // 国家发展改革委
	NameEn     string
	RegionCode string // National for national departments
	Kind       string // DeptMinistry …
	Sort       int
}

// Label returns the name in lang ("en" → English when known).
func (d Department) Label(lang string) string {
	if lang == "en" && d.NameEn != "" {
		return d.NameEn
	}
	return d.Name
}

// National reports whether the department is a national one.
func (d Department) National() bool { return d.RegionCode == National || d.RegionCode == "" }

func (c *Catalog) loadDepartments(ctx context.Context, st *models.Store) error {
	var rows []Department
	err := st.DB.WithContext(ctx).Raw(`SELECT code, name, short_name, name_en, region_code, kind, sort
		FROM departments ORDER BY sort, code`).Scan(&rows).Error
	if err != nil {
		return err
	}
	c.depts = rows
	c.deptByCode = make(map[string]int, len(rows))
	c.deptByName = make(map[string]int, 2*len(rows))
	for i, d := range rows {
		c.deptByCode[d.Code] = i
		// Full names win over short names when both collide.
		if _, taken := c.deptByName[d.ShortName]; !taken && d.ShortName != "" {
			c.deptByName[d.ShortName] = i
		}
		c.deptByName[d.Name] = i
	}
	return nil
}

// Departments returns every department in display order (shared: do not
// modify).
func (c *Catalog) Departments() []Department {
	return c.depts[:len(c.depts):len(c.depts)]
}

// DepartmentsIn returns the departments of a region (National for the
// national ones), in display order.
func (c *Catalog) DepartmentsIn(regionCode string) []Department {
	var out []Department
	for _, d := range c.depts {
		if d.RegionCode == regionCode || (regionCode == National && d.National()) {
			out = append(out, d)
		}
	}
	return out
}

// Department looks a department up by code.
func (c *Catalog) Department(code string) (Department, bool) {
	i, ok := c.deptByCode[code]
	if !ok {
		return Department{}, false
	}
	return c.depts[i], true
}

// DepartmentByName resolves a full or short name (公安部, 国家发展改革委) to
// its department; demo and import data name departments this way.
func (c *Catalog) DepartmentByName(name string) (Department, bool) {
	i, ok := c.deptByName[name]
	if !ok {
		return Department{}, false
	}
	return c.depts[i], true
}
