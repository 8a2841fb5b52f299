package gateway_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/users"
)

type notices struct {
	mu   sync.Mutex
	list []string
}

func (n *notices) notify(_ context.Context, userID int64, kind, title, body, link string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.list = append(n.list, title)
	return nil
}

type mailbox struct{ sent []users.Message }

func (m *mailbox) Send(_ context.Context, msg users.Message) error {
	m.sent = append(m.sent, msg)
	return nil
}
func (m *mailbox) Dev() bool { return false }

// 8.3.4.3 c: an interface goes unhealthy when its source stops, and every
// transition alerts the owner and the admin.
func TestHealthTransitionsAlertOwnerAndAdmin(t *testing.T) {
	st := modelstest.Open(t)
	s := gt.Service(t, st)
	n := &notices{}
	s.Notify = n.notify
	up := gt.NewUpstream(t)
	ownerID := gt.User(t, st)
	st.DB.Exec("UPDATE users SET email = 'owner@example.org' WHERE id = ?", ownerID)
	mail := &mailbox{}
	s.Email = mail
	owner := gt.App(t, st, "192.0.2.0/24", ownerID)
	it := gt.Interface(t, s, owner, "zj.health", up.URL+"/q", "GET", "whitelist", func(f *gateway.Form) {
		f.SlowMs, f.TimeoutMs = "100", "400"
	})
	state := func() string {
		cur, err := s.Get(ctx, national, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.CheckOne(ctx, cur)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := state(); got != gateway.StateHealthy {
		t.Fatalf("first check: %s", got)
	}
	up.Mode.Store("slow")
	up.Delay = 200 * time.Millisecond
	if got := state(); got != gateway.StateSlow {
		t.Fatalf("slow source: %s", got)
	}
	up.Delay = time.Second
	if got := state(); got != gateway.StateTimeout {
		t.Fatalf("source past the timeout: %s", got)
	}
	up.Close()
	if got := state(); got != gateway.StateError {
		t.Fatalf("stopped source: %s", got)
	}
	if got := state(); got != gateway.StateError {
		t.Fatalf("still stopped: %s", got)
	}
	alerts, _ := s.Alerts(ctx, []int64{it.ID}, 10)
	if len(alerts) != 4 || alerts[0].ToState != gateway.StateError || alerts[0].FromState != gateway.StateTimeout {
		t.Fatalf("one alert per transition: %+v", alerts)
	}
	if len(n.list) != 4 || !strings.Contains(n.list[3], "报错") {
		t.Fatalf("owner notices: %v", n.list)
	}
	if len(mail.sent) != 4 || mail.sent[3].To != "owner@example.org" || mail.sent[3].Channel != users.ChannelEmail {
		t.Fatalf("owner emails: %+v", mail.sent)
	}
	hist, _ := s.History(ctx, it.ID, 50)
	up2, _ := s.Uptime(ctx, it.ID, 7)
	if len(hist) != 5 || len(up2) != 7 || up2[6].Checks != 5 || up2[6].Percent != 40 {
		t.Fatalf("history %d, uptime %+v", len(hist), up2)
	}
}

// Passive figures: live traffic failing turns the state to error even
// when the active probe still passes.
func TestPassiveFiguresFromTraffic(t *testing.T) {
	st := modelstest.Open(t)
	s := gt.Service(t, st)
	up := gt.NewUpstream(t)
	owner := gt.App(t, st, "192.0.2.0/24", 0)
	it := gt.Interface(t, s, owner, "zj.passive", up.URL+"/q", "GET", "whitelist", nil)
	up.Mode.Store("notjson")
	for i := 0; i < 6; i++ {
		s.Handle(ctx, whitelistCall("zj.passive", owner.App.Key(), q))
	}
	s.Flush()
	up.Mode.Store("ok")
	cur, _ := s.Get(ctx, national, it.ID)
	if got, err := s.CheckOne(ctx, cur); err != nil || got != gateway.StateError {
		t.Fatalf("passive error rate: %s %v", got, err)
	}
}

// 8.3.4.3 a, b: the console's test call shows the reply masked, flags
// sensitive words and alerts the admin.
func TestConsoleTestCallFlagsSensitiveWords(t *testing.T) {
	st := modelstest.Open(t)
	s := gt.Service(t, st)
	up := gt.NewUpstream(t)
	owner := gt.App(t, st, "192.0.2.0/24", 0)
	it := gt.Interface(t, s, owner, "zj.console", up.URL+"/q", "POST", "sm2", func(f *gateway.Form) { f.MaskFields = "" })
	st.DB.Exec("INSERT INTO banned_words (word, note, updated_at) VALUES ('赌博', '', ?)", time.Now())
	res := s.TestCall(ctx, it, audit.Actor{Name: "alice"}, map[string][]string{"region": {"330000"}})
	if res.Status != http.StatusOK || res.Method != "POST" || res.Params != `{"region":"330000"}` || !strings.Contains(res.Pretty, "\n  \"process_response\"") ||
		!strings.Contains(res.Pretty, "张**") || strings.Contains(res.Pretty, "13800138000") || len(res.Sensitive) != 0 {
		t.Fatalf("console call: %+v", res)
	}
	up.Mode.Store("sensitive")
	res = s.TestCall(ctx, it, audit.Actor{Name: "alice"}, nil)
	if len(res.Sensitive) != 1 || res.Sensitive[0] != "赌博" {
		t.Fatalf("sensitive words: %+v", res.Sensitive)
	}
	alerts, _ := s.Alerts(ctx, nil, 10)
	if len(alerts) != 1 || alerts[0].Kind != "sensitive" {
		t.Fatalf("admin alerted: %+v", alerts)
	}
	runs := gateway.Highlight("a赌博b", []string{"赌博"})
	if len(runs) != 3 || !runs[1].Mark || runs[1].Text != "赌博" {
		t.Fatalf("highlight: %+v", runs)
	}
}
