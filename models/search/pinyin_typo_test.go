package search

import "testing"

func TestOSADistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"shenfenzheng", "shenfenzheng", 0},
		{"shenfenzhen", "shenfenzheng", 1},  // dropped letter (n/ng)
		{"sehnfenzheng", "shenfenzheng", 1}, // swapped letters
		{"jiasizheng", "jiashizheng", 1},    // s/sh
		{"gonjijing", "gongjijin", 2},
		{"abc", "xyzabc", 3},
	} {
		if got := osaDistance(tc.a, tc.b, 3); got != tc.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := osaDistance("a", "bcdefgh", 2); got != 2 {
		t.Errorf("distance past the limit = %d, want the limit 2", got)
	}
}

// C 0103 7.4 错别字识别 for pinyin: near misses are corrected to the
// vocabulary word; exact words, initials, short words and far misses are not.
func TestNearPinyin(t *testing.T) {
	v := compileVocab(DefaultVocabulary(), []string{"居民身份证换领", "结婚登记", "社会保障卡申领"})
	for w, want := range map[string]string{
		"shenfenzhen":   "身份证",
		"shengfenzheng": "身份证",
		"jiehundengi":   "结婚登记",
		"shebaok":       "社保卡", // equally near 社保 and 社保卡: the longer
		"shenfenzheng":  "",    // exact: nothing to correct
		"sfz":           "",    // initials, too short
		"hello":         "",
		"xqxqxqxqxq":    "",
	} {
		if got := v.nearPinyin(w); got != want {
			t.Errorf("nearPinyin(%q) = %q, want %q", w, got, want)
		}
	}
}
