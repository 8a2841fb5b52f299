package content

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

// Version is one row of an item's history (table item_versions).
type Version struct {
	ID        int64
	ItemID    int64
	Version   int
	Action    string
	Status    string
	Snapshot  string
	StaffID   int64
	StaffName string
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Version) TableName() string { return "item_versions" }

// Fields decodes the snapshot.
func (v Version) Fields() ItemFields {
	var f ItemFields
	_ = json.Unmarshal([]byte(v.Snapshot), &f)
	return f
}

// Parts decodes the snapshot's part lines (nil for rows from before parts
// were kept).
func (v Version) Parts() map[string][]string {
	var s snapshot
	_ = json.Unmarshal([]byte(v.Snapshot), &s)
	return s.Parts
}

// History returns an item's versions, newest first (at most 200), after
// checking the item is in scope.
func (s *Service) History(ctx context.Context, scope staff.Scope, itemID int64) (Item, []Version, error) {
	it, err := s.GetItem(ctx, scope, itemID)
	if err != nil {
		return Item{}, nil, err
	}
	var vs []Version
	err = s.st.DB.WithContext(ctx).Where("item_id = ?", itemID).Order("id DESC").Limit(200).Find(&vs).Error
	for i := range vs {
		vs[i].CreatedAt = vs[i].CreatedAt.UTC()
	}
	return it, vs, err
}

// Change is one history row compared with the row before it.
type Change struct {
	Item     Item
	Version  Version
	Previous *Version // nil for the first row
	Fields   []FieldDiff
}

// VersionDiff compares history row rowID of an item with the row before it.
func (s *Service) VersionDiff(ctx context.Context, scope staff.Scope, itemID, rowID int64) (Change, error) {
	it, err := s.GetItem(ctx, scope, itemID)
	if err != nil {
		return Change{}, err
	}
	var rows []Version
	err = s.st.DB.WithContext(ctx).Where("item_id = ? AND id <= ?", itemID, rowID).Order("id DESC").Limit(2).Find(&rows).Error
	if err != nil {
		return Change{}, err
	}
	if len(rows) == 0 || rows[0].ID != rowID {
		return Change{}, models.ErrNotFound
	}
	ch := Change{Item: it, Version: rows[0]}
	var prev ItemFields
	if len(rows) == 2 {
		ch.Previous = &rows[1]
		prev = rows[1].Fields()
	}
	ch.Fields = DiffFields(prev, rows[0].Fields())
	if ch.Previous != nil {
		ch.Fields = append(ch.Fields, DiffParts(ch.Previous.Parts(), rows[0].Parts())...)
	}
	return ch, nil
}

// DiffFields compares two snapshots field by field, in FieldOrder, and
// returns only the fields that differ.
func DiffFields(a, b ItemFields) []FieldDiff {
	am, bm := fieldStrings(a), fieldStrings(b)
	var out []FieldDiff
	for _, k := range FieldOrder {
		if am[k] != bm[k] {
			out = append(out, FieldDiff{Field: k, Lines: DiffLines(am[k], bm[k])})
		}
	}
	return out
}

func fieldStrings(f ItemFields) map[string]string {
	out := map[string]string{}
	for k, v := range f.columns() {
		switch x := v.(type) {
		case string:
			out[k] = x
		case bool:
			if x {
				out[k] = "是"
			} else {
				out[k] = "否"
			}
		default:
			out[k] = fmt.Sprint(x)
		}
	}
	return out
}

// DiffParts compares the part lines of two snapshots, part by part; a
// snapshot without parts (older rows) is not compared.
func DiffParts(a, b map[string][]string) []FieldDiff {
	if a == nil || b == nil {
		return nil
	}
	var out []FieldDiff
	for _, k := range PartKinds {
		x, y := strings.Join(a[k], "\n"), strings.Join(b[k], "\n")
		if x != y {
			out = append(out, FieldDiff{Field: k, Lines: DiffLines(x, y)})
		}
	}
	return out
}
