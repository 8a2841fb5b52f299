package calendar_test

import (
	"context"
	"testing"
	"time"

	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/modelstest"
)

var cst = time.FixedZone("CST", 8*3600)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, cst)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func load(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.Load(context.Background(), modelstest.Open(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSeededDaysHaveTheRightWeekday(t *testing.T) {
	st := modelstest.Open(t)
	var rows []calendar.Holiday
	if err := st.DB.Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) < 40 {
		t.Fatalf("only %d holiday rows seeded", len(rows))
	}
	for _, r := range rows {
		wd := day(r.Day).Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		// A 'holiday' row only matters on a weekday, a 'workday' on a weekend.
		if (r.Kind == calendar.KindHoliday) == weekend {
			t.Errorf("%s %s falls on %s", r.Day, r.Kind, wd)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := load(t)
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-06", 1, "2026-03-09"}, // Friday + 1 → Monday
		{"2026-03-02", 5, "2026-03-09"}, // a plain week
		{"2026-09-30", 1, "2026-10-08"}, // over 国庆节
		{"2026-10-09", 1, "2026-10-10"}, // Saturday 10-10 is a 调休 workday
		{"2026-02-13", 1, "2026-02-14"}, // Saturday 02-14 is worked before 春节
		{"2026-02-14", 1, "2026-02-24"}, // 春节: 02-15..02-23 off
		{"2026-12-31", 1, "2027-01-04"}, // 元旦 2027
		{"2026-03-02", 0, "2026-03-02"},
	}
	for _, tc := range cases {
		got := c.AddWorkingDays(day(tc.from), tc.n)
		if got.Format("2006-01-02") != tc.want || got.Hour() != 23 {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want end of %s", tc.from, tc.n, got, tc.want)
		}
		if back := c.WorkingDaysBetween(day(tc.from), got); back != tc.n {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.from, got, back, tc.n)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := load(t)
	if n := c.WorkingDaysBetween(day("2026-10-01"), day("2026-10-31")); n != 18 {
		// October 2026: 22 weekdays − 5 holidays + 1 调休 Saturday = 18, minus none after 10-01 itself
		t.Errorf("October 2026 working days after 10-01 = %d, want 18", n)
	}
	if n := c.WorkingDaysBetween(day("2026-05-10"), day("2026-05-01")); n != 0 {
		t.Errorf("backwards = %d, want 0", n)
	}
	empty := calendar.New(nil)
	if n := empty.WorkingDaysBetween(day("2026-10-01"), day("2026-10-08")); n != 5 {
		t.Errorf("no holidays: %d, want 5", n)
	}
}
