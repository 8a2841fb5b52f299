package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/zwfw/portal/models/search"
)

// A document change drops only the cached answers it could be part of; every
// answer the cache gives afterwards equals a fresh evaluation. Two engines
// get the same random changes (new documents, edits that move a document
// between titles, facets and regions, deletions); one caches, one does not,
// and every query of a mixed set (text, pinyin, typos, filters, scopes,
// regions, lists without text) must answer alike after each change.
func TestCachedAnswersMatchFreshOnesAfterEachChange(t *testing.T) {
	checkCachedAgainstFresh(t, loadFixture(t), []search.Query{
		{Text: "身份证"}, {Text: "shenfenzheng"}, {Text: "sfz"}, {Text: "结婚登记"}, {Text: "身分证"}, {Text: "户口前移"},
		{Text: "驾照"}, {Text: "公积金提取", Scope: search.ScopeNatural}, {Text: "营业执照", Region: "330106"},
		{Text: "登记", Filters: map[string][]string{"type": {"07"}}}, {Text: "申请材料"}, {Text: "我想换身份证需要带什么"},
		{Text: "杭州 身份证"}, {Text: "全新事项名称"}, {Text: "xinshixiang"},
		{}, {Region: "330106"}, {Filters: map[string][]string{"audience": {"legal"}}}, {Scope: search.ScopePower},
		{Filters: map[string][]string{"type": {"07"}}, Region: "440305"},
	}, []string{"居民身份证换领", "结婚登记", "全新事项名称", "户口迁移", "营业执照办理"}, nil)
}

// The same over 400 documents whose titles share 登记: a word in that many
// titles is not looked up in guide texts, so a change to a guide text
// leaves its answers cached — and they must still be right, including when
// an edit moves words between titles and texts.
func TestCachedBroadAnswersMatchFreshOnesAfterEachChange(t *testing.T) {
	titles := []string{"结婚登记", "出生登记", "户口登记", "企业设立登记", "不动产登记", "收养登记", "离婚登记", "就业登记"}
	bodies := []string{"申请材料：居民身份证、户口簿。", "申请表一份。", "登记机关审核后发证。", "无需材料。", "营业执照副本。"}
	regions := []string{"330106", "440305", "110105", "330102", "510107"}
	src := &fixtureSource{}
	for i := range 400 {
		reg := regions[i%len(regions)]
		src.docs = append(src.docs, search.Doc{ID: fmt.Sprint("item:b", i), Kind: "matter", Title: titles[i%len(titles)],
			Body: bodies[i%len(bodies)], Facets: map[string][]string{"type": {"07"}, "region": {reg}}, RegionPath: regionPathOf(reg)})
	}
	checkCachedAgainstFresh(t, src, []search.Query{
		{Text: "登记"}, {Text: "dengji"}, {Text: "身份证"}, {Text: "申请表"}, {Text: "营业执照"}, {Text: "登记 身份证"},
		{Text: "结婚登记"}, {Text: "登记", Region: "330106"}, {Text: "发证"}, {},
	}, append(titles, "营业执照补领", "身份证挂失"), bodies)
}

// checkCachedAgainstFresh applies random changes to two engines over src
// (one caching, one not) and compares their answers to queries after each.
// Edits set titles from titles and, when given, bodies from bodies.
func checkCachedAgainstFresh(t *testing.T, src *fixtureSource, queries []search.Query, titles, bodies []string) {
	t.Helper()
	ctx := context.Background()
	cached := search.NewEngine(search.WithVocabulary(fixtureVocabulary()))
	fresh := search.NewEngine(search.WithVocabulary(fixtureVocabulary()), search.WithResultCache(0))
	for _, e := range []*search.Engine{cached, fresh} {
		if err := e.Load(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	facets := []string{"type", "dept", "region", "audience", "kind"}
	answer := func(e *search.Engine, q search.Query) string {
		q.Limit, q.Facets = 100, facets
		r, err := e.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(r.Hits))
		for i, h := range r.Hits {
			ids[i] = h.Doc.ID + "|" + h.Doc.Title
		}
		slices.Sort(ids) // scores may move by a hair (document counts); what matches may not
		return fmt.Sprint(r.Total, ids, r.Facets, r.Corrected)
	}
	for _, q := range queries { // fill the cache
		answer(cached, q)
	}
	r := rand.New(rand.NewPCG(4, 2))
	regions := []string{"330106", "440305", "110105", "000000"}
	for step := range 80 {
		var desc string
		switch op := r.IntN(3); {
		case op == 0 && len(src.docs) > 1: // delete
			i := r.IntN(len(src.docs))
			desc = "delete " + src.docs[i].ID
			for _, e := range []*search.Engine{cached, fresh} {
				e.Delete(src.docs[i].ID)
			}
			src.docs = slices.Delete(src.docs, i, i+1)
		default: // edit an existing document, or add one
			var d search.Doc
			if op == 1 {
				d = src.docs[r.IntN(len(src.docs))]
			} else {
				d = src.docs[r.IntN(len(src.docs))]
				d.ID = fmt.Sprint("item:new", step)
			}
			facets := map[string][]string{}
			for k, v := range d.Facets {
				facets[k] = slices.Clone(v)
			}
			d.Facets = facets
			d.Title = titles[r.IntN(len(titles))]
			if len(bodies) > 0 {
				d.Body = bodies[r.IntN(len(bodies))]
			}
			reg := regions[r.IntN(len(regions))]
			d.Facets["region"], d.RegionPath = []string{reg}, regionPathOf(reg)
			d.Facets["type"] = []string{[]string{"01", "07", "20"}[r.IntN(3)]}
			desc = fmt.Sprintf("upsert %s as %s in %s", d.ID, d.Title, reg)
			for _, e := range []*search.Engine{cached, fresh} {
				e.Upsert(d)
			}
		}
		for _, q := range queries {
			if got, want := answer(cached, q), answer(fresh, q); got != want {
				t.Fatalf("step %d (%s), query %+v:\ncached %s\nfresh  %s", step, desc, q, got, want)
			}
		}
	}
}
