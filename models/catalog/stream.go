package catalog

import (
	"context"
)

// ItemText is an item with the texts the search index needs: the matter's
// code and name and the names of its materials and steps and its FAQs.
type ItemText struct {
	Item
	MatterName string
	Materials  []string
	Steps      []string
	FAQs       []FAQ
}

// StreamPublished calls fn with every published item, batch items at a time
// in id order, carrying the fields the search document needs (streamColumns;
// the guide's other elements are read per item when a guide is shown). It
// pages by key (id > last), never by OFFSET, so reading a million items costs
// the same per batch from the first to the last, and loads each batch's
// children with one range query per table (no N+1). The next batch is read
// while fn handles the current one, and rows are scanned without reflection:
// the index build at start reads a million items this way (issue 4: ≥ 20,000
// items/s).
func (r *Repo) StreamPublished(ctx context.Context, batch int, fn func([]ItemText) error) error {
	if batch <= 0 {
		batch = 1000
	}
	matters, err := r.matterNames(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		texts []ItemText
		err   error
	}
	// One batch in flight ahead of fn: the database works on it while this
	// process analyses the previous one.
	next := make(chan result, 1)
	go func() {
		defer close(next)
		var last int64
		for {
			texts, err := r.streamBatch(ctx, last, batch, matters)
			select {
			case next <- result{texts, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || len(texts) < batch {
				return
			}
			last = texts[len(texts)-1].ID
		}
	}()
	for res := range next {
		if res.err != nil {
			return res.err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(res.texts) == 0 {
			return nil
		}
		if err := fn(res.texts); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// streamColumns are the item columns StreamPublished reads.
const streamColumns = "id, code, matter_id, name, type, legal_basis, level, region_code, dept_code, body_name, " +
	"conditions, audiences, themes_natural, themes_legal, local_themes, scope, online, popularity, status, version, updated_at"

// streamBatch reads up to n published items with id > last and their
// material, step and FAQ texts.
func (r *Repo) streamBatch(ctx context.Context, last int64, n int, matters map[int64]matterRow) ([]ItemText, error) {
	rows, err := r.db(ctx).Raw("SELECT "+streamColumns+" FROM matter_items WHERE status = ? AND id > ? ORDER BY id LIMIT ?",
		StatusPublished, last, n).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]ItemText, 0, n)
	for rows.Next() {
		var it Item
		var audiences, themesN, themesL, local string
		if err := rows.Scan(&it.ID, &it.Code, &it.MatterID, &it.Name, &it.Type, &it.LegalBasis, &it.Level,
			&it.RegionCode, &it.DeptCode, &it.Body.Name, &it.Conditions, &audiences, &themesN, &themesL, &local,
			&it.Scope, &it.Online, &it.Popularity, &it.Status, &it.Version, &it.UpdatedAt); err != nil {
			return nil, err
		}
		it.Audiences, it.ThemesN, it.ThemesL, it.LocalThemes = splitList(audiences), splitList(themesN), splitList(themesL), splitList(local)
		t := ItemText{Item: it}
		if m, ok := matters[it.MatterID]; ok {
			t.MatterCode, t.MatterName = m.Code, m.Name
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	return out, r.attachTexts(ctx, out)
}

// attachTexts fills Materials, Steps and FAQs of items sorted by id, reading
// each child table once over the id range of the batch.
func (r *Repo) attachTexts(ctx context.Context, items []ItemText) error {
	lo, hi := items[0].ID, items[len(items)-1].ID
	idx := make(map[int64]int, len(items))
	for i := range items {
		idx[items[i].ID] = i
	}
	read := func(query string, add func(it *ItemText, a, b string)) error {
		rows, err := r.db(ctx).Raw(query, lo, hi).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		var id int64
		var a, b string
		for rows.Next() {
			if err := rows.Scan(&id, &a, &b); err != nil {
				return err
			}
			if i, ok := idx[id]; ok {
				add(&items[i], a, b)
			}
		}
		return rows.Err()
	}
	if err := read("SELECT item_id, name, '' FROM item_materials WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position",
		func(it *ItemText, name, _ string) { it.Materials = append(it.Materials, name) }); err != nil {
		return err
	}
	if err := read("SELECT item_id, name, '' FROM item_steps WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position",
		func(it *ItemText, name, _ string) { it.Steps = append(it.Steps, name) }); err != nil {
		return err
	}
	return read("SELECT item_id, question, answer FROM item_faqs WHERE item_id BETWEEN ? AND ? ORDER BY item_id, position",
		func(it *ItemText, q, a string) { it.FAQs = append(it.FAQs, FAQ{Question: q, Answer: a}) })
}

// PublishedText returns one published item with its texts; false when the
// code is unknown or the item is not published.
func (r *Repo) PublishedText(ctx context.Context, code string) (ItemText, bool, error) {
	var rows []itemRow
	err := r.db(ctx).Where("code = ? AND status = ?", code, StatusPublished).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return ItemText{}, false, err
	}
	var m []matterRow
	if err := r.db(ctx).Where("id = ?", rows[0].MatterID).Find(&m).Error; err != nil {
		return ItemText{}, false, err
	}
	texts := []ItemText{{Item: rows[0].item()}}
	if len(m) > 0 {
		texts[0].MatterCode, texts[0].MatterName = m[0].Code, m[0].Name
	}
	if err := r.attachTexts(ctx, texts); err != nil {
		return ItemText{}, false, err
	}
	return texts[0], true, nil
}

func (r *Repo) matterNames(ctx context.Context) (map[int64]matterRow, error) {
	var ms []matterRow
	if err := r.db(ctx).Select("id", "code", "name").Find(&ms).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]matterRow, len(ms))
	for _, m := range ms {
		out[m.ID] = m
	}
	return out, nil
}
