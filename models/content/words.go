package content

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Stopword kinds (models/search): stop words are dropped from queries, weak
// words only lower a term's weight.
const (
	KindStop = "stop"
	KindWeak = "weak"
)

// ListWords returns the words of a list (ListStopwords or ListBanned)
// containing q, alphabetically, and how many match.
func (s *Service) ListWords(ctx context.Context, list, q string, offset, limit int) ([]Word, int64, error) {
	cols := "word, kind, '' AS note"
	if list == ListBanned {
		cols = "word, '' AS kind, note"
	} else if list != ListStopwords {
		return nil, 0, models.ErrNotFound
	}
	db := s.st.DB.WithContext(ctx).Table(list)
	if q = strings.TrimSpace(q); q != "" {
		db = db.Where(`word LIKE ? ESCAPE '\'`, "%"+likeEscape(q)+"%")
	}
	var total int64
	if err := db.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Word
	err := db.Select(cols).Order("word").Offset(max(offset, 0)).Limit(clampLimit(limit)).Scan(&out).Error
	return out, total, err
}

// AddWord adds a word to a list: a stopword with its kind, or a banned
// word with a note. A word already there is a validation error.
func (s *Service) AddWord(ctx context.Context, who staff.Staff, ip, list string, w Word) error {
	w.Word, w.Note = CleanLine(w.Word), CleanLine(w.Note)
	var v models.ValidationError
	checkWord(&v, "word", w.Word)
	row := map[string]any{"word": w.Word, "updated_at": time.Now().UTC()}
	switch list {
	case ListStopwords:
		if w.Kind != KindStop && w.Kind != KindWeak {
			v.Add("kind", "admin.err.vocab.kind")
		}
		row["kind"] = w.Kind
	case ListBanned:
		row["note"] = w.Note
	default:
		return models.ErrNotFound
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.vocabChange(ctx, who, ip, &audit.Entry{Action: "vocab." + list + ".add", ObjectType: list, ObjectID: w.Word, After: w},
		func(tx *gorm.DB) error { return tx.Table(list).Create(row).Error })
	if models.IsUniqueViolation(err) {
		v.Add("word", "admin.err.vocab.exists")
		return &v
	}
	return err
}

// DeleteWord removes a word from a list; an unknown word is ErrNotFound.
func (s *Service) DeleteWord(ctx context.Context, who staff.Staff, ip, list, word string) error {
	if list != ListStopwords && list != ListBanned {
		return models.ErrNotFound
	}
	return s.vocabChange(ctx, who, ip, &audit.Entry{Action: "vocab." + list + ".delete", ObjectType: list, ObjectID: word, Before: Word{Word: word}},
		func(tx *gorm.DB) error {
			res := tx.Exec("DELETE FROM "+list+" WHERE word = ?", word) // list is one of two constants
			if res.Error == nil && res.RowsAffected == 0 {
				return models.ErrNotFound
			}
			return res.Error
		})
}
