package consult_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/consult"
)

// The "done when" journey of issue 8, first half: a newcomer consults
// about a matter, a handler in the right department replies, the public
// listing shows it masked.
func TestConsultationJourney(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.item(t, itemCode, "330100", "001003", 3)
	asker, other := e.user(t, 3), e.user(t, 3)

	d, err := e.svc.SaveDraft(ctx, asker, 0, consult.ConsultInput{Title: "草稿"})
	if err != nil {
		t.Fatal(err)
	}
	// Drafts are never visible to anyone else (C 0103 7.5.1 内容草稿).
	if _, err := e.svc.MyConsultation(ctx, other, d.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other user's draft: %v", err)
	}
	if _, err := e.svc.StaffConsultation(ctx, handler(1, "330000", "").Scope(), d.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("staff sees a draft: %v", err)
	}
	if _, err := e.svc.SaveDraft(ctx, other, d.ID, goodConsult()); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other user saved into my draft: %v", err)
	}
	c, err := e.svc.SubmitConsultation(ctx, asker, 3, d.ID, goodConsult())
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != consult.StatusOpen || c.RegionCode != "330100" || c.DeptCode != "001003" || c.UnitName != "杭州市公安局" {
		t.Fatalf("region and department come from the matter: %+v", c)
	}
	// Out of scope: another department, another province.
	for _, h := range []struct{ region, dept string }{{"330100", "001004"}, {"320000", ""}} {
		if err := e.svc.ReplyConsultation(ctx, handler(2, h.region, h.dept), "", c.ID, "x", "答复"); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("scope %v replied: %v", h, err)
		}
	}
	right := handler(3, "330000", "001003")
	if err := e.svc.Accept(ctx, right, "127.0.0.1", c.ID, "杭州市公安局"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ReplyConsultation(ctx, right, "127.0.0.1", c.ID, "杭州市公安局", ""); fieldsOf(t, err)["reply"] == "" {
		t.Fatal("an empty reply is refused")
	}
	if err := e.svc.ReplyConsultation(ctx, right, "127.0.0.1", c.ID, "杭州市公安局", "带上旧证，咨询 0571-87654321。"); err != nil {
		t.Fatal(err)
	}
	list, next, err := e.svc.PublicConsultations(ctx, consult.Cursor{}, 20)
	if err != nil || len(list) != 1 || next.ID != 0 {
		t.Fatalf("public list %v %v %v", list, next, err)
	}
	p := list[0]
	if p.Person != "欧***" || p.AcceptedUnit != "杭州市公安局" || p.ReplyUnit != "杭州市公安局" || p.RepliedAt.IsZero() || p.SubmittedAt.IsZero() {
		t.Fatalf("public item %+v", p)
	}
	if strings.Contains(p.Reply, "87654321") || !strings.Contains(p.Reply, "0571*******21") {
		t.Fatalf("landline in the reply not masked: %q", p.Reply)
	}
	var n int64
	e.st.DB.Table("audit_log").Where("action IN ?", []string{"consultation.accept", "consultation.reply"}).Count(&n)
	if n != 2 {
		t.Fatalf("audit entries = %d, want 2", n)
	}
	// The author deletes it: gone from the public and the user center, kept for the agency.
	if err := e.svc.DeleteMyConsultation(ctx, other, c.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other user deleted: %v", err)
	}
	if err := e.svc.DeleteMyConsultation(ctx, asker, c.ID); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := e.svc.PublicConsultations(ctx, consult.Cursor{}, 20); len(list) != 0 {
		t.Fatal("deleted item still public")
	}
	if _, err := e.svc.StaffConsultation(ctx, right.Scope(), c.ID); err != nil {
		t.Fatalf("the agency keeps its record: %v", err)
	}
}

