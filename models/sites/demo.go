package sites

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Demo content of three provinces and three departments (issue 3 §5): one
// JSON file per site. Departments are named, matters are named: the loader
// resolves them to department codes (refdata) and to the implementation item
// of that matter nearest to the site (resolveItem).
//
//go:embed demodata/*.json
var demoFS embed.FS

type demoFile struct {
	Site       string `json:"site"`
	Department string `json:"department"`
	Policies   []struct {
		Key, Title, Number, Issuer, Date, Source string
		Body                                     []string
	} `json:"policies"`
	Interpretations []struct {
		Title, Policy, Date, Source string
		Body, Matters               []string
	} `json:"interpretations"`
	Topics []struct {
		Title, Summary string
		Matters        []string
	} `json:"topics"`
	Apps []struct {
		Name, Type, Owner, URL, Icon, Description, Status string
	} `json:"apps"`
}

// SeedDemo loads the demo sub-site content once: a site that already has
// content is left alone, so the step is idempotent. It runs after the
// catalog's demo step so that named matters resolve to items.
func SeedDemo(ctx context.Context, st *models.Store) error {
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		return err
	}
	files, err := readDemo(ref)
	if err != nil {
		return err
	}
	policyIDs := map[string]int64{}
	var fresh []demoFile
	// Policies first, across every file: an interpretation may explain
	// another site's policy (C 0103 8.2 b, national policies in local sites).
	for _, f := range files {
		var n int64
		if err := st.DB.WithContext(ctx).Model(&Policy{}).Where("site_code = ?", f.Site).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		fresh = append(fresh, f)
		for _, p := range f.Policies {
			pol := Policy{SiteCode: f.Site, Title: p.Title, DocNumber: p.Number, Issuer: p.Issuer,
				IssuedOn: day(p.Date), Body: strings.Join(p.Body, "\n\n"), Source: p.Source, Published: true}
			if err := CreatePolicy(ctx, st, &pol); err != nil {
				return fmt.Errorf("policy %s: %w", p.Key, err)
			}
			policyIDs[p.Key] = pol.ID
		}
	}
	if len(fresh) < len(files) {
		if err := knownPolicies(ctx, st, files, policyIDs); err != nil {
			return err
		}
	}
	for _, f := range fresh {
		if err := seedSite(ctx, st, f, policyIDs); err != nil {
			return fmt.Errorf("site %s: %w", f.Site, err)
		}
	}
	return nil
}

func readDemo(ref *refdata.Catalog) ([]demoFile, error) {
	entries, err := demoFS.ReadDir("demodata")
	if err != nil {
		return nil, err
	}
	var out []demoFile
	for _, e := range entries {
		b, err := demoFS.ReadFile("demodata/" + e.Name())
		if err != nil {
			return nil, err
		}
		var f demoFile
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if f.Department != "" {
			d, ok := ref.DepartmentByName(f.Department)
			if !ok {
				return nil, fmt.Errorf("%s: unknown department %q", e.Name(), f.Department)
			}
			f.Site = d.Code
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Site < out[j].Site })
	return out, nil
}

// knownPolicies maps the keys of already-seeded policies to their IDs by
// title, for interpretations of a new site that explain an old one's policy.
func knownPolicies(ctx context.Context, st *models.Store, files []demoFile, ids map[string]int64) error {
	for _, f := range files {
		for _, p := range f.Policies {
			if _, ok := ids[p.Key]; ok {
				continue
			}
			var rows []Policy
			if err := st.DB.WithContext(ctx).Select("id").Where("site_code = ? AND title = ?", f.Site, p.Title).
				Limit(1).Find(&rows).Error; err != nil {
				return err
			}
			if len(rows) == 1 {
				ids[p.Key] = rows[0].ID
			}
		}
	}
	return nil
}

func seedSite(ctx context.Context, st *models.Store, f demoFile, policyIDs map[string]int64) error {
	for _, in := range f.Interpretations {
		codes, err := resolveItems(ctx, st, f.Site, in.Matters)
		if err != nil {
			return err
		}
		rec := Interpretation{SiteCode: f.Site, Title: in.Title, Body: strings.Join(in.Body, "\n\n"),
			Source: in.Source, PublishedOn: day(in.Date), Published: true, ItemCodes: codes}
		if id, ok := policyIDs[in.Policy]; ok {
			rec.PolicyID = &id
		}
		if err := CreateInterpretation(ctx, st, &rec); err != nil {
			return err
		}
	}
	for i, t := range f.Topics {
		codes, err := resolveItems(ctx, st, f.Site, t.Matters)
		if err != nil {
			return err
		}
		rec := Topic{SiteCode: f.Site, Title: t.Title, Summary: t.Summary, Position: i + 1, Published: true, ItemCodes: codes}
		if err := CreateTopic(ctx, st, &rec); err != nil {
			return err
		}
	}
	for _, a := range f.Apps {
		rec := App{Name: a.Name, Type: a.Type, OwnerOrg: a.Owner, SiteCode: f.Site, EntryURL: a.URL,
			Icon: a.Icon, Description: a.Description, Status: a.Status}
		if err := CreateApp(ctx, st, &rec); err != nil {
			return err
		}
	}
	return nil
}

// resolveItems finds, for each named matter, the published implementation
// item nearest to the site: for a province, the item in that province with
// the shortest (highest-level) region code, else the national one; for a
// department, an item of that department, national first. Matters without
// an item are skipped: demo topics list what exists.
//
// It reads the catalog's tables directly (one query per name, at seed time
// only) rather than widening the catalog package's API for demo loading.
func resolveItems(ctx context.Context, st *models.Store, site string, names []string) ([]string, error) {
	var out []string
	for _, name := range names {
		q := st.DB.WithContext(ctx).Table("matter_items i").Select("i.code").
			Joins("JOIN matters m ON m.id = i.matter_id").
			Where("m.name = ? AND i.status = ?", name, "published")
		if IsProvince(site) {
			q = q.Where("(i.region_code LIKE ? OR i.region_code = ?)", site[:2]+"%", refdata.National).
				Order("CASE WHEN i.region_code = '000000' THEN 1 ELSE 0 END, LENGTH(i.region_code), i.region_code")
		} else {
			q = q.Where("(i.dept_code = ? OR m.dept_code = ?)", site, site).
				Order("CASE WHEN i.region_code = '000000' THEN 0 ELSE 1 END, LENGTH(i.region_code), i.region_code")
		}
		var codes []string
		if err := q.Limit(1).Pluck("i.code", &codes).Error; err != nil {
			return nil, err
		}
		out = append(out, codes...)
	}
	return out, nil
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Now().UTC().Truncate(24 * time.Hour)
	}
	return t
}
