package share

import (
	"context"
	"strings"
	"testing"

	"github.com/zwfw/portal/views/layout"
)

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
