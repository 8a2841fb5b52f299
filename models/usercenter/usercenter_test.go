package usercenter_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// fixture opens a store with two accounts and one published and one draft
// matter item, one online app and one policy.
func fixture(t *testing.T) (*models.Store, users.User, users.User) {
	t.Helper()
	st := modelstest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC()
	for _, q := range []string{
		`INSERT INTO matters (id, code, name, type, dept_code, created_at) VALUES (1, 'M1', '婚姻登记', '07', 'N1', ?)`,
		`INSERT INTO matter_items (code, matter_id, name, type, level, region_code, dept_code, body_name, body_code, status, created_at, updated_at) VALUES ('ITEM-1', 1, '内地居民婚姻登记', '07', 4, '330106', 'N1', '民政局', 'X', 'published', ?, ?)`,
		`INSERT INTO matter_items (code, matter_id, name, type, level, region_code, dept_code, body_name, body_code, status, created_at, updated_at) VALUES ('ITEM-2', 1, '草稿事项', '07', 4, '330106', 'N1', '民政局', 'X', 'draft', ?, ?)`,
		`INSERT INTO apps (id, name, type, owner_org, site_code, status, created_at, updated_at) VALUES (7, '社保查询', 'open', '人社厅', '330000', 'online', ?, ?)`,
		`INSERT INTO site_policies (id, site_code, title, issued_on, body, published, created_at, updated_at) VALUES (5, '330000', '数字化改革条例', ?, '正文', TRUE, ?, ?)`,
	} {
		args := []any{}
		for i := 0; i < countQ(q); i++ {
			args = append(args, now)
		}
		if err := st.DB.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	cfg := users.DevConfig(st)
	cfg.Params = users.TestParams
	svc, _ := users.NewService(st, cfg)
	a, err := svc.Create(ctx, users.NewAccount{Phone: "13800138000", Password: "Abc#12345", Name: "张三", IDNumber: "330106199003071236", Level: 3, VerifiedBy: "t"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := svc.Create(ctx, users.NewAccount{Phone: "13900139000", Password: "Abc#12345", Name: "李四", Level: 1})
	if err != nil {
		t.Fatal(err)
	}
	return st, a, b
}

func countQ(q string) int {
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
		}
	}
	return n
}

func TestFavouritesResolveAndStayWithTheirOwner(t *testing.T) {
	st, a, b := fixture(t)
	ctx := context.Background()
	f, err := usercenter.AddFavourite(ctx, st, a.ID, usercenter.FavMatter, "ITEM-1")
	if err != nil || f.Title != "内地居民婚姻登记" || f.URL != "/matters/ITEM-1" {
		t.Fatalf("add: %+v %v", f, err)
	}
	again, err := usercenter.AddFavourite(ctx, st, a.ID, usercenter.FavMatter, "ITEM-1")
	if err != nil || again.ID != f.ID {
		t.Fatalf("adding twice must keep one: %+v %v", again, err)
	}
	for _, c := range [][2]string{{usercenter.FavMatter, "ITEM-2"}, {usercenter.FavMatter, "NOPE"}, {usercenter.FavApp, "x"}, {usercenter.FavNews, "policy:99"}, {"other", "1"}} {
		if _, err := usercenter.AddFavourite(ctx, st, a.ID, c[0], c[1]); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%v: %v", c, err)
		}
	}
	app, err := usercenter.AddFavourite(ctx, st, a.ID, usercenter.FavApp, "7")
	if err != nil || app.URL != "/apps/7" {
		t.Fatalf("app: %+v %v", app, err)
	}
	news, err := usercenter.AddFavourite(ctx, st, a.ID, usercenter.FavNews, "policy:5")
	if err != nil || news.URL != "/sites/330000/policies/5" {
		t.Fatalf("news: %+v %v", news, err)
	}
	if err := usercenter.RemoveFavourite(ctx, st, b.ID, f.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("B removed A's favourite: %v", err)
	}
	list, _ := usercenter.Favourites(ctx, st, a.ID, usercenter.FavMatter, 10)
	if len(list) != 1 {
		t.Fatalf("A's matters: %d", len(list))
	}
	if list, _ := usercenter.Favourites(ctx, st, b.ID, "", 10); len(list) != 0 {
		t.Fatal("B sees A's favourites")
	}
}

