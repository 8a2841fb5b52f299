package consult

import (
	"context"
	"math"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

// Satisfaction is the rating summary of one department, matter or app.
type Satisfaction struct {
	Key       string // dept code, item code or app id
	Label     string // matter or app name (departments: the caller names them)
	Region    string
	Count     int64
	Sum       int64
	Satisfied int64 // overall ≥ 3 (基本满意 or better)
	Low       int64 // overall ≤ 2
}

// Average is the mean overall rating, 0 without ratings.
func (s Satisfaction) Average() float64 {
	if s.Count == 0 {
		return 0
	}
	return math.Round(float64(s.Sum)/float64(s.Count)*10) / 10
}

// Rate is the share of satisfied ratings in whole percent.
func (s Satisfaction) Rate() int {
	if s.Count == 0 {
		return 0
	}
	return int(math.Round(float64(s.Satisfied) * 100 / float64(s.Count)))
}

const satCols = "COUNT(*) AS count, COALESCE(SUM(overall), 0) AS sum, " +
	"COALESCE(SUM(CASE WHEN overall >= 3 THEN 1 ELSE 0 END), 0) AS satisfied, " +
	"COALESCE(SUM(CASE WHEN overall <= 2 THEN 1 ELSE 0 END), 0) AS low"

func satQuery(db *gorm.DB, sc staff.Scope, kind, key, label string) *gorm.DB {
	db = db.Table("evaluations").Where("kind = ?", kind).Select(key + " AS key, " + label + " AS label, " + satCols).
		Group(key + ", " + label).Order("count DESC, key").Limit(50)
	return sc.Where(db, "region_code", "dept_code")
}

// SatisfactionByDept is the case satisfaction of each department inside
// scope (region and department), most rated first.
func SatisfactionByDept(ctx context.Context, st *models.Store, sc staff.Scope) ([]Satisfaction, error) {
	var out []Satisfaction
	err := satQuery(st.DB.WithContext(ctx), sc, EvalCase, "dept_code", "region_code").Scan(&out).Error
	for i := range out {
		out[i].Region, out[i].Label = out[i].Label, ""
	}
	return out, err
}

// SatisfactionByMatter is the case satisfaction of each matter in scope.
func SatisfactionByMatter(ctx context.Context, st *models.Store, sc staff.Scope) ([]Satisfaction, error) {
	var out []Satisfaction
	return out, satQuery(st.DB.WithContext(ctx), sc, EvalCase, "item_code", "matter_name").Scan(&out).Error
}

// SatisfactionByApp is the satisfaction of each app (app ratings carry the
// app's site code as region).
func SatisfactionByApp(ctx context.Context, st *models.Store, sc staff.Scope) ([]Satisfaction, error) {
	var out []Satisfaction
	return out, satQuery(st.DB.WithContext(ctx), sc, EvalApp, "app_id", "matter_name").Scan(&out).Error
}

// ItemSatisfaction is the public satisfaction of one implementation item
// (shown on its guide page).
func ItemSatisfaction(ctx context.Context, st *models.Store, itemCode string) (Satisfaction, error) {
	var out Satisfaction
	err := st.DB.WithContext(ctx).Table("evaluations").Select(satCols).Where("kind = ? AND item_code = ?", EvalCase, itemCode).Scan(&out).Error
	out.Key = itemCode
	return out, err
}

// SatisfactionCache answers ItemSatisfaction from memory for up to ttl: a
// guide page shows its matter's satisfaction on every view, and one more
// rating may appear that much later (issue 3: a guide page asks the database
// nothing on a hit).
type SatisfactionCache struct {
	st  *models.Store
	ttl time.Duration

	mu sync.Mutex
	m  map[string]cachedSatisfaction
}

type cachedSatisfaction struct {
	s  Satisfaction
	at time.Time
}

// maxCachedSatisfactions bounds the cache; it is emptied when full.
const maxCachedSatisfactions = 50_000

// NewSatisfactionCache caches ItemSatisfaction answers for ttl.
func NewSatisfactionCache(st *models.Store, ttl time.Duration) *SatisfactionCache {
	return &SatisfactionCache{st: st, ttl: ttl, m: map[string]cachedSatisfaction{}}
}

// Item returns ItemSatisfaction(itemCode), at most ttl old.
func (c *SatisfactionCache) Item(ctx context.Context, itemCode string) (Satisfaction, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[itemCode]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < c.ttl {
		return e.s, nil
	}
	s, err := ItemSatisfaction(ctx, c.st, itemCode)
	if err != nil {
		return s, err
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedSatisfactions {
		clear(c.m)
	}
	c.m[itemCode] = cachedSatisfaction{s: s, at: now}
	c.mu.Unlock()
	return s, nil
}
