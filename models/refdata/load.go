package refdata

import (
	"context"
	"database/sql"
	"strings"

	"github.com/zwfw/portal/models"
)

// span is a substring of the load arena.
type span struct{ off, n uint32 }

// loadRegions reads every region, grouped by parent. Codes and names are
// copied into one arena string and sliced out of it, so 665k regions cost
// one allocation for their text instead of 1.3 million small ones.
func (c *Catalog) loadRegions(ctx context.Context, st *models.Store) error {
	rows, err := st.DB.WithContext(ctx).
		Raw("SELECT code, name, parent_code, level FROM regions ORDER BY parent_code, sort, code").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var arena strings.Builder
	type rec struct {
		code, name, parent span
		level              uint8
	}
	var recs []rec
	put := func(b []byte) span {
		s := span{uint32(arena.Len()), uint32(len(b))} // #nosec G115 -- the reference catalog is a few MB, far below 4 GiB
		arena.Write(b)
		return s
	}
	var code, name, parent sql.RawBytes
	var level int
	var lastParent []byte
	var parentSpan span
	for rows.Next() {
		if err := rows.Scan(&code, &name, &parent, &level); err != nil {
			return err
		}
		// Rows come grouped by parent: store each parent code once.
		if string(parent) != string(lastParent) || len(recs) == 0 {
			lastParent = append(lastParent[:0], parent...)
			parentSpan = put(parent)
		}
		recs = append(recs, rec{put(code), put(name), parentSpan, uint8(level)}) // #nosec G115 -- levels are 1..5 (validated when the catalog is built)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	text := arena.String()
	sub := func(s span) string { return text[s.off : s.off+s.n] }
	c.regions = make([]Region, len(recs))
	c.byCode = make(map[string]int32, len(recs))
	for i, r := range recs {
		c.regions[i] = Region{Code: sub(r.code), Name: sub(r.name), Parent: sub(r.parent), Level: r.level}
		c.byCode[c.regions[i].Code] = int32(i)
		if r.level == LevelVillage {
			c.villages++
		}
	}
	c.linkChildren()
	c.nameGroupings()
	return nil
}

// linkChildren records each parent's run of children and shares the
// parent's Code string instead of a copy.
func (c *Catalog) linkChildren() {
	start := 0
	for i := 1; i <= len(c.regions); i++ {
		if i < len(c.regions) && c.regions[i].Parent == c.regions[start].Parent {
			continue
		}
		p := c.regions[start].Parent
		if p == National {
			c.root = [2]int32{int32(start), int32(i)} // #nosec G115 -- about 700,000 regions, far below 2^31
		} else if pi, ok := c.byCode[p]; ok {
			c.regions[pi].first, c.regions[pi].end = int32(start), int32(i) // #nosec G115 -- about 700,000 regions, far below 2^31
			for j := start; j < i; j++ {
				c.regions[j].Parent = c.regions[pi].Code
			}
		}
		start = i
	}
	for i := c.root[0]; i < c.root[1]; i++ {
		c.regions[i].Parent = National
	}
}

// nameGroupings marks the NBS grouping rows and gives the municipal ones a
// display name ([decision], doc.go): 110100 市辖区 → 北京市; where a
// municipality has two (重庆 500100 市辖区, 500200 县) → 重庆市辖区, 重庆市辖县.
func (c *Catalog) nameGroupings() {
	for _, p := range c.Provinces() {
		kids := c.regions[p.first:p.end]
		municipal := 0
		for _, k := range kids {
			if k.Name == "市辖区" || k.Name == "县" {
				municipal++
			}
		}
		for i := range kids {
			k := &kids[i]
			switch {
			case k.Name == "市辖区" || k.Name == "县":
				k.Grouping = true
				if municipal == 1 {
					k.Name = p.Name
				} else {
					k.Name = p.Name + "辖" + strings.TrimPrefix(k.Name, "市辖")
				}
			case strings.HasSuffix(k.Name, "直辖县级行政区划"):
				k.Grouping = true
			}
		}
	}
}
