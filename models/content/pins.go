package content

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// Pinner is the search engine's hot-word pinning (search.Engine): it
// writes hot_word_pins and drops its cached hot words.
type Pinner interface {
	PinHotWord(ctx context.Context, word string, order int, from, to time.Time) error
	UnpinHotWord(ctx context.Context, word string) error
}

// Pin is a hot word staff pinned to the top of 热词推荐 (C 0103 7.4).
type Pin struct {
	ID        int64
	Word      string
	SortOrder int
	StartsAt  *time.Time
	EndsAt    *time.Time
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Pin) TableName() string { return "hot_word_pins" }

// ListPins returns every pin in display order (at most 200).
func (s *Service) ListPins(ctx context.Context) ([]Pin, error) {
	var out []Pin
	err := s.st.DB.WithContext(ctx).Order("sort_order, word").Limit(200).Find(&out).Error
	return out, err
}

// AddPin pins a word at position order (1 first) between from and to
// (zero times: from now, with no end). Pinning a pinned word moves it.
func (s *Service) AddPin(ctx context.Context, who staff.Staff, ip, word string, order int, from, to time.Time) error {
	if !who.Can(staff.PermVocabulary) {
		return models.ErrForbidden
	}
	word = CleanLine(word)
	var v models.ValidationError
	checkWord(&v, "word", word)
	if order < 1 || order > 99 {
		v.Add("order", "admin.err.pin.order")
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		v.Add("to", "admin.err.pin.dates")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if s.pins != nil {
		if err := s.pins.PinHotWord(ctx, word, order, from, to); err != nil {
			return err
		}
	} else if err := s.st.DB.WithContext(ctx).Exec("INSERT INTO hot_word_pins (word, sort_order, starts_at, ends_at, created_at) "+
		"VALUES (?, ?, ?, ?, ?) ON CONFLICT (word) DO UPDATE SET sort_order = excluded.sort_order, starts_at = excluded.starts_at, "+
		"ends_at = excluded.ends_at", word, order, optTime(from), optTime(to), time.Now().UTC()).Error; err != nil {
		return err
	}
	return s.audit(ctx, audit.Entry{Actor: who.Actor(ip), Action: "vocab.pin.add", ObjectType: "hot_word_pin", ObjectID: word,
		After: map[string]any{"word": word, "order": order, "from": optTime(from), "to": optTime(to)}})
}

func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// DeletePin removes a pin.
func (s *Service) DeletePin(ctx context.Context, who staff.Staff, ip string, id int64) error {
	if !who.Can(staff.PermVocabulary) {
		return models.ErrForbidden
	}
	var p Pin
	if err := s.st.DB.WithContext(ctx).Where("id = ?", id).Take(&p).Error; err != nil {
		return notFound(err)
	}
	var err error
	if s.pins != nil {
		err = s.pins.UnpinHotWord(ctx, p.Word)
	} else {
		err = s.st.DB.WithContext(ctx).Delete(&Pin{}, id).Error
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, audit.Entry{Actor: who.Actor(ip), Action: "vocab.pin.delete", ObjectType: "hot_word_pin", ObjectID: p.Word, Before: p})
}

// audit appends one entry in its own transaction (for changes written by
// another package's function that has no transaction to share).
func (s *Service) audit(ctx context.Context, e audit.Entry) error {
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		_, err := audit.Append(ctx, tx, e)
		return err
	})
}
