package content

import (
	"context"
	"time"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// DayCount is one day of the search dashboard.
type DayCount struct {
	Day         time.Time // UTC midnight
	Searches    int
	ZeroResults int // searches that found nothing (banned queries excluded)
}

// SearchesByDay counts searches and zero-result searches per day for the
// last days days up to now, oldest first, one entry per day (zeros
// included). A scoped staff member sees the searches of visitors who chose
// a region inside the scope; a platform-level one sees every search. One
// grouped query over query_log (models/search, migration 0004).
func (s *Service) SearchesByDay(ctx context.Context, scope staff.Scope, days int, now time.Time) ([]DayCount, error) {
	days = min(max(days, 1), 366)
	today := now.UTC().Unix() / 86400
	from := today - int64(days) + 1
	var rows []struct {
		LogDay int64
		N      int
		Zero   int
	}
	q := s.st.DB.WithContext(ctx).Table("query_log").
		Select("log_day, COUNT(*) AS n, SUM(CASE WHEN result_count = 0 AND banned = ? THEN 1 ELSE 0 END) AS zero", false).
		Where("log_day BETWEEN ? AND ?", from, today)
	q = scope.Where(q, "region", "")
	if err := q.Group("log_day").Scan(&rows).Error; err != nil {
		return nil, err
	}
	byDay := map[int64][2]int{}
	for _, r := range rows {
		byDay[r.LogDay] = [2]int{r.N, r.Zero}
	}
	out := make([]DayCount, 0, days)
	for d := from; d <= today; d++ {
		c := byDay[d]
		out = append(out, DayCount{Day: time.Unix(d*86400, 0).UTC(), Searches: c[0], ZeroResults: c[1]})
	}
	return out, nil
}

// QueryCount is a query with how often it was typed.
type QueryCount struct {
	Query string
	Count int
}

// ZeroResultQueries lists the most frequent queries that found nothing
// since a time, inside scope: what the catalog or thesaurus is missing.
func (s *Service) ZeroResultQueries(ctx context.Context, scope staff.Scope, since time.Time, limit int) ([]QueryCount, error) {
	q := s.st.DB.WithContext(ctx).Table("query_log").Select("query, COUNT(*) AS count").
		Where("result_count = 0 AND banned = ? AND log_day >= ?", false, since.UTC().Unix()/86400)
	var out []QueryCount
	err := scope.Where(q, "region", "").Group("query").Order("count DESC, query").Limit(clampLimit(limit)).Scan(&out).Error
	return out, err
}

// Queue is one work queue of the console with its backlog.
type Queue struct {
	Key     string // locale key suffix: admin.queue.<Key>
	Href    string
	Backlog int
	Overdue int // -1 when the queue has no deadline
	Stale   int // waiting longer than StaleAfter (drafts)
}

// StaleAfter is how long a draft may wait before the dashboard flags it.
const StaleAfter = 30 * 24 * time.Hour

// QueueCounter counts one queue inside a scope; later features (cases,
// consultations and complaints, app reviews, filings) add theirs with
// AddQueue. ok false hides the queue (the role does not handle it).
type QueueCounter func(ctx context.Context, who staff.Staff) (q Queue, ok bool, err error)

// AddQueue registers another queue for the dashboards.
func (s *Service) AddQueue(fn QueueCounter) { s.queues = append(s.queues, fn) }

// Queues returns the backlog of every queue the staff member handles.
func (s *Service) Queues(ctx context.Context, who staff.Staff) ([]Queue, error) {
	var out []Queue
	if who.Can(staff.PermItems) {
		var r struct{ N, Stale int }
		q := s.st.DB.WithContext(ctx).Table("matter_items").
			Select("COUNT(*) AS n, SUM(CASE WHEN updated_at < ? THEN 1 ELSE 0 END) AS stale", time.Now().UTC().Add(-StaleAfter)).
			Where("status = ?", catalog.StatusDraft)
		if err := who.Scope().Where(q, "region_code", "dept_code").Scan(&r).Error; err != nil {
			return nil, err
		}
		out = append(out, Queue{Key: "drafts", Href: "/admin/items?status=draft", Backlog: r.N, Overdue: -1, Stale: r.Stale})
	}
	for _, fn := range s.queues {
		q, ok, err := fn(ctx, who)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, q)
		}
	}
	return out, nil
}
