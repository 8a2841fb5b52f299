package search_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models/search"
)

// fixtureSource serves testdata/matters.tsv: real matter titles of the demo
// catalog's mandatory list, one implementation item per region.
type fixtureSource struct{ docs []search.Doc }

func (f *fixtureSource) Kind() string { return "matter" }

func (f *fixtureSource) All(ctx context.Context, emit func(search.Doc) error) error {
	for _, d := range f.docs {
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

func (f *fixtureSource) Get(ctx context.Context, id string) (search.Doc, bool, error) {
	for _, d := range f.docs {
		if d.ID == id {
			return d, true, nil
		}
	}
	return search.Doc{}, false, nil
}

func regionPathOf(code string) []string {
	if code == "000000" {
		return []string{"000000"}
	}
	path := []string{code}
	if code[4:] != "00" {
		path = append(path, code[:4]+"00")
	}
	if code[2:] != "0000" {
		path = append(path, code[:2]+"0000")
	}
	return path
}

func levelOf(code string) string {
	switch {
	case code == "000000":
		return "1"
	case code[2:] == "0000":
		return "2"
	case code[4:] == "00":
		return "3"
	}
	return "4"
}

func loadFixture(t testing.TB) *fixtureSource {
	t.Helper()
	f, err := os.Open("testdata/matters.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src := &fixtureSource{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 7 {
			t.Fatalf("matters.tsv: bad line %q", line)
		}
		n++
		group := "power"
		if c[1] == "20" {
			group = "public"
		}
		for i, region := range strings.Split(c[5], ",") {
			code := fmt.Sprintf("%sA%04d-%s", c[1], n, region)
			src.docs = append(src.docs, search.Doc{
				ID: "item:" + code, Kind: "matter", Title: c[0], Body: c[6], Keywords: []string{c[0]},
				URL: "/matters/" + code, RegionPath: regionPathOf(region),
				Facets: map[string][]string{"type": {c[1]}, "group": {group}, "dept": {c[2]},
					"audience": strings.Split(c[3], ","), "theme_n": strings.Split(c[4], ","), "region": {region},
					"level": {levelOf(region)}, "online": {fmt.Sprint(i % 2)}},
				Popularity: 0.5, Updated: time.Date(2026, 1, 1+n%28, 0, 0, 0, 0, time.UTC),
			})
		}
	}
	return src
}

// fixtureVocabulary is the shipped vocabulary plus the region names the
// fixture uses (the database path reads them from the regions table).
func fixtureVocabulary() search.Vocabulary {
	v := search.DefaultVocabulary()
	for name, code := range map[string]string{"浙江": "330000", "浙江省": "330000", "杭州": "330100", "杭州市": "330100",
		"西湖区": "330106", "上城区": "330102", "广东": "440000", "广东省": "440000", "深圳": "440300", "深圳市": "440300",
		"南山区": "440305", "北京": "110000", "北京市": "110000", "朝阳区": "110105", "重庆": "500000", "重庆市": "500000"} {
		v.Regions[name] = code
	}
	return v
}

func fixtureEngine(t testing.TB) *search.Engine {
	t.Helper()
	e := search.NewEngine(search.WithVocabulary(fixtureVocabulary()))
	if err := e.Load(context.Background(), loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	return e
}
