package audit_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/modelstest"
)

func appendN(t *testing.T, st *models.Store, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		err := st.InTx(context.Background(), func(tx *gorm.DB) error {
			_, err := audit.Append(context.Background(), tx, audit.Entry{Actor: audit.Actor{ID: 1, Name: "zj-editor", IP: "10.0.0.1"},
				Action: "item.update", ObjectType: "item", ObjectID: fmt.Sprint(i),
				Before: map[string]any{"name": "旧名称"}, After: map[string]any{"name": fmt.Sprintf("新名称 %d", i)}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func verify(t *testing.T, st *models.Store) audit.Report {
	t.Helper()
	rep, err := audit.Verify(context.Background(), st.DB, audit.ChainStaff)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Issue 6 §3: each entry stores the previous entry's SM3 hash; verify names
// the first broken entry whatever was done to the table.
func TestVerifyFindsTheFirstTamperedEntry(t *testing.T) {
	tampers := []struct {
		name    string
		sql     string
		seq     int64
		problem string
	}{
		{"a changed column", "UPDATE audit_log SET after_json = '{\"name\":\"改过\"}' WHERE seq = 4", 4, audit.BrokenHash},
		{"a changed actor", "UPDATE audit_log SET actor = 'someone' WHERE seq = 2", 2, audit.BrokenHash},
		{"a deleted entry", "DELETE FROM audit_log WHERE seq = 3", 4, audit.BrokenGap},
		{"a deleted tail", "DELETE FROM audit_log WHERE seq = 6", 6, audit.BrokenHead},
		{"a rehashed entry", "UPDATE audit_log SET hash = prev_hash WHERE seq = 5", 5, audit.BrokenHash},
	}
	for _, tc := range tampers {
		t.Run(tc.name, func(t *testing.T) {
			st := modelstest.Open(t)
			appendN(t, st, 6)
			if rep := verify(t, st); !rep.OK || rep.Entries != 6 || rep.HeadSeq != 6 {
				t.Fatalf("fresh chain: %s", rep)
			}
			if err := st.DB.Exec(tc.sql).Error; err != nil {
				t.Fatal(err)
			}
			rep := verify(t, st)
			if rep.OK || rep.BrokenSeq != tc.seq || rep.Problem != tc.problem {
				t.Fatalf("got %s (%s), want entry %d %s", rep, rep.Problem, tc.seq, tc.problem)
			}
		})
	}
}

func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	st := modelstest.Open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				errs <- st.InTx(context.Background(), func(tx *gorm.DB) error {
					_, err := audit.Append(context.Background(), tx, audit.Entry{Actor: audit.Actor{ID: int64(g)}, Action: "test"})
					return err
				})
			}
		}(g)
	}
	go func() { wg.Wait(); close(errs) }()
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if rep := verify(t, st); !rep.OK || rep.Entries != 40 {
		t.Fatalf("after concurrent appends: %s", rep)
	}
	list, total, err := audit.List(context.Background(), st.DB, audit.Filter{Limit: 10})
	if err != nil || total != 40 || len(list) != 10 || list[0].Seq != 40 {
		t.Fatalf("list newest first: %d %d %v", total, len(list), err)
	}
}

func TestARolledBackActionLeavesNoEntry(t *testing.T) {
	st := modelstest.Open(t)
	appendN(t, st, 2)
	_ = st.InTx(context.Background(), func(tx *gorm.DB) error {
		if _, err := audit.Append(context.Background(), tx, audit.Entry{Action: "doomed"}); err != nil {
			return err
		}
		return fmt.Errorf("the action failed")
	})
	appendN(t, st, 1)
	if rep := verify(t, st); !rep.OK || rep.Entries != 3 {
		t.Fatalf("%s", rep)
	}
}
