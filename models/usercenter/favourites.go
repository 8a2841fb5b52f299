package usercenter

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Favourite kinds (C 0103 7.7 f: 事项、政务服务应用及服务动态).
const (
	FavMatter = "matter" // an implementation item; Ref is its 实施编码
	FavApp    = "app"    // a government app; Ref is its id
	FavNews   = "news"   // 服务动态: "policy:<id>" or "interp:<id>"
)

// FavouriteKinds lists the kinds in display order.
var FavouriteKinds = []string{FavMatter, FavApp, FavNews}

// Favourite is one saved thing, with its title and link copied when saved.
type Favourite struct {
	ID        int64
	UserID    int64
	Kind      string
	Ref       string
	Title     string
	URL       string
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Favourite) TableName() string { return "user_favourites" }

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// newsKinds maps a 服务动态 ref prefix to its table and URL path segment.
var newsKinds = map[string][2]string{"policy": {"site_policies", "policies"}, "interp": {"site_interpretations", "interpretations"}}

// target is what a favourite points at.
type target struct{ Title, URL string }

// resolve finds the published thing a favourite would point at; anything
// unknown or unpublished is ErrNotFound.
func resolve(ctx context.Context, st *models.Store, kind, ref string) (target, error) {
	db := st.DB.WithContext(ctx)
	var t target
	switch kind {
	case FavMatter:
		var row struct{ Code, Name string }
		if err := db.Table("matter_items").Select("code, name").Where("code = ? AND status = ?", ref, "published").Take(&row).Error; err != nil {
			return t, notFound(err)
		}
		return target{Title: row.Name, URL: "/matters/" + row.Code}, nil
	case FavApp:
		id, err := strconv.ParseInt(ref, 10, 64)
		if err != nil {
			return t, models.ErrNotFound
		}
		var row struct{ Name string }
		if err := db.Table("apps").Select("name").Where("id = ? AND status = ?", id, "online").Take(&row).Error; err != nil {
			return t, notFound(err)
		}
		return target{Title: row.Name, URL: "/apps/" + strconv.FormatInt(id, 10)}, nil
	case FavNews:
		prefix, num, _ := strings.Cut(ref, ":")
		id, err := strconv.ParseInt(num, 10, 64)
		kind, known := newsKinds[prefix]
		table, path := kind[0], kind[1]
		if err != nil || !known {
			return t, models.ErrNotFound
		}
		var row struct{ Title, SiteCode string }
		if err := db.Table(table).Select("title, site_code").Where("id = ? AND published = ?", id, true).Take(&row).Error; err != nil {
			return t, notFound(err)
		}
		return target{Title: row.Title, URL: fmt.Sprintf("/sites/%s/%s/%d", row.SiteCode, path, id)}, nil
	}
	return t, models.ErrNotFound
}

// AddFavourite saves kind/ref for the user; saving twice keeps one.
func AddFavourite(ctx context.Context, st *models.Store, userID int64, kind, ref string) (Favourite, error) {
	t, err := resolve(ctx, st, kind, ref)
	if err != nil {
		return Favourite{}, err
	}
	f := Favourite{UserID: userID, Kind: kind, Ref: ref, Title: t.Title, URL: t.URL, CreatedAt: time.Now().UTC()}
	err = st.DB.WithContext(ctx).Create(&f).Error
	if models.IsUniqueViolation(err) {
		got, ok, gerr := FavouriteOf(ctx, st, userID, kind, ref)
		if gerr == nil && ok {
			return got, nil
		}
		return f, gerr
	}
	return f, err
}

// FavouriteOf returns the user's favourite of kind/ref, if saved.
func FavouriteOf(ctx context.Context, st *models.Store, userID int64, kind, ref string) (Favourite, bool, error) {
	var f Favourite
	err := st.DB.WithContext(ctx).Where("user_id = ? AND kind = ? AND ref = ?", userID, kind, ref).Take(&f).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return f, false, nil
	}
	return f, err == nil, err
}

// Favourites lists the user's favourites of kind ("" = all), newest first.
func Favourites(ctx context.Context, st *models.Store, userID int64, kind string, limit int) ([]Favourite, error) {
	q := st.DB.WithContext(ctx).Where("user_id = ?", userID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var out []Favourite
	err := q.Order("created_at DESC, id DESC").Limit(clamp(limit)).Find(&out).Error
	return out, err
}

// RemoveFavourite deletes one of the user's favourites; another user's id
// is ErrNotFound.
func RemoveFavourite(ctx context.Context, st *models.Store, userID, id int64) error {
	res := st.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Favourite{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// clamp keeps list sizes within 1..500 (default 50).
func clamp(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}
