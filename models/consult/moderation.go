package consult

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models/masking"
	"github.com/zwfw/portal/models/search"
)

// Moderation flags: why an item is held for staff before publication
// (issue 8 item 4).
const (
	FlagBanned   = "banned"    // a banned word of the search vocabulary
	FlagIDNumber = "id_number" // an unmasked 身份证号
	FlagPhone    = "phone"     // an unmasked mobile or landline number
	FlagEmail    = "email"     // an unmasked e-mail address
)

// Patterns of personal data in free text. Digits are matched as whole runs
// so that a longer number is never read as a shorter one.
var (
	reIDNumber   = regexp.MustCompile(`(^|[^0-9A-Za-z])([1-9][0-9]{16}[0-9Xx])($|[^0-9A-Za-z])`)
	reMobile     = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9]{9})($|[^0-9])`)
	reLandline   = regexp.MustCompile(`(^|[^0-9])(0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7})($|[^0-9])`)
	reBankCard   = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{15,18})($|[^0-9])`)
	reCreditCode = regexp.MustCompile(`(^|[^0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10})($|[^0-9A-Z])`)
	reEmail      = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
)

// Scanner finds what must hold an item for staff.
type Scanner struct{ banned []string }

// NewScanner builds a scanner over the given banned words.
func NewScanner(banned []string) Scanner {
	var b []string
	for _, w := range banned {
		if w = strings.TrimSpace(w); w != "" {
			b = append(b, strings.ToLower(w))
		}
	}
	return Scanner{banned: b}
}

// LoadScanner reads the banned words staff maintain for search (table
// banned_words); an empty table falls back to the shipped list, as search
// does.
func LoadScanner(ctx context.Context, db *gorm.DB) (Scanner, error) {
	var words []string
	if err := db.WithContext(ctx).Raw("SELECT word FROM banned_words").Scan(&words).Error; err != nil {
		return Scanner{}, err
	}
	if len(words) == 0 {
		words = search.DefaultVocabulary().Banned
	}
	return NewScanner(words), nil
}

// Scan returns the sorted, comma-joined flags of the texts ("" = clean).
func (s Scanner) Scan(texts ...string) string {
	set := map[string]bool{}
	for _, t := range texts {
		low := strings.ToLower(strings.Join(strings.Fields(t), ""))
		for _, w := range s.banned {
			if strings.Contains(low, w) {
				set[FlagBanned] = true
			}
		}
		if reIDNumber.MatchString(t) {
			set[FlagIDNumber] = true
		}
		if reMobile.MatchString(t) || reLandline.MatchString(t) {
			set[FlagPhone] = true
		}
		if reEmail.MatchString(t) {
			set[FlagEmail] = true
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// MaskText masks personal data found in free text before it is published
// (reference.md §6), even after staff released an item: ID numbers, credit
// codes, bank cards, mobiles, landlines and e-mail addresses.
func MaskText(s string) string {
	// Twice: a match consumes the separator after it, so a number right
	// after another is only found on the second pass.
	sub := func(re *regexp.Regexp, mask func(string) string) {
		for range 2 {
			s = re.ReplaceAllStringFunc(s, func(m string) string {
				g := re.FindStringSubmatch(m)
				return g[1] + mask(g[2]) + g[3]
			})
		}
	}
	sub(reIDNumber, masking.MaskIDNumber)
	sub(reCreditCode, func(v string) string {
		if strings.ContainsAny(v, "ABCDEFGHJKLMNPQRTUWXY") {
			return masking.MaskCreditCode(v)
		}
		return v
	})
	sub(reBankCard, masking.MaskBankCard)
	sub(reMobile, masking.MaskMobile)
	sub(reLandline, masking.MaskLandline)
	s = reEmail.ReplaceAllStringFunc(s, masking.MaskEmail)
	return s
}