// Bad input of issue 8: missing required fields, invalid phone, postcode
// and e-mail get a message per field (C 0103 7.5.1: e-mail, postcode and
// address optional).
func TestConsultationBadInput(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.item(t, itemCode, "330100", "001003", 3)
	u := e.user(t, 3)
	cases := []struct {
		name  string
		edit  func(*consult.ConsultInput)
		field string
	}{
		{"no matter", func(in *consult.ConsultInput) { in.ItemCode = "" }, "item_code"},
		{"unknown matter", func(in *consult.ConsultInput) { in.ItemCode = "11330100MB0000000X4000111800999" }, "item_code"},
		{"no name", func(in *consult.ConsultInput) { in.Name = " " }, "name"},
		{"no phone", func(in *consult.ConsultInput) { in.Phone = "" }, "phone"},
		{"bad phone", func(in *consult.ConsultInput) { in.Phone = "1381234" }, "phone"},
		{"bad postcode", func(in *consult.ConsultInput) { in.Postcode = "31000" }, "postcode"},
		{"bad email", func(in *consult.ConsultInput) { in.Email = "a@b" }, "email"},
		{"no title", func(in *consult.ConsultInput) { in.Title = "" }, "title"},
		{"long title", func(in *consult.ConsultInput) { in.Title = strings.Repeat("长", 51) }, "title"},
		{"no content", func(in *consult.ConsultInput) { in.Content = "" }, "content"},
	}
	for _, tc := range cases {
		in := goodConsult()
		tc.edit(&in)
		_, err := e.svc.SubmitConsultation(ctx, u, 3, 0, in)
		if f := fieldsOf(t, err); f[tc.field] == "" || len(f) != 1 {
			t.Errorf("%s: fields %v", tc.name, f)
		}
	}
	ok := goodConsult()
	ok.Email, ok.Postcode, ok.Address, ok.Phone = "", "", "", "0571-87654321"
	if _, err := e.svc.SubmitConsultation(ctx, u, 3, 0, ok); err != nil {
		t.Fatalf("optional fields and a landline: %v", err)
	}
	if _, err := e.svc.SubmitConsultation(ctx, u, 2, 0, goodConsult()); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("level 2 consulted: %v", err)
	}
}

// Moderation: banned words and unmasked ID or phone numbers hold an item;
// staff release or hide it, and the public log says that something was
// hidden and why.
func TestModerationHoldsAndHides(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.item(t, itemCode, "330100", "001003", 3)
	u := e.user(t, 3)
	in := goodConsult()
	in.Content = "我的身份证号 11010519491231002X，电话 13912345678"
	c, err := e.svc.SubmitConsultation(ctx, u, 3, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.Flags != "id_number,phone" {
		t.Fatalf("flags %q", c.Flags)
	}
	h := handler(1, "330100", "001003")
	if err := e.svc.ReplyConsultation(ctx, h, "", c.ID, "局", "已答复"); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := e.svc.PublicConsultations(ctx, consult.Cursor{}, 5); len(list) != 0 {
		t.Fatal("a held item was published")
	}
	if err := e.svc.Release(ctx, h, "", consult.KindConsultation, c.ID); err != nil {
		t.Fatal(err)
	}
	list, _, _ := e.svc.PublicConsultations(ctx, consult.Cursor{}, 5)
	if len(list) != 1 || strings.Contains(list[0].Content, "13912345678") || strings.Contains(list[0].Content, "11010519491231002X") {
		t.Fatalf("released item must still be masked: %+v", list)
	}
	if err := e.svc.Hide(ctx, h, "", consult.KindConsultation, c.ID, ""); fieldsOf(t, err)["reason"] == "" {
		t.Fatal("hiding needs a reason")
	}
	if err := e.svc.Hide(ctx, h, "", consult.KindConsultation, c.ID, "含有他人隐私"); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := e.svc.PublicConsultations(ctx, consult.Cursor{}, 5); len(list) != 0 {
		t.Fatal("hidden item still public")
	}
	log, _ := e.svc.HiddenLog(ctx, 10)
	if len(log) != 1 || log[0].Reason != "含有他人隐私" || log[0].ObjectType != consult.KindConsultation {
		t.Fatalf("hidden log %+v", log)
	}
	scan := consult.NewScanner([]string{"赌博"})
	if f := scan.Scan("网上 赌 博"); f != consult.FlagBanned {
		t.Fatalf("banned word across spaces: %q", f)
	}
	if f := scan.Scan("请问 2026 年的办理时间"); f != "" {
		t.Fatalf("clean text flagged: %q", f)
	}
}

func TestPublicListingPagesByCursor(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.item(t, itemCode, "330100", "001003", 3)
	u := e.user(t, 3)
	h := handler(1, "330100", "")
	for i := 0; i < 5; i++ {
		c, err := e.svc.SubmitConsultation(ctx, u, 3, 0, goodConsult())
		if err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(time.Minute)
		if err := e.svc.ReplyConsultation(ctx, h, "", c.ID, "局", "答复"); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	cur := consult.Cursor{}
	for page := 0; page < 3; page++ {
		list, next, err := e.svc.PublicConsultations(ctx, consult.ParseCursor(cur.String()), 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			if seen[p.ID] {
				t.Fatalf("id %d twice", p.ID)
			}
			seen[p.ID] = true
		}
		cur = next
	}
	if len(seen) != 5 || cur.ID != 0 {
		t.Fatalf("saw %d, last cursor %v", len(seen), cur)
	}
	if consult.ParseCursor("x.y").ID != 0 || consult.ParseCursor("-1.3").ID != 0 {
		t.Fatal("bad cursors are the first page")
	}
}
