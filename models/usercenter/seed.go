package usercenter

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/users"
)

// Demo accounts for development and the browser tests. The password is in
// the README of the demo data: it is not a secret, and prod never loads demo
// data (PORTAL_DEMO_DATA defaults to false there).
const (
	// #nosec G101 -- the published demo account's password; prod never loads demo data
	DemoPassword    = "Zwfw@2026demo"
	DemoPhone       = "13800138000" // 张三, L3 (verified by the demo data)
	DemoPhoneL1     = "13800138001" // 李四, L1: for trying the upgrade
	DemoPhoneLegal  = "13900139000" // 王五 for 杭州示例科技有限公司, L3
	DemoIDNumber    = "330106199003071236"
	DemoCreditCode  = "91330106MA2B12345N"
	demoVerifiedBy  = "demo"
	demoAnnounceOne = "政务服务移动门户上线试运行"
)

// SeedDemo creates the demo accounts, two announcements and a personal
// notice; it does nothing for an account that already exists.
func SeedDemo(ctx context.Context, st *models.Store) error {
	cfg := users.DevConfig(st)
	// The demo password is public, so a costly hash protects nothing here;
	// the first sign-in rehashes it at the configured cost. This keeps every
	// test that loads the demo data fast.
	cfg.Params = users.TestParams
	svc, err := users.NewService(st, cfg)
	if err != nil {
		return err
	}
	accounts := []users.NewAccount{
		{Phone: DemoPhone, Password: DemoPassword, Name: "张三", IDNumber: DemoIDNumber, Level: users.L3, VerifiedBy: demoVerifiedBy},
		{Phone: DemoPhoneL1, Password: DemoPassword, Name: "李四", Level: users.L1},
		{Kind: users.Legal, Phone: DemoPhoneLegal, Password: DemoPassword, Name: "王五", Level: users.L3, VerifiedBy: demoVerifiedBy,
			OrgName: "杭州示例科技有限公司", CreditCode: DemoCreditCode, RepName: "赵六"},
	}
	for _, a := range accounts {
		taken, err := users.PhoneTaken(ctx, st, a.Phone)
		if err != nil {
			return err
		}
		if taken {
			continue
		}
		u, err := svc.Create(ctx, a)
		if err != nil {
			return err
		}
		if err := users.RecordConsent(ctx, st, u.ID, users.ConsentPrivacy, true); err != nil {
			return err
		}
		if a.Phone == DemoPhone {
			if err := seedDemoUse(ctx, st, u.ID); err != nil {
				return err
			}
		}
	}
	var n int64
	if err := st.DB.WithContext(ctx).Model(&Announcement{}).Where("title = ?", demoAnnounceOne).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	now := time.Now().UTC()
	if _, err := Announce(ctx, st, demoAnnounceOne, "国家政务服务平台政务服务移动门户开始试运行，欢迎提出意见和建议。", "/accessibility", now.Add(-48*time.Hour)); err != nil {
		return err
	}
	_, err = Announce(ctx, st, "系统维护通知", "本周六 00:00 至 06:00 进行系统维护，期间部分服务可能暂停。", "", now.Add(-2*time.Hour))
	return err
}

// seedDemoUse gives 张三 a personal notice, a favourite and a footprint, so
// the user-center lists have something to show.
func seedDemoUse(ctx context.Context, st *models.Store, userID int64) error {
	if err := Notify(ctx, st, userID, MsgProgress, "您的办件已受理", "您申请的“居民身份证换领”已由受理部门受理，请留意后续进度。", ""); err != nil {
		return err
	}
	var code string
	if err := st.DB.WithContext(ctx).Table("matter_items").Select("code").Where("status = ?", "published").Order("id").Limit(1).Scan(&code).Error; err != nil || code == "" {
		return err
	}
	if _, err := AddFavourite(ctx, st, userID, FavMatter, code); err != nil {
		return err
	}
	if err := RecordGuideFootprint(ctx, st, userID, code); err != nil {
		return err
	}
	return RecordFootprint(ctx, st, Footprint{UserID: userID, Kind: FootSearch, Ref: "身份证", Title: "身份证", URL: "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81"})
}
