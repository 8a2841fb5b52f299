package apps

import (
	"context"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/users"
)

// Identity is what the portal knows of a user that the hand-off may give
// an app (issue 9 §5).
type Identity struct {
	UserID     int64
	Name       string
	IDType     string // GA/T 517 证件类型代码: 111 居民身份证
	IDNumber   string
	Mobile     string
	TrustLevel int
	UserType   string // "natural" | "legal"
	OrgName    string // legal persons only
	CreditCode string // 统一社会信用代码, legal persons only
	Active     bool
}

// IDTypeResidentCard is the code of the 居民身份证, the only ID document
// accounts hold today.
const IDTypeResidentCard = "111"

// IdentitySource looks a user up for the hand-off.
type IdentitySource interface {
	Identity(ctx context.Context, userID int64) (Identity, error)
}

// UsersSource reads identities from the accounts of models/users.
type UsersSource struct{ St *models.Store }

// Identity implements IdentitySource.
func (u UsersSource) Identity(ctx context.Context, userID int64) (Identity, error) {
	acct, err := users.Get(ctx, u.St, userID)
	if err != nil {
		return Identity{}, err
	}
	id := Identity{UserID: acct.ID, Name: acct.Name, IDNumber: acct.IDNumber, Mobile: acct.Phone,
		TrustLevel: acct.Level, UserType: acct.Kind, Active: acct.Active()}
	if id.IDNumber != "" {
		id.IDType = IDTypeResidentCard
	}
	if acct.Kind == users.Legal {
		id.OrgName, id.CreditCode = acct.OrgName, acct.CreditCode
	}
	return id, nil
}
