package handlers

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/views/components"
	mattersview "github.com/zwfw/portal/views/matters"
)

// materialsTable is the 材料目录 (C 0103 7.1; reference.md §3) as a table
// whose rows stack into cards on a phone. Necessity is a word (必要 / 非必要
// / 容缺), never a colour.
func (h *mattersHandler) materialsTable(ctx context.Context, d catalog.ItemDetail) components.TableProps {
	t := components.TableProps{Caption: locales.T(ctx, "matters.materials.caption", d.Name), RowHeaders: true, Layout: components.TableStack}
	for _, k := range []string{"name", "necessity", "form", "kind", "copies", "source", "blank", "sample", "notes"} {
		t.Head = append(t.Head, components.TableHead{Text: locales.T(ctx, "matters.materials."+k), Numeric: k == "copies"})
	}
	none := locales.T(ctx, "matters.guide.none")
	for _, m := range d.Materials {
		copies := none
		if m.Copies > 0 {
			copies = strconv.Itoa(m.Copies)
		}
		t.Rows = append(t.Rows, []components.TableCell{
			{Text: m.Name},
			{Text: necessity(ctx, m.Necessity)},
			{Text: orDefaultStr(m.Form, none)},
			{Text: orDefaultStr(m.Kind, none)},
			{Text: copies, Numeric: true},
			{Text: orDefaultStr(m.Source, none)},
			attachmentCell(ctx, d.Attachments, m.BlankFormID, none),
			attachmentCell(ctx, d.Attachments, m.SampleID, none),
			{Text: materialNotes(ctx, m, none)},
		})
	}
	return t
}

// necessity explains 容缺 in words: the case is accepted without it.
func necessity(ctx context.Context, n string) string {
	if n == catalog.NecessityDeferred {
		return locales.T(ctx, "matters.materials.deferred", n)
	}
	return n
}

// materialNotes joins 填报须知, 受理标准 and 依据 into one cell.
func materialNotes(ctx context.Context, m catalog.Material, none string) string {
	var parts []string
	if m.Notes != "" {
		parts = append(parts, m.Notes)
	}
	if m.Standard != "" {
		parts = append(parts, locales.T(ctx, "matters.materials.standard", m.Standard))
	}
	if m.Basis != "" {
		parts = append(parts, locales.T(ctx, "matters.materials.basis", m.Basis))
	}
	if len(parts) == 0 {
		return none
	}
	return strings.Join(parts, " ")
}

// attachmentCell links a blank form or sample with its format and size in
// the link text, so the link makes sense on its own.
func attachmentCell(ctx context.Context, atts map[int64]catalog.Attachment, id int64, none string) components.TableCell {
	a, ok := atts[id]
	if id == 0 || !ok {
		return components.TableCell{Text: none}
	}
	// The reader page shows the file in the page and offers its download.
	return components.TableCell{Text: a.Name + "（" + attachmentMeta(ctx, a) + "）", Href: attachmentHref(a.ID) + "/view"}
}

func attachmentHref(id int64) string { return "/attachments/" + strconv.FormatInt(id, 10) }

// attachmentMeta is "PDF，12.3 KB".
func attachmentMeta(ctx context.Context, a catalog.Attachment) string {
	return locales.T(ctx, "matters.attachment.meta", fileFormat(a), humanSize(a.Size))
}

// fileFormat is the upper-case extension, or the MIME subtype.
func fileFormat(a catalog.Attachment) string {
	if ext := strings.TrimPrefix(path.Ext(a.Name), "."); ext != "" {
		return strings.ToUpper(ext)
	}
	_, sub, _ := strings.Cut(a.MIME, "/")
	return strings.ToUpper(sub)
}

// humanSize formats a byte count for people (1 KB = 1024 B).
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// attachmentList lists every blank form and sample of the item once, in
// the order the materials name them.
func attachmentList(ctx context.Context, d catalog.ItemDetail) []mattersview.Attachment {
	var ids []int64
	seen := map[int64]bool{}
	for _, m := range d.Materials {
		for _, id := range []int64{m.BlankFormID, m.SampleID} {
			if _, ok := d.Attachments[id]; ok && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	// Attachments not tied to a material (none today) come last, by id.
	var rest []int64
	for id := range d.Attachments {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	var out []mattersview.Attachment
	for _, id := range append(ids, rest...) {
		a := d.Attachments[id]
		out = append(out, mattersview.Attachment{Name: a.Name, Meta: attachmentMeta(ctx, a), Href: attachmentHref(id), View: attachmentHref(id) + "/view"})
	}
	return out
}

// feesTable is the 收费项目 table.
func feesTable(ctx context.Context, fees []catalog.Fee) components.TableProps {
	t := components.TableProps{Caption: locales.T(ctx, "matters.fees.caption"), RowHeaders: true, Layout: components.TableStack}
	for _, k := range []string{"name", "standard", "basis", "waivable"} {
		t.Head = append(t.Head, components.TableHead{Text: locales.T(ctx, "matters.fees."+k)})
	}
	for _, f := range fees {
		w := locales.T(ctx, "matters.fees.waivable.no")
		if f.Waivable {
			w = locales.T(ctx, "matters.fees.waivable.yes")
		}
		t.Rows = append(t.Rows, []components.TableCell{{Text: f.Name}, {Text: f.Standard}, {Text: f.Basis}, {Text: w}})
	}
	return t
}
