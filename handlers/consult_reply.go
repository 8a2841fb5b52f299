package handlers

import (
	"context"
	"time"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/components"
)

// replyRows are 回复单位, 回复内容, 回复时间 and, for complaints, the
// department's statement of the reply's legal nature and the remedies
// (C 0103 7.5.2). Empty until there is a reply.
func consultReplyRows(ctx context.Context, unit, reply string, at time.Time, nature, remedy string) []components.SummaryRow {
	if reply == "" {
		return nil
	}
	rows := []components.SummaryRow{
		{Key: locales.T(ctx, "consult.reply_unit"), Value: unit},
		{Key: locales.T(ctx, "consult.reply"), Value: reply},
		{Key: locales.T(ctx, "consult.replied_at"), Value: dateTime(at)},
	}
	if nature != "" {
		rows = append(rows, components.SummaryRow{Key: locales.T(ctx, "complaint.legal_nature"), Value: nature})
	}
	if remedy != "" {
		rows = append(rows, components.SummaryRow{Key: locales.T(ctx, "complaint.remedy"), Value: remedy})
	}
	return rows
}

// orZero dereferences an optional time.
func consultTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
