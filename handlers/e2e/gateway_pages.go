//go:build e2e

package e2e

import (
	"context"
	"sync"
	"time"

	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// e2eInterface registers (once) interface 1 on the e2e app, approved as
// version 1, with version 2 pending, a failed and a passed check, and a
// call made with the demo citizen's token (issue 10 console pages).
func e2eInterface(s *Setup) error {
	ifaceOnce.Lock() // cases run two at a time
	defer ifaceOnce.Unlock()
	ctx := context.Background()
	var n int64
	s.Env.Store.DB.Raw("SELECT COUNT(*) FROM interfaces").Scan(&n)
	if n > 0 {
		return nil
	}
	a, err := e2eApp(s)
	if err != nil {
		return err
	}
	svc, err := gateway.NewService(s.Env.Store, []byte("test-secret-key-0123456789abcdef-0123"),
		&gateway.Guard{AllowHosts: []string{"127.0.0.1"}, AllowHTTP: true})
	if err != nil {
		return err
	}
	defer svc.Close()
	f := gateway.Form{App: a.Key(), Code: "zj.sbcx", Name: "社保参保查询", SourceURL: "http://127.0.0.1:9/query", Method: "POST",
		Auth: gateway.AuthSM2, RequestParams: gateway.FormatParams(gateway.StandardRequestParams),
		ResponseParams: gateway.FormatParams(gateway.StandardResponseParams), MaskFields: "name:name,id_number:id_number"}
	it, err := svc.CreateApproved(ctx, f)
	if err != nil {
		return err
	}
	f.Remark = "增加备注"
	if _, err := svc.Submit(ctx, staff.Scope{Region: staff.National}, audit.Actor{Name: "e2e-editor"}, it.ID, f); err != nil {
		return err
	}
	if _, err := svc.CheckOne(ctx, it); err != nil {
		return err
	}
	u, err := users.ByPhone(ctx, s.Env.Store, usercenter.DemoPhone)
	if err != nil {
		return err
	}
	return s.Env.Store.DB.Exec(`INSERT INTO gateway_calls (seq, interface_id, consumer_app_id, user_id, created_at, status, result_code)
		VALUES (-1, ?, ?, ?, ?, 200, '100')`, it.ID, a.ID, u.ID, time.Now().UTC()).Error
}

var ifaceOnce sync.Mutex

// interfaceAdmin prepares the interface and signs an interface admin in.
func interfaceAdmin(s *Setup) error {
	if err := e2eInterface(s); err != nil {
		return err
	}
	return StaffSignIn(staff.RoleInterfaceAdmin, "", "")(s)
}

// dataUser prepares the call and signs the demo citizen in.
func dataUser(s *Setup) error {
	if err := e2eInterface(s); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhone)(s)
}
