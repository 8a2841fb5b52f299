package sites_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
)

func TestPlainTextStripsMarkupOnWrite(t *testing.T) {
	in := "<p>第一条　为了规范&amp;促进。</p><script>alert(1)</script><p onclick=\"x\">第二条<br>第三条</p>"
	got := sites.PlainText(in)
	want := "第一条 为了规范&促进。\n\n第二条\n\n第三条"
	if got != want {
		t.Fatalf("PlainText = %q, want %q", got, want)
	}
	if strings.Contains(got, "alert") || strings.Contains(got, "<") {
		t.Fatalf("markup or script survived: %q", got)
	}
}

// C 0103 8.2: content is scoped to its site; another site's record is not found.
func TestContentIsScopedToItsSite(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	pol := sites.Policy{SiteCode: "330000", Title: "浙江政策", Body: "正文", Published: true}
	if err := sites.CreatePolicy(ctx, st, &pol); err != nil {
		t.Fatal(err)
	}
	in := sites.Interpretation{SiteCode: "320000", PolicyID: &pol.ID, Title: "江苏解读浙江政策", Body: "解读",
		Published: true, ItemCodes: []string{"A-1", "B-2", "A-1"}}
	if err := sites.CreateInterpretation(ctx, st, &in); err != nil {
		t.Fatal(err)
	}
	if _, err := sites.GetPolicy(ctx, st, "320000", pol.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("policy of 330000 read through 320000: err = %v", err)
	}
	got, err := sites.GetInterpretation(ctx, st, "320000", in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.ItemCodes, ",") != "A-1,B-2" {
		t.Fatalf("item codes = %v, want the two distinct codes in order", got.ItemCodes)
	}
	rel, err := sites.InterpretationsOf(ctx, st, pol.ID, 10)
	if err != nil || len(rel) != 1 || rel[0].SiteCode != "320000" {
		t.Fatalf("interpretations of the policy = %v, %v", rel, err)
	}
}

func TestUnpublishedAndDraftContentStaysHidden(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	hidden := sites.Policy{SiteCode: "330000", Title: "草稿", Body: "x"}
	if err := sites.CreatePolicy(ctx, st, &hidden); err != nil {
		t.Fatal(err)
	}
	for _, a := range []sites.App{
		{Name: "在线", Type: sites.AppOpen, OwnerOrg: "某局", SiteCode: "330000", Status: sites.StatusOnline},
		{Name: "已下线", Type: sites.AppIdentity, OwnerOrg: "某局", SiteCode: "330000", Status: sites.StatusOffline},
		{Name: "审核中", Type: sites.AppIdentity, OwnerOrg: "某局", SiteCode: "330000"},
	} {
		if err := sites.CreateApp(ctx, st, &a); err != nil {
			t.Fatal(err)
		}
	}
	h, err := sites.LoadHome(ctx, st, "330000", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Policies) != 0 {
		t.Fatalf("unpublished policy listed: %v", h.Policies)
	}
	var names []string
	for _, a := range h.Apps {
		names = append(names, a.Name)
	}
	if strings.Join(names, ",") != "在线,已下线" {
		t.Fatalf("apps listed = %v, want the online and the offline one", names)
	}
}

func TestCreateAppValidates(t *testing.T) {
	st := modelstest.Open(t)
	err := sites.CreateApp(context.Background(), st, &sites.App{Name: "x", Type: "other"})
	var ve *models.ValidationError
	if !errors.As(err, &ve) || ve.Fields["type"] == "" || ve.Fields["owner_org"] == "" {
		t.Fatalf("err = %v, want type and owner_org errors", err)
	}
}

func TestSearchSourceMapsContentToDocs(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	if err := refdata.SeedRegions(ctx, st); err != nil {
		t.Fatal(err)
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	mps, ok := ref.DepartmentByName("公安部")
	if !ok {
		t.Fatal("公安部 missing from refdata")
	}
	pol := sites.Policy{SiteCode: "330000", Title: "浙江省保障“最多跑一次”改革规定", DocNumber: "公告第1号", Body: "正文", Published: true}
	topic := sites.Topic{SiteCode: mps.Code, Title: "身份证跨省通办", Summary: "摘要", Published: true}
	if err := sites.CreatePolicy(ctx, st, &pol); err != nil {
		t.Fatal(err)
	}
	if err := sites.CreateTopic(ctx, st, &topic); err != nil {
		t.Fatal(err)
	}
	src := sites.NewSearchSource(st, ref)
	docs := map[string]bool{}
	err = src.All(ctx, func(d search.Doc) error {
		docs[d.ID+" "+d.Kind+" "+d.URL+" "+strings.Join(d.RegionPath, "/")+" "+strings.Join(d.Facets["site"], "")] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"policy:1 policy /sites/330000/policies/1 330000 330000",
		"topic:1 topic /sites/" + mps.Code + "/topics/1 000000 " + mps.Code,
	} {
		if !docs[want] {
			t.Errorf("missing doc %q in %v", want, docs)
		}
	}
	d, found, err := src.Get(ctx, "policy:1")
	if err != nil || !found || d.Title != pol.Title {
		t.Fatalf("Get(policy:1) = %v %v %v", d.Title, found, err)
	}
	if _, found, _ := src.Get(ctx, "policy:999"); found {
		t.Fatal("unknown policy found")
	}
}
