package staff_test

import (
	"context"
	"errors"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

func TestCreateValidatesPasswordRoleAndScope(t *testing.T) {
	ctx := context.Background()
	_, svc := newService(t, nil)
	bad := []struct {
		n     staff.NewStaff
		field string
	}{
		{staff.NewStaff{Username: "a", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler}, "username"},
		{staff.NewStaff{Username: "short", Password: "Short-1", Role: staff.RoleCaseHandler}, "password"},
		{staff.NewStaff{Username: "kinds", Password: "alllowercaseletters", Role: staff.RoleCaseHandler}, "password"},
		{staff.NewStaff{Username: "named", Password: "Named-named-2026", Role: staff.RoleCaseHandler}, "password"},
		{staff.NewStaff{Username: "common", Password: "Admin-Password-1", Role: staff.RoleCaseHandler}, "password"},
		{staff.NewStaff{Username: "norole", Password: "Strong-Pass-2026x", Role: "boss"}, "role"},
		{staff.NewStaff{Username: "scoped", Password: "Strong-Pass-2026x", Role: staff.RolePlatformAdmin, Region: "330000"}, "role"},
		{staff.NewStaff{Username: "city", Password: "Strong-Pass-2026x", Role: staff.RoleSiteAdmin, Region: "330100"}, "role"},
		{staff.NewStaff{Username: "where", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler, Region: "33x"}, "region"},
	}
	for _, b := range bad {
		_, err := svc.Create(ctx, nil, "", b.n)
		var ve *models.ValidationError
		if !errors.As(err, &ve) || ve.Fields[b.field] == "" {
			t.Errorf("%s: want an error on %s, got %v", b.n.Username, b.field, err)
		}
	}
	admin, err := svc.Create(ctx, nil, "", staff.NewStaff{Username: "zj-admin", Password: "Strong-Pass-2026x", Role: staff.RoleSiteAdmin, Region: "330000"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Create(ctx, nil, "", staff.NewStaff{Username: "zj-admin", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler}); err == nil {
		t.Error("a username must be unique")
	}
	// A site admin of 浙江省 creates staff in 浙江省 only, and no platform admin.
	if _, err := svc.Create(ctx, &admin, "", staff.NewStaff{Username: "hz-handler", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler, Region: "330100"}); err != nil {
		t.Fatalf("in scope: %v", err)
	}
	for _, n := range []staff.NewStaff{
		{Username: "js-handler", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler, Region: "320000"},
		{Username: "everywhere", Password: "Strong-Pass-2026x", Role: staff.RoleCaseHandler},
		{Username: "boss", Password: "Strong-Pass-2026x", Role: staff.RolePlatformAdmin},
	} {
		if _, err := svc.Create(ctx, &admin, "", n); err == nil {
			t.Errorf("%s was created outside the admin's scope", n.Username)
		}
	}
	list, total, err := svc.List(ctx, admin.Scope(), 0, 50)
	if err != nil || total != 2 || len(list) != 2 {
		t.Fatalf("浙江省 lists its own 2 accounts, got %d %v", total, err)
	}
	everyone, _, _ := svc.List(ctx, staff.Scope{Region: staff.National}, 0, 50)
	if len(everyone) != 2 {
		t.Fatalf("platform scope lists %d", len(everyone))
	}
}
