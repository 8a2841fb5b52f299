package refdata_test

import (
	"testing"

	"github.com/zwfw/portal/models/refdata"
)

func TestValidCreditCode(t *testing.T) {
	valid := []string{
		"91350100M000100Y43", // the example in GB 32100-2015
		"91110108551385082Q", // registered enterprises (public records)
		"91110000100010433L",
	}
	for _, s := range valid {
		if !refdata.ValidCreditCode(s) {
			t.Errorf("%s should be valid", s)
		}
	}
	invalid := map[string]string{
		"91350100M000100Y44":  "wrong check character",
		"91110108551385082R":  "wrong check character",
		"91350100M000100Y4":   "17 characters",
		"91350100M000100Y433": "19 characters",
		"91350100m000100Y43":  "lower case (normalize first)",
		"9135010OM000100Y43":  "letter in the division code",
		"91350100I000100Y43":  "I is not in the alphabet",
		"S1350100M000100Y43":  "S is not in the alphabet",
		"":                    "empty",
	}
	for s, why := range invalid {
		if refdata.ValidCreditCode(s) {
			t.Errorf("%q should be invalid: %s", s, why)
		}
	}
	if got := refdata.NormalizeCreditCode(" 91350100m000100y43 "); !refdata.ValidCreditCode(got) {
		t.Errorf("normalized %q should be valid", got)
	}
}

func TestValidIDNumber(t *testing.T) {
	valid := []string{
		"11010519491231002X", // the example in GB 11643-1999
		"33010619900101123X",
		"110105194902280023",
	}
	for _, s := range valid {
		if !refdata.ValidIDNumber(s) {
			t.Errorf("%s should be valid", s)
		}
	}
	invalid := map[string]string{
		"110105194912310021":  "wrong check digit",
		"11010519491231002Y":  "Y is not a check character",
		"11010519491231002x":  "lower-case x (normalize first)",
		"110105194902300020":  "30 February (check digit right)",
		"110105210001010023":  "born in 2100 (check digit right)",
		"1101051949123100":    "16 digits",
		"11010519491231002X1": "19 characters",
		"1101051949123A002X":  "letter inside",
	}
	for s, why := range invalid {
		if refdata.ValidIDNumber(s) {
			t.Errorf("%q should be invalid: %s", s, why)
		}
	}
	if !refdata.ValidIDNumber(refdata.NormalizeIDNumber(" 11010519491231002x")) {
		t.Error("normalizing should accept a lower-case x")
	}
	d, ok := refdata.IDNumberBirthDate("11010519491231002X")
	if !ok || d.Format("2006-01-02") != "1949-12-31" {
		t.Errorf("birth date %v %v", d, ok)
	}
}
