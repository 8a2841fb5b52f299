package content

import (
	"context"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// Parts of an item's guide edited row by row in the console (C 0103 7.1,
// reference.md §3): 材料目录, 收费项目, 办理流程, 常见问题.
const (
	PartMaterials = "materials"
	PartFees      = "fees"
	PartSteps     = "steps"
	PartFAQs      = "faqs"
)

// PartKinds lists the parts in guide order.
var PartKinds = []string{PartMaterials, PartFees, PartSteps, PartFAQs}

// Kinds of a part field: how it is entered and checked.
const (
	FieldLine   = "line"   // one line of text
	FieldText   = "text"   // paragraphs (rich text is cleaned)
	FieldChoice = "choice" // one of Choices
	FieldCount  = "count"  // a whole number 0–99
	FieldBool   = "bool"   // "1" yes, "0" no
)

// PartField is one field of a part row, in form order.
type PartField struct {
	Name     string
	Kind     string
	Required bool
	Choices  []string
}

// PartFields are the fields of each part; names are the table's columns.
var PartFields = map[string][]PartField{
	PartMaterials: {
		{Name: "name", Kind: FieldLine, Required: true},
		{Name: "necessity", Kind: FieldChoice, Required: true,
			Choices: []string{catalog.NecessityRequired, catalog.NecessityOptional, catalog.NecessityDeferred}},
		{Name: "form", Kind: FieldChoice, Choices: []string{"纸质", "电子", "纸质/电子"}},
		{Name: "kind", Kind: FieldChoice, Choices: []string{"原件", "复印件", "原件和复印件"}},
		{Name: "copies", Kind: FieldCount},
		{Name: "source", Kind: FieldLine},
		{Name: "notes", Kind: FieldText},
		{Name: "standard", Kind: FieldText},
		{Name: "basis", Kind: FieldLine},
	},
	PartFees: {
		{Name: "name", Kind: FieldLine, Required: true},
		{Name: "standard", Kind: FieldLine, Required: true},
		{Name: "basis", Kind: FieldLine},
		{Name: "waivable", Kind: FieldBool},
	},
	PartSteps: {
		{Name: "name", Kind: FieldLine, Required: true},
		{Name: "detail", Kind: FieldText},
	},
	PartFAQs: {
		{Name: "question", Kind: FieldLine, Required: true},
		{Name: "answer", Kind: FieldText, Required: true},
	},
}

// boolText is how a ticked yes/no field reads in a row's line.
var boolText = map[string]string{"waivable": "允许减免"}

var partTables = map[string]string{PartMaterials: "item_materials", PartFees: "item_fees", PartSteps: "item_steps", PartFAQs: "item_faqs"}

// ValidPart reports whether kind names a part.
func ValidPart(kind string) bool { _, ok := partTables[kind]; return ok }

// Part is one row of a part: its values by field name (counts as digits,
// booleans as "1"/"0").
type Part struct {
	ID       int64
	Position int
	Values   map[string]string
}

// Line is the row as one line of text: its non-empty values in field
// order (what the history keeps and diffs).
func (p Part) Line(kind string) string {
	var out []string
	for _, f := range PartFields[kind] {
		v := p.Values[f.Name]
		switch {
		case v == "" || (f.Kind == FieldCount && v == "0"):
			continue
		case f.Kind == FieldBool:
			if v != "1" {
				continue
			}
			v = boolText[f.Name]
		}
		out = append(out, strings.ReplaceAll(v, "\n\n", " "))
	}
	return strings.Join(out, "；")
}

// columns lists a part's columns besides id, item_id and position.
func columns(kind string) []string {
	out := make([]string, 0, len(PartFields[kind]))
	for _, f := range PartFields[kind] {
		out = append(out, f.Name)
	}
	return out
}

// loadParts reads the rows of one part of an item, in guide order. Values
// are read as text (CAST) so SQLite and PostgreSQL answer alike.
func loadParts(db *gorm.DB, kind string, itemID int64) ([]Part, error) {
	sel := []string{"id", "position"}
	for _, f := range PartFields[kind] {
		switch f.Kind {
		case FieldBool:
			sel = append(sel, "CASE WHEN "+f.Name+" THEN '1' ELSE '0' END AS "+f.Name)
		case FieldCount:
			sel = append(sel, "CAST("+f.Name+" AS TEXT) AS "+f.Name)
		default:
			sel = append(sel, f.Name)
		}
	}
	rows, err := db.Table(partTables[kind]).Select(strings.Join(sel, ", ")).Where("item_id = ?", itemID).
		Order("position, id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Part
	cols := columns(kind)
	for rows.Next() {
		var p Part
		vals := make([]string, len(cols))
		dest := []any{&p.ID, &p.Position}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		p.Values = map[string]string{}
		for i, c := range cols {
			p.Values[c] = vals[i]
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// partLines is every part of an item as lines, for a version snapshot.
func partLines(db *gorm.DB, itemID int64) (map[string][]string, error) {
	out := map[string][]string{}
	for _, k := range PartKinds {
		ps, err := loadParts(db, k, itemID)
		if err != nil {
			return nil, err
		}
		out[k] = []string{}
		for _, p := range ps {
			out[k] = append(out[k], p.Line(k))
		}
	}
	return out, nil
}

// Parts returns an item inside scope and the rows of one of its parts.
func (s *Service) Parts(ctx context.Context, scope staff.Scope, itemID int64, kind string) (Item, []Part, error) {
	if !ValidPart(kind) {
		return Item{}, nil, models.ErrNotFound
	}
	it, err := s.GetItem(ctx, scope, itemID)
	if err != nil {
		return Item{}, nil, err
	}
	ps, err := loadParts(s.st.DB.WithContext(ctx), kind, itemID)
	return it, ps, err
}

// GetPart returns one row of an item's part inside scope.
func (s *Service) GetPart(ctx context.Context, scope staff.Scope, itemID int64, kind string, partID int64) (Item, Part, error) {
	it, ps, err := s.Parts(ctx, scope, itemID, kind)
	if err != nil {
		return Item{}, Part{}, err
	}
	for _, p := range ps {
		if p.ID == partID {
			return it, p, nil
		}
	}
	return Item{}, Part{}, models.ErrNotFound
}

// normalizePart cleans and checks submitted values; the ValidationError
// names each bad field.
func normalizePart(kind string, in map[string]string) (map[string]string, error) {
	var v models.ValidationError
	out := map[string]string{}
	for _, f := range PartFields[kind] {
		val := strings.TrimSpace(in[f.Name])
		switch f.Kind {
		case FieldLine:
			val = CleanLine(val)
			if tooLong(val, maxLine) {
				v.Add(f.Name, "admin.err.too_long")
			}
		case FieldText:
			val = Clean(val)
			if tooLong(val, maxText) {
				v.Add(f.Name, "admin.err.too_long")
			}
		case FieldChoice:
			if val != "" && !contains(f.Choices, val) {
				v.Add(f.Name, "admin.err.choice")
			}
		case FieldCount:
			if val == "" {
				val = "0"
			}
			if n, err := strconv.Atoi(val); err != nil || n < 0 || n > 99 {
				v.Add(f.Name, "admin.err.count")
			}
		case FieldBool:
			if val != "1" {
				val = "0"
			}
		}
		if f.Required && val == "" && v.Fields[f.Name] == "" {
			v.Add(f.Name, "admin.err.required")
		}
		out[f.Name] = val
	}
	return out, v.Err()
}

// CheckPart reports what is wrong with submitted part values.
func CheckPart(kind string, in map[string]string) error {
	_, err := normalizePart(kind, in)
	return err
}

// rowColumns turns normalized values into column values for a write.
func rowColumns(kind string, vals map[string]string) map[string]any {
	out := map[string]any{}
	for _, f := range PartFields[kind] {
		switch f.Kind {
		case FieldCount:
			n, _ := strconv.Atoi(vals[f.Name])
			out[f.Name] = n
		case FieldBool:
			out[f.Name] = vals[f.Name] == "1"
		default:
			out[f.Name] = vals[f.Name]
		}
	}
	return out
}
