package content

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/staff"
)

// The search vocabulary (C 0103 7.4; tables of models/search, migration
// 0004): the 政务主题词库 (colloquial term → official term), stopwords and
// weak words, banned words. It is national: only a national-scope role with
// PermVocabulary edits it. After each change every portal process reloads
// it (search.VocabularyChanged).

// Synonym is one thesaurus row.
type Synonym struct {
	ID        int64
	Term      string
	Official  string
	Enabled   bool
	Note      string
	UpdatedAt time.Time
}

// TableName keeps the table name explicit.
func (Synonym) TableName() string { return "thesaurus" }

// Word is a stopword (Kind stop or weak) or a banned word (Kind "").
type Word struct {
	Word string
	Kind string
	Note string
}

// Vocabulary lists.
const (
	ListStopwords = "stopwords"
	ListBanned    = "banned_words"
)

const maxWord = 50

// vocabChange runs fn and its audit entry in one transaction, then tells
// the search engine to reload its vocabulary.
func (s *Service) vocabChange(ctx context.Context, who staff.Staff, ip string, e *audit.Entry, fn func(tx *gorm.DB) error) error {
	if !who.Can(staff.PermVocabulary) {
		return models.ErrForbidden
	}
	e.Actor = who.Actor(ip)
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, *e)
		return err
	})
	if err == nil {
		s.changed(ctx, search.VocabularyChanged)
	}
	return err
}

func checkWord(v *models.ValidationError, field, w string) {
	switch {
	case w == "":
		v.Add(field, "admin.err.required")
	case utf8.RuneCountInString(w) > maxWord:
		v.Add(field, "admin.err.too_long")
	}
}

// ListSynonyms returns thesaurus rows whose term or official term contains
// q, by term, and how many match.
func (s *Service) ListSynonyms(ctx context.Context, q string, offset, limit int) ([]Synonym, int64, error) {
	db := s.st.DB.WithContext(ctx).Model(&Synonym{})
	if q = strings.TrimSpace(q); q != "" {
		like := "%" + likeEscape(q) + "%"
		db = db.Where(`(term LIKE ? ESCAPE '\' OR official LIKE ? ESCAPE '\')`, like, like)
	}
	var total int64
	if err := db.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Synonym
	err := db.Order("term, official").Offset(max(offset, 0)).Limit(clampLimit(limit)).Find(&out).Error
	return out, total, err
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// AddSynonym maps a colloquial term to an official one (驾照 → 机动车驾驶证).
func (s *Service) AddSynonym(ctx context.Context, who staff.Staff, ip, term, official, note string) error {
	term, official, note = CleanLine(term), CleanLine(official), CleanLine(note)
	var v models.ValidationError
	checkWord(&v, "term", term)
	checkWord(&v, "official", official)
	if term != "" && term == official {
		v.Add("official", "admin.err.vocab.same")
	}
	if err := v.Err(); err != nil {
		return err
	}
	row := Synonym{Term: term, Official: official, Enabled: true, Note: note, UpdatedAt: time.Now().UTC()}
	err := s.vocabChange(ctx, who, ip, &audit.Entry{Action: "vocab.synonym.add", ObjectType: "synonym", ObjectID: term + "→" + official, After: row},
		func(tx *gorm.DB) error { return tx.Create(&row).Error })
	if models.IsUniqueViolation(err) {
		v.Add("term", "admin.err.vocab.exists")
		return &v
	}
	return err
}

// SetSynonymEnabled switches a thesaurus row on or off.
func (s *Service) SetSynonymEnabled(ctx context.Context, who staff.Staff, ip string, id int64, on bool) error {
	var before Synonym
	e := &audit.Entry{Action: "vocab.synonym.enable", ObjectType: "synonym"}
	if !on {
		e.Action = "vocab.synonym.disable"
	}
	return s.vocabChange(ctx, who, ip, e, func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", id).Take(&before).Error; err != nil {
			return notFound(err)
		}
		after := before
		after.Enabled = on
		e.Before, e.After, e.ObjectID = before, after, before.Term+"→"+before.Official
		return tx.Model(&Synonym{}).Where("id = ?", id).Updates(map[string]any{"enabled": on, "updated_at": time.Now().UTC()}).Error
	})
}

// DeleteSynonym removes a thesaurus row.
func (s *Service) DeleteSynonym(ctx context.Context, who staff.Staff, ip string, id int64) error {
	var before Synonym
	e := &audit.Entry{Action: "vocab.synonym.delete", ObjectType: "synonym"}
	return s.vocabChange(ctx, who, ip, e,
		func(tx *gorm.DB) error {
			if err := tx.Where("id = ?", id).Take(&before).Error; err != nil {
				return notFound(err)
			}
			e.Before, e.ObjectID = before, before.Term+"→"+before.Official
			return tx.Delete(&Synonym{}, id).Error
		})
}
