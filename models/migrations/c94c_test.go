package migrations_test

import "testing"

// C 0103 9.4 c (应支持跨版本升级), named after the review item (issue 11):
// every released schema, filled with data shaped like that release's,
// upgrades to the latest version without losing a row. The work is done by
// TestUpgradeFromEveryReleasedSchemaKeepsData; this name makes the 9.4
// checklist findable (go test ./... -run TestC94).
func TestC94c_UpgradeAcrossVersionsKeepsData(t *testing.T) {
	TestUpgradeFromEveryReleasedSchemaKeepsData(t)
}
