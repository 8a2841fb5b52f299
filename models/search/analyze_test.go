package search

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ１２３":        "abc123",
		"身份證換領":         "身份证换领",
		"居民\x00身份\x1b证": "居民 身份 证",
		"驾照😀到期":         "驾照 到期",
		"  SFZ  ":       "sfz",
		"'; DROP TABLE": "drop table",
		"(.*)[a-z]+$":   "a z",
		"\xff\xfe身份证":   "身份证",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Issue 4 item 3: polyphonic characters read by word (银行 → yh, 重庆 →
// chongqing, 长 in 长辈 and 长度).
func TestPinyinReadsPolyphonesByWord(t *testing.T) {
	for _, c := range []struct{ text, full, initials string }{
		{"银行", "yinhang", "yh"},
		{"重庆", "chongqing", "cq"},
		{"长辈", "zhangbei", "zb"},
		{"长度", "changdu", "cd"},
		{"居民身份证", "juminshenfenzheng", "jmsfz"},
		{"行政复议", "xingzhengfuyi", "xzfy"},
		{"重要", "zhongyao", "zy"},
	} {
		if got := primaryPinyin(c.text); got != c.full {
			t.Errorf("pinyin(%s) = %s, want %s", c.text, got, c.full)
		}
		if got := primaryInitials(c.text); got != c.initials {
			t.Errorf("initials(%s) = %s, want %s", c.text, got, c.initials)
		}
	}
	// The other reading is indexed too, at a lower weight.
	tt := pinyinTerms("银行")
	if !slices.Contains(tt.py, "yin hang") || !slices.Contains(tt.pyAlt, "yin xing") || slices.Contains(tt.py, "yin xing") {
		t.Errorf("银行 terms: primary %v, alternative %v", tt.py, tt.pyAlt)
	}
}

func TestSegmentPinyin(t *testing.T) {
	if got := segmentPinyin("shenfenzheng"); len(got) == 0 || strings.Join(got[0], " ") != "shen fen zheng" {
		t.Errorf("shenfenzheng → %v", got)
	}
	got := segmentPinyin("xian")
	if len(got) < 2 || strings.Join(got[0], " ") != "xian" || strings.Join(got[1], " ") != "xi an" {
		t.Errorf("xian → %v, want [xian] then [xi an]", got)
	}
	for _, s := range []string{"sfz", "gjj", "abc1", ""} {
		if got := segmentPinyin(s); got != nil {
			t.Errorf("%q is not pinyin, got %v", s, got)
		}
	}
}

// C 0103 7.4 整句搜索: a question is segmented, stopwords dropped, the
// intent kept.
func TestSentenceKeepsIntent(t *testing.T) {
	v := compileVocab(DefaultVocabulary(), nil)
	p := v.parse(normalize("我想换身份证需要带什么"))
	terms := strings.Join(p.terms(), " ")
	for _, stop := range []string{"我", "想", "需要", "带", "什么"} {
		for _, c := range p.clauses {
			if c.text == stop {
				t.Errorf("stopword %s kept: %v", stop, terms)
			}
		}
	}
	if !strings.Contains(terms, "居民身份证换领") {
		t.Errorf("intent lost: terms %s", terms)
	}
	p = v.parse(normalize("身份证怎么换"))
	terms = strings.Join(p.terms(), " ")
	if !strings.Contains(terms, "居民身份证") || !strings.Contains(terms, "换领") {
		t.Errorf("身份证怎么换: terms %s, want 居民身份证 and 换领", terms)
	}
}

func TestBannedWordsAreFound(t *testing.T) {
	v := compileVocab(DefaultVocabulary(), nil)
	if v.bannedIn(normalize("哪里能 办 假 证")) == "" {
		t.Error("banned word split by spaces not found")
	}
	if v.bannedIn(normalize("居民身份证换领")) != "" {
		t.Error("ordinary query flagged as banned")
	}
}

// Posting lists: intersection with skips equals the naive intersection.
func TestIntersectMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		var lists [][]uint32
		var ps []*posting
		for l := 0; l < 2+r.IntN(3); l++ {
			var docs []uint32
			p := &posting{}
			density := 1 + r.IntN(40)
			for d := uint32(0); d < 20000; d++ {
				if r.IntN(density) == 0 {
					docs = append(docs, d)
					p.add(d, 1+r.IntN(9))
				}
			}
			lists, ps = append(lists, docs), append(ps, p)
		}
		want := lists[0]
		for _, l := range lists[1:] {
			want = slices.DeleteFunc(slices.Clone(want), func(d uint32) bool { return !slices.Contains(l, d) })
		}
		its := make([]iter, len(ps))
		for i, p := range ps {
			its[i] = newIter(p)
		}
		slices.SortFunc(its, func(a, b iter) int { return int(a.p.n) - int(b.p.n) })
		got, _ := intersect(its, nil, nil)
		// The filter-driven walk finds the same docs.
		var all []uint32
		for d := uint32(0); d < 20000; d++ {
			all = append(all, d)
		}
		for i, p := range ps {
			its[i] = newIter(p)
		}
		slices.SortFunc(its, func(a, b iter) int { return int(a.p.n) - int(b.p.n) })
		driven, _ := intersectDriven(all, its, nil, nil)
		if !slices.Equal(driven, want) {
			t.Fatalf("round %d: driven walk got %d docs, want %d", round, len(driven), len(want))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: got %d docs, want %d", round, len(got), len(want))
		}
	}
}

// The index build analyses a body line by line through a cache (addBody);
// that must give exactly the terms of analysing the whole body at once.
func TestBodyLinesAnalyseLikeWholeBody(t *testing.T) {
	bodies := []string{
		"申请人应当持居民身份证\n户口簿（原件）\n",
		"ＡＢＣ全角\n繁體字轉換\nshenfen zheng 2026年\n\n\n末行",
		"符合條件的，可以申請\n個人所得稅匯算清繳\nQ：如何辦理？\nA：攜帶身份證",
		"单\n字\n行",
	}
	// And the fixture's matter lines, joined as a guide's body is.
	data, err := os.ReadFile("testdata/matters.tsv")
	if err != nil {
		t.Fatal(err)
	}
	bodies = append(bodies, strings.ReplaceAll(string(data), "\t", "\n"))
	az := newAnalyzer()
	for _, body := range bodies {
		var whole, lines analysed
		n1 := whole.addText(normalize(body), fBody, false)
		n2 := lines.addBody(az, body)
		n3 := lines.addBody(az, body) // second time from the cache
		if n1 != n2 || n2 != n3 {
			t.Fatalf("term counts differ for %q: whole %d, lines %d, cached %d", body, n1, n2, n3)
		}
		// Grams come grouped per line: expand them, then compare the first
		// call's terms as multisets.
		var keys []uint64
		var terms []string
		for _, lt := range lines.lines[:len(lines.lines)/2] {
			for i, k := range lt.hkeys {
				for range lt.hcount[i] {
					keys = append(keys, k)
				}
			}
			terms = append(terms, lt.terms...)
		}
		slices.Sort(whole.terms)
		slices.Sort(terms)
		slices.Sort(whole.hkeys)
		slices.Sort(keys)
		if !slices.Equal(whole.terms, terms) || !slices.Equal(whole.hkeys, keys) {
			t.Fatalf("terms differ for %.40q: whole %d words %d grams, lines %d words %d grams",
				body, len(whole.terms), len(whole.hkeys), len(terms), len(keys))
		}
	}
}
