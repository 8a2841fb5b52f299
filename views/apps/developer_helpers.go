package apps

import (
	"context"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/components"
)

// withValue shows the stored value unless the form was submitted with one.
func withValue(f components.Field, stored string) components.Field {
	if f.Value == "" && f.Error == "" {
		f.Value = stored
	}
	return f
}

func heads(ctx context.Context, keys ...string) []components.TableHead {
	out := make([]components.TableHead, 0, len(keys))
	for i, k := range keys {
		out = append(out, components.TableHead{Text: locales.T(ctx, k), Numeric: i > 0 && k != "apps.dev.h.note"})
	}
	return out
}

func statsHead(ctx context.Context) []components.TableHead {
	return heads(ctx, "apps.dev.s.day", "apps.dev.s.views", "apps.dev.s.users", "apps.dev.s.errors", "apps.dev.s.tickets")
}

func historyHead(ctx context.Context) []components.TableHead {
	h := heads(ctx, "apps.dev.h.when", "apps.dev.h.event", "apps.dev.h.move", "apps.dev.h.by", "apps.dev.h.note")
	for i := range h {
		h[i].Numeric = false
	}
	return h
}

func cells(rows [][]string) [][]components.TableCell {
	out := make([][]components.TableCell, 0, len(rows))
	for _, r := range rows {
		row := make([]components.TableCell, 0, len(r))
		for _, v := range r {
			row = append(row, components.TableCell{Text: v})
		}
		out = append(out, row)
	}
	return out
}

func statsRows(p DevShowProps) [][]components.TableCell {
	rows := cells(p.Stats)
	for _, r := range rows {
		for i := 1; i < len(r); i++ {
			r[i].Numeric = true
		}
	}
	if len(p.Totals) > 0 {
		t := cells([][]string{p.Totals})[0]
		for i := 1; i < len(t); i++ {
			t[i].Numeric = true
		}
		rows = append(rows, t)
	}
	return rows
}
