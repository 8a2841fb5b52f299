package consult_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/staff"
)

var seq atomic.Int64

// fakeCases is the case source: completed cases by user.
type fakeCases map[int64]consult.Case // case id → case
var caseOwner = map[int64]int64{}

func (f fakeCases) CompletedForUser(_ context.Context, userID int64) ([]consult.Case, error) {
	var out []consult.Case
	for id, c := range f {
		if caseOwner[id] == userID {
			out = append(out, c)
		}
	}
	return out, nil
}

func (f fakeCases) CompletedByID(_ context.Context, userID, caseID int64) (consult.Case, error) {
	c, ok := f[caseID]
	if !ok || caseOwner[caseID] != userID {
		return consult.Case{}, models.ErrNotFound
	}
	return c, nil
}

type env struct {
	st    *models.Store
	svc   *consult.Service
	cases fakeCases
	now   time.Time
}

// Monday 2026-03-02 10:00 Beijing time.
var monday = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

func setup(t testing.TB) *env {
	t.Helper()
	st := modelstest.Open(t)
	e := &env{st: st, cases: fakeCases{}, now: monday}
	e.svc = consult.New(st, e.cases)
	e.svc.Now = func() time.Time { return e.now }
	return e
}

func (e *env) user(t testing.TB, level int) int64 {
	t.Helper()
	n := seq.Add(1)
	phone := "139" + strconv.FormatInt(10000000+n, 10)
	now := time.Now().UTC()
	row := map[string]any{"kind": "natural", "phone": phone, "name": "欧阳娜娜", "level": level, "session_epoch": 1,
		"created_at": now, "updated_at": now}
	if err := e.st.DB.Table("users").Create(row).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	e.st.DB.Raw("SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	return id
}

// item adds a published implementation item.
func (e *env) item(t testing.TB, code, region, dept string, trust int) {
	t.Helper()
	now := time.Now().UTC()
	if err := e.st.DB.Exec("INSERT INTO matters (code, name, type, dept_code, created_at) VALUES (?, ?, ?, ?, ?)",
		"M"+code, "居民身份证换领", "01", dept, now).Error; err != nil {
		t.Fatal(err)
	}
	var mid int64
	e.st.DB.Raw("SELECT id FROM matters WHERE code = ?", "M"+code).Scan(&mid)
	err := e.st.DB.Exec("INSERT INTO matter_items (code, matter_id, name, type, level, region_code, dept_code, body_name, body_code, "+
		"trust_level, status, created_at, updated_at) VALUES (?, ?, ?, '01', 2, ?, ?, ?, 'X', ?, 'published', ?, ?)",
		code, mid, "居民身份证换领", region, dept, "杭州市公安局", trust, now, now).Error
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) completedCase(userID, id int64, item, region, dept string) {
	e.cases[id] = consult.Case{ID: id, Number: "BJ" + strconv.FormatInt(id, 10), ItemCode: item, MatterName: "居民身份证换领",
		RegionCode: region, DeptCode: dept, CompletedAt: monday}
	caseOwner[id] = userID
}

func handler(id int64, region, dept string) staff.Staff {
	return staff.Staff{ID: id, Username: "h" + strconv.FormatInt(id, 10), Role: staff.RoleConsultHandler, RegionCode: region, DeptCode: dept}
}

func fieldsOf(t testing.TB, err error) map[string]string {
	t.Helper()
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	return ve.Fields
}

const itemCode = "11330100MB0000000X4000111800001"

func goodConsult() consult.ConsultInput {
	return consult.ConsultInput{ItemCode: itemCode, Name: "欧阳娜娜", Phone: "13812345678", Title: "换领要带什么",
		Content: "请问换领身份证需要什么材料？", Public: true}
}
