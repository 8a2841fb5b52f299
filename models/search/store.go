package search

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// loadVocabulary reads the vocabulary tables of migration 0004. An empty
// thesaurus table (a database nobody seeded) falls back to the shipped
// vocabulary so search still understands colloquial terms. Region names
// come from the regions table (refdata) when it exists.
func loadVocabulary(ctx context.Context, db *gorm.DB) (Vocabulary, error) {
	db = db.WithContext(ctx)
	def := DefaultVocabulary()
	v := Vocabulary{Thesaurus: map[string][]string{}, Stopwords: map[string]string{}, Words: def.Words,
		Regions: map[string]string{}}
	var thes []struct{ Term, Official string }
	if err := db.Raw("SELECT term, official FROM thesaurus WHERE enabled = ? ORDER BY id", true).Scan(&thes).Error; err != nil {
		return v, fmt.Errorf("thesaurus: %w", err)
	}
	if len(thes) == 0 {
		v.Thesaurus, v.Stopwords, v.Banned = def.Thesaurus, def.Stopwords, def.Banned
	}
	for _, t := range thes {
		v.Thesaurus[t.Term] = append(v.Thesaurus[t.Term], t.Official)
	}
	var stops []struct{ Word, Kind string }
	if err := db.Raw("SELECT word, kind FROM stopwords").Scan(&stops).Error; err != nil {
		return v, fmt.Errorf("stopwords: %w", err)
	}
	for _, s := range stops {
		v.Stopwords[s.Word] = s.Kind
	}
	var banned []string
	if err := db.Raw("SELECT word FROM banned_words").Scan(&banned).Error; err != nil {
		return v, fmt.Errorf("banned words: %w", err)
	}
	if len(thes) > 0 || len(banned) > 0 {
		v.Banned = banned
	}
	loadRegionNames(db, v.Regions)
	return v, nil
}

// loadRegionNames reads province, city and county names for 地理位置识别 in
// query text. The regions table belongs to refdata; when it is missing (a
// test database without reference data) search simply does without.
func loadRegionNames(db *gorm.DB, into map[string]string) {
	var rows []struct {
		Code, Name string
		Level      int
	}
	if db.Raw("SELECT code, name, level FROM regions WHERE level BETWEEN 1 AND 3").Scan(&rows).Error != nil {
		return
	}
	ambiguous := map[string]bool{}
	level := map[string]int{}
	for _, r := range rows {
		if r.Name == "市辖区" || r.Name == "县" || strings.Contains(r.Name, "直辖") {
			continue
		}
		for _, n := range regionShortNames(r.Name, r.Level) {
			switch old, ok := into[n]; {
			case !ok:
				into[n], level[n] = r.Code, r.Level
			case old != r.Code && level[n] == r.Level:
				ambiguous[n] = true
			case r.Level < level[n]: // a province or city beats a county
				into[n], level[n] = r.Code, r.Level
			}
		}
	}
	for n := range ambiguous {
		delete(into, n)
	}
}

// Seed writes the shipped vocabulary (data/) into the tables of migration
// 0004 so staff can edit it; rows already there are left alone. It is the
// search step of seed.DemoSteps.
func Seed(ctx context.Context, db *gorm.DB) error {
	v := DefaultVocabulary()
	now := time.Now().UTC()
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for term, offs := range v.Thesaurus {
			for _, o := range offs {
				if o == term {
					continue
				}
				err := tx.Exec("INSERT INTO thesaurus (term, official, enabled, note, updated_at) VALUES (?, ?, ?, '', ?) "+
					"ON CONFLICT (term, official) DO NOTHING", term, o, true, now).Error
				if err != nil {
					return fmt.Errorf("seed thesaurus: %w", err)
				}
			}
		}
		for w, k := range v.Stopwords {
			if err := tx.Exec("INSERT INTO stopwords (word, kind, updated_at) VALUES (?, ?, ?) ON CONFLICT (word) DO NOTHING",
				w, k, now).Error; err != nil {
				return fmt.Errorf("seed stopwords: %w", err)
			}
		}
		for _, w := range v.Banned {
			if err := tx.Exec("INSERT INTO banned_words (word, note, updated_at) VALUES (?, '', ?) ON CONFLICT (word) DO NOTHING",
				w, now).Error; err != nil {
				return fmt.Errorf("seed banned words: %w", err)
			}
		}
		return nil
	})
}
