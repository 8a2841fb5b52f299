package components

import (
	"strings"
	"testing"
)

func TestNotificationBannerInfoIsLabelledRegion(t *testing.T) {
	doc := renderWithChildren(t, NotificationBanner(NotificationBannerProps{Heading: "系统将于今晚 22:00 维护"}),
		rawHTML(`<p class="zw-body" id="body">维护期间暂停在线申报。</p>`))
	b := doc.Find(".zw-banner")
	if attr(t, b, "role") != "region" {
		t.Fatal("info banner should be a region")
	}
	title := doc.Find("h2#" + attr(t, b, "aria-labelledby"))
	if title.Text() != "重要提示" {
		t.Fatalf("labelled by %q, want the 重要提示 title", title.Text())
	}
	if strings.TrimSpace(doc.Find(".zw-banner__heading").Text()) != "系统将于今晚 22:00 维护" || doc.Find(".zw-banner__content #body").Length() != 1 {
		t.Fatal("heading or children missing")
	}
}

func TestNotificationBannerSuccessIsAlert(t *testing.T) {
	doc := renderWithChildren(t, NotificationBanner(NotificationBannerProps{Variant: BannerSuccess, ID: "done", Heading: "申请已提交"}),
		rawHTML(`<p>办件编号 2024001</p>`))
	b := doc.Find("#done")
	if attr(t, b, "role") != "alert" || attr(t, b, "aria-labelledby") != "done-title" || !b.HasClass("zw-banner--success") {
		t.Fatal("success banner: role=alert, labelled by its own title id")
	}
	title := doc.Find("#done-title")
	title.Find("[aria-hidden=true]").Remove()
	if strings.TrimSpace(title.Text()) != "成功" {
		t.Fatalf("success title reads %q, want 成功 (not colour alone)", title.Text())
	}
}
