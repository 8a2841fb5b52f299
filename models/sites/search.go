package sites

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
)

// Search document kinds and ID prefixes of sub-site content (CONTRACTS.md).
const (
	KindPolicy = "policy" // policies and interpretations (scope 政策)
	KindTopic  = "topic"

	prefixPolicy = "policy:"
	prefixInterp = "interp:"
	prefixTopic  = "topic:"
)

// SearchSource maps published policies, interpretations and topics to
// search documents.
type SearchSource struct {
	st  *models.Store
	ref *refdata.Catalog
}

// NewSearchSource returns the sub-site content source for the search index.
func NewSearchSource(st *models.Store, ref *refdata.Catalog) search.Source {
	return &SearchSource{st: st, ref: ref}
}

// Kind names the source: its documents are policies and topics.
func (s *SearchSource) Kind() string { return KindPolicy }

// All streams every published policy, interpretation and topic. Sub-site
// content is small (hundreds of rows per site), so each table is read in
// one query; the limit guards against a runaway import.
func (s *SearchSource) All(ctx context.Context, emit func(search.Doc) error) error {
	const max = 100000
	db := s.st.DB.WithContext(ctx)
	var ps []Policy
	if err := db.Where("published = ?", true).Order("id").Limit(max).Find(&ps).Error; err != nil {
		return err
	}
	for _, p := range ps {
		if err := emit(s.policyDoc(p)); err != nil {
			return err
		}
	}
	var ins []Interpretation
	if err := db.Where("published = ?", true).Order("id").Limit(max).Find(&ins).Error; err != nil {
		return err
	}
	for _, in := range ins {
		if err := emit(s.interpDoc(in)); err != nil {
			return err
		}
	}
	var ts []Topic
	if err := db.Where("published = ?", true).Order("id").Limit(max).Find(&ts).Error; err != nil {
		return err
	}
	for _, t := range ts {
		if err := emit(s.topicDoc(t)); err != nil {
			return err
		}
	}
	return nil
}

// Get returns one document by ID; false when it is unknown or unpublished.
func (s *SearchSource) Get(ctx context.Context, id string) (search.Doc, bool, error) {
	kind, num, ok := strings.Cut(id, ":")
	n, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil {
		return search.Doc{}, false, nil
	}
	db := s.st.DB.WithContext(ctx).Where("id = ? AND published = ?", n, true).Limit(1)
	switch kind + ":" {
	case prefixPolicy:
		var rows []Policy
		if err := db.Find(&rows).Error; err != nil || len(rows) == 0 {
			return search.Doc{}, false, err
		}
		return s.policyDoc(rows[0]), true, nil
	case prefixInterp:
		var rows []Interpretation
		if err := db.Find(&rows).Error; err != nil || len(rows) == 0 {
			return search.Doc{}, false, err
		}
		return s.interpDoc(rows[0]), true, nil
	case prefixTopic:
		var rows []Topic
		if err := db.Find(&rows).Error; err != nil || len(rows) == 0 {
			return search.Doc{}, false, err
		}
		return s.topicDoc(rows[0]), true, nil
	}
	return search.Doc{}, false, nil
}

func (s *SearchSource) policyDoc(p Policy) search.Doc {
	d := s.base(p.SiteCode, prefixPolicy, p.ID, "policies")
	d.Kind, d.Title, d.Body, d.Updated = KindPolicy, p.Title, p.Body, p.UpdatedAt
	d.Keywords = append(d.Keywords, nonEmpty(p.DocNumber, p.Issuer)...)
	return d
}

func (s *SearchSource) interpDoc(in Interpretation) search.Doc {
	d := s.base(in.SiteCode, prefixInterp, in.ID, "interpretations")
	d.Kind, d.Title, d.Body, d.Updated = KindPolicy, in.Title, in.Body, in.UpdatedAt
	return d
}

func (s *SearchSource) topicDoc(t Topic) search.Doc {
	d := s.base(t.SiteCode, prefixTopic, t.ID, "topics")
	d.Kind, d.Title, d.Body, d.Updated = KindTopic, t.Title, t.Summary, t.UpdatedAt
	return d
}

// base fills what every sub-site document shares: its ID and URL, the site
// facet, and where it applies — the province's region, or national for a
// department's site.
func (s *SearchSource) base(site, prefix string, id int64, path string) search.Doc {
	d := search.Doc{
		ID:     fmt.Sprintf("%s%d", prefix, id),
		URL:    fmt.Sprintf("/sites/%s/%s/%d", site, path, id),
		Facets: map[string][]string{"site": {site}},
	}
	if IsProvince(site) {
		d.RegionPath = []string{site}
		d.Facets["region"] = []string{site}
	} else {
		d.RegionPath = []string{refdata.National}
		d.Facets["region"] = []string{refdata.National}
		d.Facets["dept"] = []string{site}
	}
	if name := SiteName(s.ref, site); name != "" {
		d.Keywords = append(d.Keywords, name)
	}
	return d
}

// IsProvince reports whether a site code is a provincial unit's region code
// (330000, 660000) rather than a department code (N007).
func IsProvince(code string) bool {
	if len(code) != 6 || !strings.HasSuffix(code, "0000") {
		return false
	}
	_, err := strconv.Atoi(code)
	return err == nil
}

// SiteName returns the display name of a sub-site: the province or the
// department; "" when unknown.
func SiteName(ref *refdata.Catalog, code string) string {
	if ref == nil {
		return ""
	}
	if IsProvince(code) {
		if r, ok := ref.Region(code); ok && r.Parent == refdata.National {
			return r.Name
		}
		return ""
	}
	if d, ok := ref.Department(code); ok && d.National() {
		return d.Name
	}
	return ""
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
