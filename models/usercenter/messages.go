package usercenter

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Message kinds (C 0103 7.7 g): public announcements, and personal notices
// of progress in a case, a consultation or a complaint.
const (
	MsgPublic   = "public"
	MsgProgress = "progress"
	MsgNotice   = "notice"
)

// Message is one entry of 我的消息.
type Message struct {
	ID             int64
	UserID         int64
	AnnouncementID *int64
	Kind           string
	Title          string
	Body           string
	Link           string
	CreatedAt      time.Time
	ReadAt         *time.Time
	DeletedAt      *time.Time
}

// TableName keeps the table name explicit.
func (Message) TableName() string { return "user_messages" }

// Unread reports whether the message is still unread.
func (m Message) Unread() bool { return m.ReadAt == nil }

// Announcement is a public message for everyone.
type Announcement struct {
	ID          int64
	Title       string
	Body        string
	Link        string
	PublishedAt time.Time
	CreatedAt   time.Time
}

// TableName keeps the table name explicit.
func (Announcement) TableName() string { return "announcements" }

// Announce publishes a public message at the given time.
func Announce(ctx context.Context, st *models.Store, title, body, link string, at time.Time) (Announcement, error) {
	a := Announcement{Title: title, Body: body, Link: link, PublishedAt: at.UTC(), CreatedAt: time.Now().UTC()}
	return a, st.DB.WithContext(ctx).Create(&a).Error
}

// announceWindow is how far back a new account receives announcements.
const announceWindow = 90 * 24 * time.Hour

// Deliver copies the announcements published since the account was created
// (less announceWindow) and not yet delivered into the user's messages. One
// statement; an announcement deleted by the user is never delivered again.
func Deliver(ctx context.Context, st *models.Store, userID int64, accountCreated time.Time) error {
	now := time.Now().UTC()
	return st.DB.WithContext(ctx).Exec(`INSERT INTO user_messages (user_id, announcement_id, kind, title, body, link, created_at)
		SELECT ?, a.id, ?, a.title, a.body, a.link, a.published_at FROM announcements a
		WHERE a.published_at <= ? AND a.published_at >= ?
		AND NOT EXISTS (SELECT 1 FROM user_messages m WHERE m.user_id = ? AND m.announcement_id = a.id)`,
		userID, MsgPublic, now, accountCreated.Add(-announceWindow), userID).Error
}

// Notify sends a personal notice (later issues: case, consultation and
// complaint progress).
func Notify(ctx context.Context, st *models.Store, userID int64, kind, title, body, link string) error {
	return st.DB.WithContext(ctx).Create(&Message{UserID: userID, Kind: kind, Title: title, Body: body, Link: link,
		CreatedAt: time.Now().UTC()}).Error
}

// MessageFilter selects messages.
type MessageFilter struct {
	UnreadOnly bool
	Offset     int
	Limit      int
}

// Messages lists the user's messages, newest first, and how many match.
func Messages(ctx context.Context, st *models.Store, userID int64, f MessageFilter) ([]Message, int64, error) {
	q := st.DB.WithContext(ctx).Model(&Message{}).Where("user_id = ? AND deleted_at IS NULL", userID)
	if f.UnreadOnly {
		q = q.Where("read_at IS NULL")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Message
	err := q.Order("created_at DESC, id DESC").Offset(f.Offset).Limit(clamp(f.Limit)).Find(&out).Error
	return out, total, err
}

// GetMessage returns one of the user's messages.
func GetMessage(ctx context.Context, st *models.Store, userID, id int64) (Message, error) {
	var m Message
	err := st.DB.WithContext(ctx).Where("id = ? AND user_id = ? AND deleted_at IS NULL", id, userID).Take(&m).Error
	return m, notFound(err)
}

// UnreadCount is the number shown beside the user link in the header.
func UnreadCount(ctx context.Context, st *models.Store, userID int64) (int, error) {
	var n int64
	err := st.DB.WithContext(ctx).Model(&Message{}).Where("user_id = ? AND deleted_at IS NULL AND read_at IS NULL", userID).Count(&n).Error
	return int(n), err
}

func scoped(ctx context.Context, st *models.Store, userID, id int64, cols map[string]any) error {
	res := st.DB.WithContext(ctx).Model(&Message{}).Where("id = ? AND user_id = ? AND deleted_at IS NULL", id, userID).Updates(cols)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// MarkRead marks one message read (idempotent for the owner).
func MarkRead(ctx context.Context, st *models.Store, userID, id int64) error {
	m, err := GetMessage(ctx, st, userID, id)
	if err != nil || m.ReadAt != nil {
		return err
	}
	return scoped(ctx, st, userID, id, map[string]any{"read_at": time.Now().UTC()})
}

// MarkAllRead marks every unread message of the user's read.
func MarkAllRead(ctx context.Context, st *models.Store, userID int64) error {
	return st.DB.WithContext(ctx).Model(&Message{}).Where("user_id = ? AND read_at IS NULL AND deleted_at IS NULL", userID).
		Update("read_at", time.Now().UTC()).Error
}

// DeleteMessage hides one message for good (the row stays so an
// announcement is not delivered again; its text is emptied).
func DeleteMessage(ctx context.Context, st *models.Store, userID, id int64) error {
	now := time.Now().UTC()
	return scoped(ctx, st, userID, id, map[string]any{"deleted_at": now, "read_at": now, "body": ""})
}
