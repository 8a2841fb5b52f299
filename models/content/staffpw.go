package content

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

// PasswordChange is a staff member changing their own password.
type PasswordChange struct {
	Current string
	New     string
	Confirm string
}

// ChangeStaffPassword checks the current password and the staff rule
// (staff.CheckPassword: 12+ characters, three kinds, no common words, not
// the username) and stores the new hash. The account's session epoch goes
// up, so every other session of the account ends; the new epoch is
// returned for the caller's own session. The audit entry never holds a
// password or a hash. (It lives here, with the console's other writes,
// because models/staff belongs to another change set.)
func (s *Service) ChangeStaffPassword(ctx context.Context, params users.Params, who staff.Staff, ip string, ch PasswordChange) (int, error) {
	if params.KeyLen == 0 {
		params = users.DefaultParams
	}
	var cur staff.Staff
	if err := s.st.DB.WithContext(ctx).Where("id = ? AND disabled = ?", who.ID, false).Take(&cur).Error; err != nil {
		return 0, notFound(err)
	}
	var v models.ValidationError
	if ok, _, _ := params.VerifyPassword(cur.PasswordHash, ch.Current); !ok {
		v.Add("current_password", "admin.err.password.current")
	}
	staff.CheckPassword(&v, "new_password", ch.New, cur.Username)
	if ch.New != "" && ch.New == ch.Current {
		v.Add("new_password", "admin.err.password.same")
	}
	if ch.Confirm != ch.New {
		v.Add("confirm_password", "admin.err.password.confirm")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	hash, err := params.Hash(ch.New)
	if err != nil {
		return 0, err
	}
	epoch := cur.SessionEpoch + 1
	err = s.st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&staff.Staff{}).Where("id = ? AND session_epoch = ?", cur.ID, cur.SessionEpoch).
			Updates(map[string]any{"password_hash": hash, "session_epoch": epoch, "updated_at": time.Now().UTC()})
		if res.Error != nil || res.RowsAffected != 1 {
			return orConflict(res.Error)
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "staff.password", ObjectType: "staff",
			ObjectID: cur.Username, After: map[string]any{"session_epoch": epoch}})
		return err
	})
	return epoch, err
}
