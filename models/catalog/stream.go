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
// in id order. It pages by key (id > last), never by OFFSET, so reading a
// million items costs the same per batch from the first to the last, and it
// loads each batch's children with one range query per table (no N+1).
func (r *Repo) StreamPublished(ctx context.Context, batch int, fn func([]ItemText) error) error {
	if batch <= 0 {
		batch = 1000
	}
	matters, err := r.matterNames(ctx)
	if err != nil {
		return err
	}
	var last int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var rows []itemRow
		err := r.db(ctx).Where("status = ? AND id > ?", StatusPublished, last).Order("id").Limit(batch).Find(&rows).Error
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		texts, err := r.texts(ctx, rows, matters)
		if err != nil {
			return err
		}
		if err := fn(texts); err != nil {
			return err
		}
		last = rows[len(rows)-1].ID
		if len(rows) < batch {
			return nil
		}
	}
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
	names := map[int64]matterRow{}
	for _, x := range m {
		names[x.ID] = x
	}
	texts, err := r.texts(ctx, rows, names)
	if err != nil {
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

// texts attaches children to rows sorted by id, reading each child table
// once over the id range of the batch.
func (r *Repo) texts(ctx context.Context, rows []itemRow, matters map[int64]matterRow) ([]ItemText, error) {
	lo, hi := rows[0].ID, rows[len(rows)-1].ID
	idx := make(map[int64]int, len(rows))
	out := make([]ItemText, len(rows))
	for i, row := range rows {
		idx[row.ID] = i
		out[i] = ItemText{Item: row.item()}
		if m, ok := matters[row.MatterID]; ok {
			out[i].MatterCode, out[i].MatterName = m.Code, m.Name
		}
	}
	var mats []materialRow
	if err := r.db(ctx).Select("item_id", "name").Where("item_id BETWEEN ? AND ?", lo, hi).
		Order("item_id, position").Find(&mats).Error; err != nil {
		return nil, err
	}
	for _, m := range mats {
		if i, ok := idx[m.ItemID]; ok {
			out[i].Materials = append(out[i].Materials, m.Name)
		}
	}
	var steps []stepRow
	if err := r.db(ctx).Select("item_id", "name").Where("item_id BETWEEN ? AND ?", lo, hi).
		Order("item_id, position").Find(&steps).Error; err != nil {
		return nil, err
	}
	for _, s := range steps {
		if i, ok := idx[s.ItemID]; ok {
			out[i].Steps = append(out[i].Steps, s.Name)
		}
	}
	var faqs []faqRow
	if err := r.db(ctx).Select("item_id", "question", "answer").Where("item_id BETWEEN ? AND ?", lo, hi).
		Order("item_id, position").Find(&faqs).Error; err != nil {
		return nil, err
	}
	for _, f := range faqs {
		if i, ok := idx[f.ItemID]; ok {
			out[i].FAQs = append(out[i].FAQs, FAQ{Position: f.Position, Question: f.Question, Answer: f.Answer})
		}
	}
	return out, nil
}