func TestFootprintsRefreshCapAndClear(t *testing.T) {
	st, a, b := fixture(t)
	ctx := context.Background()
	for i := 0; i < usercenter.MaxFootprints+5; i++ {
		q := fmt.Sprintf("查询%d", i)
		if err := usercenter.RecordFootprint(ctx, st, usercenter.Footprint{UserID: a.ID, Kind: usercenter.FootSearch, Ref: q, Title: q, URL: "/search"}); err != nil {
			t.Fatal(err)
		}
	}
	usercenter.RecordFootprint(ctx, st, usercenter.Footprint{UserID: a.ID, Kind: usercenter.FootSearch, Ref: "查询204", Title: "查询204", URL: "/search"})
	list, _ := usercenter.Footprints(ctx, st, a.ID, "", 500)
	if len(list) != usercenter.MaxFootprints {
		t.Fatalf("kept %d footprints, want %d", len(list), usercenter.MaxFootprints)
	}
	if list[0].Ref != "查询204" {
		t.Fatalf("a repeated visit must come first once: %s", list[0].Ref)
	}
	if err := usercenter.DeleteFootprint(ctx, st, b.ID, list[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("B deleted A's footprint")
	}
	if err := usercenter.DeleteFootprint(ctx, st, a.ID, list[0].ID); err != nil {
		t.Fatal(err)
	}
	n, err := usercenter.ClearFootprints(ctx, st, a.ID)
	if err != nil || n != usercenter.MaxFootprints-1 {
		t.Fatalf("cleared %d, %v", n, err)
	}
}

func TestAnnouncementsAreDeliveredOnceAndMessagesScoped(t *testing.T) {
	st, a, b := fixture(t)
	ctx := context.Background()
	usercenter.Announce(ctx, st, "维护通知", "正文", "", time.Now().Add(-time.Hour))
	usercenter.Announce(ctx, st, "未来公告", "正文", "", time.Now().Add(time.Hour))
	usercenter.Notify(ctx, st, a.ID, usercenter.MsgProgress, "办件已受理", "正文", "")
	for i := 0; i < 2; i++ {
		if err := usercenter.Deliver(ctx, st, a.ID, a.CreatedAt); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := usercenter.UnreadCount(ctx, st, a.ID); n != 2 {
		t.Fatalf("unread = %d, want 2 (one announcement delivered once + one notice)", n)
	}
	list, total, _ := usercenter.Messages(ctx, st, a.ID, usercenter.MessageFilter{Limit: 10})
	if total != 2 || len(list) != 2 {
		t.Fatalf("messages: %d", total)
	}
	var pub usercenter.Message
	for _, m := range list {
		if m.Kind == usercenter.MsgPublic {
			pub = m
		}
	}
	if err := usercenter.MarkRead(ctx, st, b.ID, pub.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("B marked A's message")
	}
	if err := usercenter.DeleteMessage(ctx, st, a.ID, pub.ID); err != nil {
		t.Fatal(err)
	}
	usercenter.Deliver(ctx, st, a.ID, a.CreatedAt)
	if n, _ := usercenter.UnreadCount(ctx, st, a.ID); n != 1 {
		t.Fatalf("a deleted announcement came back: unread %d", n)
	}
	if err := usercenter.MarkAllRead(ctx, st, a.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := usercenter.UnreadCount(ctx, st, a.ID); n != 0 {
		t.Fatalf("unread after mark all: %d", n)
	}
}

func TestLicencesUnlinkRelinkAndErase(t *testing.T) {
	st, a, _ := fixture(t)
	ctx := context.Background()
	src := usercenter.DemoLicences{}
	h := usercenter.HolderOf(a)
	ls, removed, err := usercenter.LinkedLicences(ctx, st, src, a.ID, h)
	if err != nil || len(ls) != 4 || removed != 0 {
		t.Fatalf("licences: %d %d %v", len(ls), removed, err)
	}
	classes := map[string]string{}
	for _, l := range ls {
		classes[l.Name] = l.TrustClass
	}
	if classes["居民身份证"] != "A" || classes["结婚证"] != "C" {
		t.Fatalf("trust classes: %v", classes)
	}
	if err := usercenter.UnlinkLicence(ctx, st, src, a.ID, h, "demo-marriage"); err != nil {
		t.Fatal(err)
	}
	if _, err := usercenter.GetLicence(ctx, st, src, a.ID, h, "demo-marriage"); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("an unlinked licence is still shown")
	}
	x, err := usercenter.BuildExport(ctx, st, src, a)
	if err != nil || len(x.Licences) != 3 || len(x.Removed) != 1 || x.Account.IDNumber != a.IDNumber {
		t.Fatalf("export: %+v %v", x, err)
	}
	usercenter.RelinkLicences(ctx, st, a.ID)
	if ls, _, _ := usercenter.LinkedLicences(ctx, st, src, a.ID, h); len(ls) != 4 {
		t.Fatal("relink")
	}
	usercenter.AddFavourite(ctx, st, a.ID, usercenter.FavMatter, "ITEM-1")
	usercenter.UnlinkLicence(ctx, st, src, a.ID, h, "demo-social")
	if err := usercenter.Erase(st.DB.WithContext(ctx), a.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"user_favourites", "user_footprints", "user_messages", "licence_unlinks"} {
		var n int64
		st.DB.Table(table).Where("user_id = ?", a.ID).Count(&n)
		if n != 0 {
			t.Errorf("%s keeps %d rows after erase", table, n)
		}
	}
}

type fakeRec struct{ reqs []search.RecommendRequest }

func (f *fakeRec) Recommend(_ context.Context, req search.RecommendRequest) ([]search.Recommendation, error) {
	f.reqs = append(f.reqs, req)
	return []search.Recommendation{
		{Doc: &search.Doc{Title: "已收藏", URL: "/matters/ITEM-1"}, Reason: search.ReasonTheme},
		{Doc: &search.Doc{Title: "结婚登记", URL: "/matters/X"}, Reason: search.ReasonTheme, Via: "060"},
		{Doc: &search.Doc{Title: "离婚登记", URL: "/matters/Y"}, Reason: search.ReasonHistory, Via: "离婚"},
		{Doc: &search.Doc{Title: "热门", URL: "/matters/Z"}, Reason: search.ReasonPopular, Via: "330106"},
	}, nil
}

func TestRecommendationsSayWhy(t *testing.T) {
	r := &fakeRec{}
	recs, err := usercenter.Recommend(context.Background(), r, usercenter.RecommendInput{
		Favourites: []usercenter.Favourite{{Kind: usercenter.FavMatter, Title: "婚姻登记", URL: "/matters/ITEM-1"}},
		Footprints: []usercenter.Footprint{{Kind: usercenter.FootSearch, Ref: "离婚"}, {Kind: usercenter.FootGuide, Ref: "G1", Title: "出生登记", URL: "/matters/G1"}},
		Region:     "330106",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.reqs) != 2 || r.reqs[0].DocID != "item:ITEM-1" || r.reqs[1].DocID != "item:G1" || len(r.reqs[1].History) != 1 {
		t.Fatalf("requests: %+v", r.reqs)
	}
	want := []usercenter.Recommendation{
		{Title: "结婚登记", URL: "/matters/X", Reason: usercenter.RecFavourite, Via: "婚姻登记"},
		{Title: "离婚登记", URL: "/matters/Y", Reason: usercenter.RecSearched, Via: "离婚"},
		{Title: "热门", URL: "/matters/Z", Reason: usercenter.RecRegion, Via: "330106"},
	}
	if fmt.Sprint(recs) != fmt.Sprint(want) {
		t.Fatalf("got %+v\nwant %+v", recs, want)
	}
}
