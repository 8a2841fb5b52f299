package staff

import (
	"context"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
)

// NewStaff is what creating an account takes (console form or CLI).
type NewStaff struct {
	Username    string
	DisplayName string
	Password    string
	Role        Role
	Region      string // "" or National: every region
	Dept        string // "": every department
}

// Create validates and stores an account with its audit entry. actor is
// nil for the CLI (`portal staff create`, the only way to make the first
// platform admin); from the console the actor needs PermStaff, a scope
// covering the new one, and only a platform admin makes platform admins.
func (svc *Service) Create(ctx context.Context, actor *Staff, ip string, n NewStaff) (Staff, error) {
	n.Username = NormalizeUsername(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	n.Dept = strings.TrimSpace(n.Dept)
	if n.Region = strings.TrimSpace(n.Region); n.Region == "" {
		n.Region = National
	}
	if actor != nil && !actor.Can(PermStaff) {
		return Staff{}, models.ErrForbidden
	}
	if err := svc.validate(actor, n); err != nil {
		return Staff{}, err
	}
	hash, err := svc.params.Hash(n.Password)
	if err != nil {
		return Staff{}, err
	}
	now := svc.now().UTC()
	s := Staff{Username: n.Username, DisplayName: n.DisplayName, PasswordHash: hash, Role: n.Role,
		RegionCode: n.Region, DeptCode: n.Dept, SessionEpoch: 1, CreatedAt: now, UpdatedAt: now}
	who := audit.Actor{Name: "cli"}
	if actor != nil {
		who = actor.Actor(ip)
	}
	err = svc.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&s).Error; err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: who, Action: "staff.create", ObjectType: "staff",
			ObjectID: s.Username, After: s.view()})
		return err
	})
	if models.IsUniqueViolation(err) {
		var v models.ValidationError
		v.Add("username", "admin.err.username.taken")
		return Staff{}, &v
	}
	return s, err
}

func (svc *Service) validate(actor *Staff, n NewStaff) error {
	var v models.ValidationError
	if !usernameRe.MatchString(n.Username) {
		v.Add("username", "admin.err.username.format")
	}
	if utf8.RuneCountInString(n.DisplayName) > 40 {
		v.Add("display_name", "admin.err.display_name.long")
	}
	CheckPassword(&v, "password", n.Password, n.Username)
	sc := Scope{Region: n.Region, Dept: n.Dept}
	switch {
	case !n.Role.Valid():
		v.Add("role", "admin.err.role.required")
	case n.Role == RolePlatformAdmin && !sc.Everything():
		v.Add("role", "admin.err.role.platform_scope")
	case n.Role == RolePlatformAdmin && actor != nil && actor.Role != RolePlatformAdmin:
		v.Add("role", "admin.err.role.not_allowed")
	case n.Role == RoleSiteAdmin:
		if codes, all := sc.Sites(); all || len(codes) != 1 {
			v.Add("role", "admin.err.role.site_scope")
		}
	}
	if n.Region != National && (!isDigits(n.Region) || !svc.knownRegion(n.Region)) {
		v.Add("region", "admin.err.region.unknown")
	}
	if n.Dept != "" && !svc.knownDept(n.Dept) {
		v.Add("dept", "admin.err.dept.unknown")
	}
	if actor != nil && v.Fields["region"] == "" && !actor.Scope().Covers(sc) {
		v.Add("region", "admin.err.scope.outside")
	}
	return v.Err()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (svc *Service) knownRegion(code string) bool {
	if svc.ref == nil {
		return len(code) == 6 || len(code) == 9 || len(code) == 12
	}
	r, ok := svc.ref.Region(code)
	return ok && r.Code == code
}

func (svc *Service) knownDept(code string) bool {
	if svc.ref == nil {
		return code != ""
	}
	_, ok := svc.ref.Department(code)
	return ok
}
