package catalog

import (
	"context"
	"strconv"
	"strings"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
)

// DocPrefix starts the search-document ID of an item: "item:<实施编码>".
const DocPrefix = "item:"

// searchBatch is how many items the index build reads per query.
const searchBatch = 1000

type searchSource struct {
	repo *Repo
	ref  *refdata.Catalog
}

// NewSearchSource maps published items to search documents with the facet
// keys of CONTRACTS.md, for the index build (All) and incremental updates
// (Get).
func NewSearchSource(st *models.Store, ref *refdata.Catalog) search.Source {
	return searchSource{repo: NewRepo(st), ref: ref}
}

func (s searchSource) Kind() string { return "matter" }

func (s searchSource) All(ctx context.Context, emit func(search.Doc) error) error {
	// A million items sit in some 45,000 regions: each region's path is
	// worked out once and shared (the index only reads it).
	paths := map[string][]string{}
	return s.repo.StreamPublished(ctx, searchBatch, func(batch []ItemText) error {
		for _, t := range batch {
			path, ok := paths[t.RegionCode]
			if !ok {
				path = regionPath(s.ref, t.RegionCode)
				paths[t.RegionCode] = path
			}
			if err := emit(s.docIn(t, path)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s searchSource) Get(ctx context.Context, id string) (search.Doc, bool, error) {
	code, ok := strings.CutPrefix(id, DocPrefix)
	if !ok {
		return search.Doc{}, false, nil
	}
	t, found, err := s.repo.PublishedText(ctx, code)
	if err != nil || !found {
		return search.Doc{}, false, err
	}
	return s.docIn(t, regionPath(s.ref, t.RegionCode)), true, nil
}

// docIn builds the search document of an item in the region whose path is
// given. Body is the guide's full text: conditions, material names, FAQs,
// step names and legal basis.
func (s searchSource) docIn(t ItemText, regionPath []string) search.Doc {
	parts := make([]string, 0, 2+len(t.Materials)+2*len(t.FAQs)+len(t.Steps))
	parts = append(append(parts, t.Conditions), t.Materials...)
	for _, f := range t.FAQs {
		parts = append(parts, f.Question, f.Answer)
	}
	parts = append(append(parts, t.Steps...), t.LegalBasis)
	// Sized once: growing the builder cost 4 GB of garbage per million items.
	size := 0
	for _, x := range parts {
		size += len(x) + 1
	}
	var body strings.Builder
	body.Grow(size)
	for _, x := range parts {
		if x != "" {
			body.WriteString(x)
			body.WriteByte('\n')
		}
	}
	// Keywords: the 基本目录 name (items may be renamed locally) and the body.
	var keywords []string
	if t.MatterName != "" {
		keywords = append(keywords, t.MatterName)
	}
	keywords = append(keywords, t.Body.Name)
	return search.Doc{
		ID: DocPrefix + t.Code, Kind: "matter", Title: t.Name, Body: body.String(), Keywords: keywords,
		URL: "/matters/" + t.Code, Facets: Facets(t.Item), RegionPath: regionPath,
		Popularity: t.Popularity, Updated: t.UpdatedAt,
	}
}

// Facets returns the search facets of an item (CONTRACTS.md: type, group,
// audience, dept, theme_n, theme_l, theme_local, level, scope, online,
// region, site).
func Facets(it Item) map[string][]string {
	f := make(map[string][]string, 12) // every key below: no rehashing per item
	f["type"] = []string{it.Type}
	f["group"] = []string{refdata.MatterTypeGroup(it.Type)}
	f["dept"] = []string{it.DeptCode}
	f["level"] = []string{strconv.Itoa(it.Level)}
	f["scope"] = []string{orDefault(it.Scope, refdata.ScopeFixed)}
	f["online"] = []string{boolFacet(it.Online)}
	f["region"] = []string{it.RegionCode}
	var groups []string
	for _, a := range it.Audiences {
		if g := refdata.AudienceGroup(a); g != "" && !contains(groups, g) {
			groups = append(groups, g)
		}
	}
	setIf(f, "audience", groups)
	setIf(f, "theme_n", it.ThemesN)
	setIf(f, "theme_l", it.ThemesL)
	otherTheme(f, groups)
	setIf(f, "theme_local", it.LocalThemes)
	// C 0103 8.1: an item belongs to its province's sub-site and to its
	// department's.
	var sites []string
	if it.RegionCode != NationalRegion && len(it.RegionCode) >= 2 {
		sites = append(sites, it.RegionCode[:2]+"0000")
	}
	f["site"] = append(sites, it.DeptCode)
	return f
}

// otherTheme files an item with no listed theme under 999 其他 (C 0103
// 6.3.4 second paragraph: whatever fits no theme is still reachable by
// theme) in the list of each audience it serves; an item without an
// audience goes to the natural-person list.
func otherTheme(f map[string][]string, audiences []string) {
	if len(f["theme_n"]) > 0 || len(f["theme_l"]) > 0 {
		return
	}
	if len(audiences) == 0 || contains(audiences, refdata.AudienceNatural) {
		f["theme_n"] = []string{refdata.ThemeOther}
	}
	if contains(audiences, refdata.AudienceLegal) {
		f["theme_l"] = []string{refdata.ThemeOther}
	}
}

func boolFacet(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func setIf(f map[string][]string, key string, vals []string) {
	if len(vals) > 0 {
		f[key] = append([]string(nil), vals...)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
