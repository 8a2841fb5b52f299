package catalog

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/zwfw/portal/models/refdata"
)

// The demo matter format is specified in demodata/README.md.

//go:embed demodata/*.json
var demoFiles embed.FS

type demoLimit struct {
	Value int    `json:"value"`
	Unit  string `json:"unit"`
	Note  string `json:"note"`
}

type demoFee struct {
	Name     string `json:"name"`
	Standard string `json:"standard"`
	Basis    string `json:"basis"`
	Waivable bool   `json:"waivable"`
}

type demoMaterial struct {
	Name      string `json:"name"`
	Necessity string `json:"necessity"`
	Form      string `json:"form"`
	Kind      string `json:"kind"`
	Copies    int    `json:"copies"`
	Source    string `json:"source"`
	BlankForm string `json:"blank_form"`
	Sample    string `json:"sample"`
	Notes     string `json:"notes"`
	Standard  string `json:"standard"`
	Basis     string `json:"basis"`
}

type demoStep struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

type demoFAQ struct {
	Q string `json:"q"`
	A string `json:"a"`
}

// DemoMatter is one matter of the demo files with everything needed to
// implement it in each listed region.
type DemoMatter struct {
	Code          string         `json:"code"`
	Name          string         `json:"name"`
	Type          string         `json:"type"`
	Department    string         `json:"department"`
	Audiences     []string       `json:"audiences"`
	ThemesNatural []string       `json:"themes_natural"`
	ThemesLegal   []string       `json:"themes_legal"`
	LocalThemes   []string       `json:"local_themes"`
	Level         int            `json:"level"`
	Scope         string         `json:"scope"`
	Online        bool           `json:"online"`
	Mobile        bool           `json:"mobile"`
	TrustLevel    int            `json:"trust_level"`
	CaseType      string         `json:"case_type"`
	Forms         []string       `json:"forms"`
	LegalBasis    string         `json:"legal_basis"`
	Conditions    string         `json:"conditions"`
	Statutory     demoLimit      `json:"statutory_limit"`
	Promised      demoLimit      `json:"promised_limit"`
	Visits        int            `json:"visits"`
	Fees          []demoFee      `json:"fees"`
	Materials     []demoMaterial `json:"materials"`
	Steps         []demoStep     `json:"steps"`
	FAQs          []demoFAQ      `json:"faqs"`
	Body          string         `json:"body"`
	BodyNature    string         `json:"body_nature"`
	Location      string         `json:"location"`
	Hours         string         `json:"hours"`
	Consult       string         `json:"consult"`
	Complaint     string         `json:"complaint"`
	Popularity    float64        `json:"popularity"`
	Regions       []string       `json:"regions"`
}

// regionShortcuts are the demo region sets of demodata/README.md: six
// provinces and a real county, township and village in each.
var regionShortcuts = map[string][]string{
	"@counties":  {"330106", "320102", "440106", "110105", "510107", "310115"},
	"@cities":    {"330100", "320100", "440100", "510100", "110000", "310000"},
	"@provinces": {"330000", "320000", "440000", "110000", "510000", "310000"},
	"@townships": {"330106005", "320102003", "440106002", "110105002", "510107005", "310115005"},
	"@villages":  {"330106005001", "320102003001", "440106002008", "110105002024", "510107005001", "310115005001"},
}

// DemoMatters reads every demodata/*.json file, in file-name order.
func DemoMatters() ([]DemoMatter, error) {
	names, err := fs.Glob(demoFiles, "demodata/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []DemoMatter
	for _, name := range names {
		body, err := demoFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var ms []DemoMatter
		if err := json.Unmarshal(body, &ms); err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		all = append(all, ms...)
	}
	return all, nil
}

// RegionCodes expands the matter's region list (shortcuts included),
// without duplicates, in the order given.
func (m DemoMatter) RegionCodes() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range m.Regions {
		codes := []string{r}
		if exp, ok := regionShortcuts[r]; ok {
			codes = exp
		}
		for _, c := range codes {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

var (
	validForms     = map[string]bool{"纸质": true, "电子": true, "纸质/电子": true}
	validKinds     = map[string]bool{"原件": true, "复印件": true, "原件和复印件": true}
	validNecessity = map[string]bool{NecessityRequired: true, NecessityOptional: true, NecessityDeferred: true}
	unitCodes      = map[string]string{"工作日": "1", "自然日": "2", "": "1"}
	scopeCodes     = map[string]bool{"": true, refdata.ScopeNational: true, refdata.ScopeCrossProvince: true,
		refdata.ScopeCrossCity: true, refdata.ScopeCrossCounty: true}
)

// Check lists what is wrong with a demo matter ("" when nothing).
func (m DemoMatter) Check() string {
	var p []string
	bad := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	if !ValidCode(m.Code) || m.Name == "" {
		bad("code %q or name %q", m.Code, m.Name)
	}
	if !refdata.MatterTypes.Has(m.Type) {
		bad("type %q", m.Type)
	}
	if !refdata.MatterLevels.Has(fmt.Sprint(m.Level)) {
		bad("level %d", m.Level)
	}
	if !scopeCodes[m.Scope] {
		bad("scope %q", m.Scope)
	}
	checkCodes := func(what string, set *refdata.CodeSet, codes []string) {
		for _, c := range codes {
			if !set.Has(c) {
				bad("%s %q", what, c)
			}
		}
	}
	checkCodes("audience", refdata.Audiences, m.Audiences)
	checkCodes("natural theme", refdata.NaturalThemes, m.ThemesNatural)
	checkCodes("legal theme", refdata.LegalThemes, m.ThemesLegal)
	checkCodes("form", refdata.HandlingForms, m.Forms)
	if len(m.Audiences) == 0 || len(m.ThemesNatural)+len(m.ThemesLegal) == 0 {
		bad("needs audiences and themes")
	}
	if !refdata.CaseTypes.Has(m.CaseType) {
		bad("case_type %q", m.CaseType)
	}
	if m.BodyNature != "" && !refdata.BodyNatures.Has(m.BodyNature) {
		bad("body_nature %q", m.BodyNature)
	}
	if _, ok := unitCodes[m.Statutory.Unit]; !ok {
		bad("statutory unit %q", m.Statutory.Unit)
	}
	if _, ok := unitCodes[m.Promised.Unit]; !ok {
		bad("promised unit %q", m.Promised.Unit)
	}
	for _, mat := range m.Materials {
		if mat.Name == "" || !validNecessity[mat.Necessity] || !validForms[mat.Form] || !validKinds[mat.Kind] {
			bad("material %q: necessity %q form %q kind %q", mat.Name, mat.Necessity, mat.Form, mat.Kind)
		}
		for _, k := range []string{mat.BlankForm, mat.Sample} {
			if _, ok := attachmentKinds[k]; k != "" && !ok {
				bad("material %q: attachment kind %q", mat.Name, k)
			}
		}
	}
	if len(m.Materials) == 0 || len(m.Steps) == 0 || len(m.FAQs) == 0 || len(m.RegionCodes()) == 0 {
		bad("needs materials, steps, faqs and regions")
	}
	return strings.Join(p, "; ")
}
