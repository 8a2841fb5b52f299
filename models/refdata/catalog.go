package refdata

import (
	"context"
	"fmt"
	"strings"

	"github.com/zwfw/portal/models"
)

// Region is one administrative division.
type Region struct {
	Code   string // canonical code: 6 digits (province–county), 9 (township), 12 (village)
	Name   string // display name (NBS name, except municipal 市辖区/县 rows: see doc.go)
	Parent string // parent's code; National for provinces
	Level  uint8  // LevelProvince … LevelVillage
	// Grouping marks NBS statistical rows that are not a real level of
	// government (市辖区, 县, 省直辖县级行政区划): Path skips them.
	Grouping bool
	// first, end delimit the children in Catalog.regions.
	first, end int32
}

// ProvinceCode returns the code of the region's province.
func (r Region) ProvinceCode() string { return r.Code[:2] + "0000" }

// HasChildren reports whether the region has subdivisions in the catalog.
func (r Region) HasChildren() bool { return r.end > r.first }

// Catalog is the in-memory reference catalog: every region and department,
// loaded once by Load and read-only afterwards, so it is safe for concurrent
// use. Slices it returns are shared: callers must not modify them.
type Catalog struct {
	regions    []Region         // grouped by parent, siblings in display order
	byCode     map[string]int32 // code → index in regions
	root       [2]int32         // range of the provinces
	villages   int
	depts      []Department
	deptByCode map[string]int
	deptByName map[string]int
}

// Load builds the catalog from the regions and departments tables. With
// villages loaded it holds ≈ 665k regions in about 100 MB (see the
// benchmarks); without, ≈ 45k in a few MB.
func Load(ctx context.Context, st *models.Store) (*Catalog, error) {
	c := &Catalog{}
	if err := c.loadRegions(ctx, st); err != nil {
		return nil, fmt.Errorf("load regions: %w", err)
	}
	if err := c.loadDepartments(ctx, st); err != nil {
		return nil, fmt.Errorf("load departments: %w", err)
	}
	return c, nil
}

// Region looks a region up by code, accepting the NBS short and 12-digit
// forms too (33 → 330000, 330106000000 → 330106). National is not a region.
func (c *Catalog) Region(code string) (Region, bool) {
	i, ok := c.byCode[code]
	if !ok {
		canon, valid := Canonical(code)
		if !valid || canon == code {
			return Region{}, false
		}
		if i, ok = c.byCode[canon]; !ok {
			return Region{}, false
		}
	}
	return c.regions[i], true
}

// Children returns the subdivisions of code in display order; National (or
// "") gives the provinces. Unknown codes and leaves give nil.
func (c *Catalog) Children(code string) []Region {
	if code == National || code == "" {
		return c.regions[c.root[0]:c.root[1]:c.root[1]]
	}
	r, ok := c.Region(code)
	if !ok || !r.HasChildren() {
		return nil
	}
	return c.regions[r.first:r.end:r.end]
}

// Provinces returns the 32 provincial units of C 0103 8.1 in code order,
// 660000 新疆生产建设兵团 last.
func (c *Catalog) Provinces() []Region { return c.Children(National) }

// Ancestors returns the regions above code, nearest first, up to and
// including its province (330106 → 330100, 330000). Nil for a province or
// an unknown code.
func (c *Catalog) Ancestors(code string) []Region {
	r, ok := c.Region(code)
	if !ok {
		return nil
	}
	var out []Region
	for r.Parent != National {
		p, ok := c.Region(r.Parent)
		if !ok {
			break
		}
		out = append(out, p)
		r = p
	}
	return out
}

// RegionPath returns code and every ancestor code, nearest first
// ([330106 330100 330000]); National gives [000000]. It is the RegionPath
// of search documents. Unknown codes give nil.
func (c *Catalog) RegionPath(code string) []string {
	if code == National {
		return []string{National}
	}
	r, ok := c.Region(code)
	if !ok {
		return nil
	}
	out := []string{r.Code}
	for _, a := range c.Ancestors(r.Code) {
		out = append(out, a.Code)
	}
	return out
}

// PathNames returns the display names from the province down to code,
// skipping NBS grouping rows above it (110101 → [北京市 东城区]).
func (c *Catalog) PathNames(code string) []string {
	r, ok := c.Region(code)
	if !ok {
		return nil
	}
	anc := c.Ancestors(r.Code)
	out := make([]string, 0, len(anc)+1)
	for i := len(anc) - 1; i >= 0; i-- {
		if !anc[i].Grouping {
			out = append(out, anc[i].Name)
		}
	}
	if len(out) == 0 || out[len(out)-1] != r.Name {
		out = append(out, r.Name)
	}
	return out
}

// Path is the display path of code, like 浙江省 / 杭州市 / 西湖区; "" when
// unknown.
func (c *Catalog) Path(code string) string {
	return strings.Join(c.PathNames(code), " / ")
}

// ShortName names a region unambiguously in little space: below the city
// level the parent's name comes first (杭州市西湖区, 北京市东城区, 河南省济源市).
func (c *Catalog) ShortName(code string) string {
	r, ok := c.Region(code)
	if !ok {
		return ""
	}
	names := c.PathNames(r.Code)
	if r.Level >= LevelCounty && len(names) >= 2 {
		return names[len(names)-2] + names[len(names)-1]
	}
	return names[len(names)-1]
}

// RegionCount is the number of regions loaded.
func (c *Catalog) RegionCount() int { return len(c.regions) }

// VillageCount is the number of villages loaded (0 unless seeded with
// `portal seed regions --villages`).
func (c *Catalog) VillageCount() int { return c.villages }

// Canonical returns the canonical form of a region code: 2- and 4-digit NBS
// codes padded to 6, 9- and 12-digit NBS codes with trailing 000 groups cut
// (330106001000 → 330106001, 330106000 → 330106). It does not check that
// the region exists.
func Canonical(code string) (string, bool) {
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return "", false
		}
	}
	switch len(code) {
	case 2, 4:
		return pad6(code), true
	case 6:
		return code, true
	case 9, 12:
		if strings.HasSuffix(code, "000") {
			return Canonical(code[:len(code)-3])
		}
		return code, true
	}
	return "", false
}
