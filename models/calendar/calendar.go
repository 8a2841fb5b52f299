package calendar

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Day kinds of the holidays table.
const (
	KindHoliday = "holiday" // a weekday off (法定节假日 or 调休放假)
	KindWorkday = "workday" // a weekend day worked (调休上班)
)

// dayLayout is how days are stored: 'YYYY-MM-DD'.
const dayLayout = "2006-01-02"

// China has one time zone; days are counted in it whatever the server's.
var china = time.FixedZone("CST", 8*3600)

// Calendar is a loaded copy of the holidays table. It is immutable and safe
// for concurrent use.
type Calendar struct {
	kinds map[string]string // 'YYYY-MM-DD' → kind
}

// Holiday is one row of the holidays table.
type Holiday struct {
	Day  string `gorm:"column:day;primaryKey"`
	Kind string `gorm:"column:kind"`
	Name string `gorm:"column:name"`
}

// TableName maps Holiday to the holidays table.
func (Holiday) TableName() string { return "holidays" }

// Load reads the whole holidays table (a few dozen rows a year).
func Load(ctx context.Context, st *models.Store) (*Calendar, error) {
	var rows []Holiday
	if err := st.DB.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, err
	}
	return New(rows), nil
}

// New builds a calendar from rows (tests and callers with their own data).
func New(rows []Holiday) *Calendar {
	c := &Calendar{kinds: make(map[string]string, len(rows))}
	for _, r := range rows {
		c.kinds[r.Day] = r.Kind
	}
	return c
}

// IsWorkingDay reports whether t's calendar day (China time) is worked.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	d := t.In(china)
	switch c.kinds[d.Format(dayLayout)] {
	case KindHoliday:
		return false
	case KindWorkday:
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays returns the end of the n-th working day after from's day
// (23:59:59 China time): a case submitted on a Friday with a 1-working-day
// limit is due by the end of Monday. n ≤ 0 gives the end of from's day.
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	d := startOfDay(from)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d.Add(24*time.Hour - time.Second)
}

// WorkingDaysBetween counts the working days after from's day up to and
// including to's day (0 when to is not after from). It is the inverse of
// AddWorkingDays: WorkingDaysBetween(t, AddWorkingDays(t, n)) == n.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	d, end := startOfDay(from), startOfDay(to)
	n := 0
	for d.Before(end) {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(china).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, china)
}
