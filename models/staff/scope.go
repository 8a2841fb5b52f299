package staff

import (
	"strings"

	"gorm.io/gorm"
)

// National is the region code of a scope that covers every region.
const National = "000000"

// Scope is the part of the portal a staff member's role applies to: a
// region subtree (National = all regions) and a department ("" = all).
// 浙江省 is Region 330000: 330000 itself, 杭州市 330100, 西湖区 330106 and
// every township and village below them, and nothing in 江苏省.
type Scope struct {
	Region string
	Dept   string
}

// Everything reports whether the scope is unrestricted (platform level).
func (s Scope) Everything() bool { return s.national() && s.Dept == "" }

func (s Scope) national() bool { return s.Region == "" || s.Region == National }

// regionPrefix is the code prefix shared by a region and everything below
// it: GB/T 2260 codes nest by digits (33 → 3301 → 330106 → 330106001).
func regionPrefix(code string) string {
	if len(code) == 6 {
		switch {
		case strings.HasSuffix(code, "0000"):
			return code[:2]
		case strings.HasSuffix(code, "00"):
			return code[:4]
		}
	}
	return code
}

// ContainsRegion reports whether a record at region code lies inside the
// scope's subtree. National records belong to the national scope only.
func (s Scope) ContainsRegion(code string) bool {
	if s.national() {
		return true
	}
	return code != National && strings.HasPrefix(code, regionPrefix(s.Region))
}

// Contains reports whether a record at region and department is in scope.
func (s Scope) Contains(region, dept string) bool {
	return s.ContainsRegion(region) && (s.Dept == "" || s.Dept == dept)
}

// Covers reports whether every record of other is also in s: a site admin
// may create staff accounts only inside their own scope.
func (s Scope) Covers(other Scope) bool {
	if !s.national() && (other.national() || !s.ContainsRegion(other.Region)) {
		return false
	}
	return s.Dept == "" || s.Dept == other.Dept
}

// Where restricts a query to the scope, given the names of the region and
// department columns (constants of the caller, never user input).
func (s Scope) Where(db *gorm.DB, regionCol, deptCol string) *gorm.DB {
	if !s.national() {
		// Codes are digits only (ValidScope), so the prefix needs no escaping.
		db = db.Where(regionCol+" LIKE ?", regionPrefix(s.Region)+"%")
	}
	if s.Dept != "" && deptCol != "" {
		db = db.Where(deptCol+" = ?", s.Dept)
	}
	return db
}

// Site codes (C 0103 8.1): a sub-site belongs to a provincial unit (its
// region code, 330000) or to a national department (its code, N007).

// Sites returns the sub-site codes the scope manages; all is true for a
// platform-level scope (every site). A city or a province's department
// manages no sub-site: the site is the province's as a whole.
func (s Scope) Sites() (codes []string, all bool) {
	switch {
	case s.Everything():
		return nil, true
	case s.national():
		return []string{s.Dept}, false
	case s.Dept == "" && len(s.Region) == 6 && strings.HasSuffix(s.Region, "0000"):
		return []string{s.Region}, false
	}
	return nil, false
}

// ManagesSite reports whether the scope manages the sub-site code.
func (s Scope) ManagesSite(code string) bool {
	codes, all := s.Sites()
	if all {
		return code != ""
	}
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}
