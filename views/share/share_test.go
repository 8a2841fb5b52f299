package share

import (
	"context"
	"strings"
	"testing"

	"github.com/zwfw/portal/views/layout"
)

func TestQRPathDrawsRuns(t *testing.T) {
	m := [][]bool{{true, true, false}, {false, true, false}, {true, false, true}}
	if got := qrPath(m); got != "M0 0h2v1h-2zM1 1h1v1h-1zM0 2h1v1h-1zM2 2h1v1h-1z" {
		t.Errorf("qrPath = %q", got)
	}
	if qrViewBox(m) != "0 0 3 3" {
		t.Errorf("viewBox %q", qrViewBox(m))
	}
}

// Open Graph values are attribute-escaped like any text.
func TestHeadEscapes(t *testing.T) {
	var b strings.Builder
	err := Head(layout.Chrome{SiteName: "中国政务服务"}, `标题"><script>`, Meta{URL: "https://x.example/a?b=1&c=2", Image: "https://x.example/i.png", Description: "说明"}).Render(context.Background(), &b)
	if err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Contains(s, "<script>") || !strings.Contains(s, `property="og:title" content="标题&#34;&gt;&lt;script&gt;"`) {
		t.Errorf("og:title not escaped: %s", s)
	}
	if !strings.Contains(s, `og:type" content="website"`) || !strings.Contains(s, `og:locale" content="zh_CN"`) || strings.Contains(s, "zw-wechat-config") {
		t.Errorf("defaults: %s", s)
	}
}
