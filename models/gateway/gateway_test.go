package gateway_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/staff"
)

var ctx = context.Background()

var national = staff.Scope{Region: staff.National}

// whitelistCall is a GET from 192.0.2.10, the consumer's whitelisted address.
func whitelistCall(code, appKey, query string) gateway.Call {
	return gateway.Call{Code: code, Method: http.MethodGet, Path: "/gateway/" + code, RawQuery: query, AppKey: appKey,
		RemoteIP: net.ParseIP("192.0.2.10")}
}

func TestParseParamsAcceptsExample7AndNamesBadLines(t *testing.T) {
	ps, err := gateway.ParseParams(gateway.FormatParams(gateway.StandardRequestParams))
	if err != nil || len(ps) != 5 || ps[0].Name != "region" || !ps[0].Required || ps[2].Name != "auth_code" {
		t.Fatalf("example 7 round trip: %v %+v", err, ps)
	}
	bad := map[string]int{
		"region|是":                         1,
		"region|是|string\nregion|否|string": 2,
		"region|maybe|string":              1,
		"region|是|date":                    1,
		"1bad name|是|string":               1,
		"[{\"name\":\"x\"":                 0,
	}
	for text, line := range bad {
		_, err := gateway.ParseParams(text)
		var se *gateway.SpecError
		if !errors.As(err, &se) || se.Line != line {
			t.Errorf("%q: got %v, want a SpecError at line %d", text, err, line)
		}
	}
	if _, err := gateway.ParseMaskRules("name:name, mobile:phone"); err == nil {
		t.Error("an unknown mask kind must be refused")
	}
}

// Issue 10 §7: sources on internal networks are refused unless named.
func TestSourceAddressesOnInternalNetworksAreRefused(t *testing.T) {
	g := &gateway.Guard{AllowHTTP: true}
	for _, u := range []string{"http://127.0.0.1:8080/x", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/",
		"http://192.168.1.1/", "http://[::1]/", "http://[fe80::1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://localhost/"} {
		if _, err := g.CheckURL(ctx, u); !errors.Is(err, gateway.ErrURLInternal) {
			t.Errorf("%s: %v, want refused as internal", u, err)
		}
	}
	if _, err := (&gateway.Guard{}).CheckURL(ctx, "http://203.0.113.5/x"); !errors.Is(err, gateway.ErrURLScheme) {
		t.Errorf("plain HTTP in production: %v", err)
	}
	if _, err := g.CheckURL(ctx, "ftp://203.0.113.5/x"); !errors.Is(err, gateway.ErrURLInvalid) {
		t.Errorf("ftp: %v", err)
	}
	if _, err := g.CheckURL(ctx, "https://203.0.113.5/query"); err != nil {
		t.Errorf("a public address: %v", err)
	}
	g.AllowHosts = []string{"127.0.0.1"}
	if _, err := g.CheckURL(ctx, "http://127.0.0.1:9/x"); err != nil {
		t.Errorf("an allowed host: %v", err)
	}
}

func TestRegistrationNeedsAnotherAdminsApproval(t *testing.T) {
	st := modelstest.Open(t)
	s := gt.Service(t, st)
	up := gt.NewUpstream(t)
	owner := gt.App(t, st, "192.0.2.0/24", 0)
	alice, bob := audit.Actor{ID: 1, Name: "alice"}, audit.Actor{ID: 2, Name: "bob"}

	_, err := s.Register(ctx, alice, gateway.Form{App: "zwa0000000000000000", Code: "Bad Code!", SourceURL: "http://10.0.0.1/",
		Method: "PUT", Auth: "none", RequestParams: "x|?|string", MaskFields: "a:b", RatePerMin: "0"})
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("bad form: %v", err)
	}
	for _, f := range []string{"app", "code", "name", "source_url", "method", "auth", "request_params", "mask_fields", "rate_per_min"} {
		if ve.Fields[f] == "" {
			t.Errorf("field %s not refused: %v", f, ve.Fields)
		}
	}
	if ve.Fields["source_url"] != "gateway.err.source_url_internal" {
		t.Errorf("source_url: %s", ve.Fields["source_url"])
	}

	it, err := s.Register(ctx, alice, gateway.Form{App: owner.App.Key(), Code: "zj.sbcx", Name: "社保查询", SourceURL: up.URL + "/q",
		Method: "GET", Auth: "whitelist", RequestParams: gateway.FormatParams(gateway.StandardRequestParams), Secret: "upstream-key-123"})
	if err != nil {
		t.Fatal(err)
	}
	if res := s.Handle(ctx, whitelistCall("zj.sbcx", owner.App.Key(), "")); res.Failure != gateway.ErrUnknownInterface {
		t.Fatalf("an unreviewed interface must not be callable: %+v", res.Failure)
	}
	vs, _ := s.Versions(ctx, national, it.ID)
	if len(vs) != 1 || vs[0].Status != gateway.VersionPending || strings.Contains(vs[0].Spec, "upstream-key-123") {
		t.Fatalf("version 1 pending, secret sealed: %+v", vs)
	}
	if _, err := s.Approve(ctx, national, alice, vs[0].ID, ""); !errors.Is(err, gateway.ErrSelfReview) {
		t.Fatalf("self approval: %v", err)
	}
	if _, err := s.Approve(ctx, staff.Scope{Region: "320000"}, bob, vs[0].ID, ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("approval outside the scope: %v", err)
	}
	if _, err := s.Approve(ctx, national, bob, vs[0].ID, "ok"); err != nil {
		t.Fatal(err)
	}
	q := "region=330000&pf=gov&auth_code=A1&name=x&code=c"
	res := s.Handle(ctx, whitelistCall("zj.sbcx", owner.App.Key(), q))
	if res.Failure != nil || res.Status != 200 || up.LastAuth.Load() != "upstream-key-123" {
		t.Fatalf("approved call: %+v %s auth=%v", res.Failure, res.Body, up.LastAuth.Load())
	}
	var sealed string
	st.DB.Raw("SELECT secret_sealed FROM interfaces WHERE id = ?", it.ID).Scan(&sealed)
	if sealed == "" || strings.Contains(sealed, "upstream-key") {
		t.Fatal("the upstream secret must be stored sealed")
	}

	// An edit is a new version; the live one serves until it is approved.
	if _, err := s.Submit(ctx, national, alice, it.ID, gateway.Form{Name: "社保查询 v2", SourceURL: up.URL + "/q", Method: "POST", Auth: "whitelist"}); err != nil {
		t.Fatal(err)
	}
	if res := s.Handle(ctx, whitelistCall("zj.sbcx", owner.App.Key(), q)); res.Failure != nil {
		t.Fatalf("the approved version keeps serving: %+v", res.Failure)
	}
	vs, _ = s.Versions(ctx, national, it.ID)
	if err := s.Reject(ctx, national, bob, vs[0].ID, " "); err == nil {
		t.Fatal("a rejection needs a reason")
	}
	if err := s.Reject(ctx, national, bob, vs[0].ID, "POST 未说明"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Approve(ctx, national, bob, vs[0].ID, ""); !errors.Is(err, gateway.ErrNotPending) {
		t.Fatalf("a decided version: %v", err)
	}
	rep, _ := audit.Verify(ctx, st.DB, audit.ChainStaff)
	if !rep.OK || rep.Entries != 4 {
		t.Fatalf("registry actions are audited: %s", rep)
	}
}
