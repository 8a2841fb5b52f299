package content

import (
	"context"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

// Announce publishes a 公共消息 for every user (C 0103 7.7 g): it lands in
// each user's 我的消息 the next time they open the user center
// (usercenter.Deliver). Only national-scope staff with PermAnnounce may.
func (s *Service) Announce(ctx context.Context, who staff.Staff, ip, title, body, link string) (usercenter.Announcement, error) {
	if !who.Can(staff.PermAnnounce) {
		return usercenter.Announcement{}, models.ErrForbidden
	}
	title, body, link = CleanLine(title), Clean(body), CleanLine(link)
	var v models.ValidationError
	switch {
	case title == "":
		v.Add("title", "admin.err.required")
	case utf8.RuneCountInString(title) > 100:
		v.Add("title", "admin.err.too_long")
	}
	switch {
	case body == "":
		v.Add("body", "admin.err.required")
	case utf8.RuneCountInString(body) > 5000:
		v.Add("body", "admin.err.too_long")
	}
	if link != "" && !validURL(link) {
		v.Add("link", "admin.err.url")
	}
	if err := v.Err(); err != nil {
		return usercenter.Announcement{}, err
	}
	now := time.Now().UTC()
	a := usercenter.Announcement{Title: title, Body: body, Link: link, PublishedAt: now, CreatedAt: now}
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "announcement.create", ObjectType: "announcement",
			ObjectID: itoa(a.ID), After: map[string]any{"title": title, "body": body, "link": link}})
		return err
	})
	return a, err
}

// Announcements lists the newest announcements (at most limit).
func (s *Service) Announcements(ctx context.Context, limit int) ([]usercenter.Announcement, error) {
	var out []usercenter.Announcement
	err := s.st.DB.WithContext(ctx).Order("published_at DESC, id DESC").Limit(clampLimit(limit)).Find(&out).Error
	return out, err
}
