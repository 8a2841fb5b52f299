package refdata_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
)

func TestLoadRegionsIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st, _ := seeded(t)
	again, err := refdata.LoadRegions(ctx, st)
	if err != nil || !again.Skipped || again.Inserted != 0 {
		t.Fatalf("second load: %+v, %v", again, err)
	}
	var n int64
	st.DB.Raw("SELECT COUNT(*) FROM regions").Scan(&n)
	if n != 44701 {
		t.Errorf("%d rows after loading twice, want 44701", n)
	}
}

// A database that already holds some regions (an older partial load, or
// the upgrade fixture) is completed, not duplicated or rejected.
func TestLoadRegionsCompletesAPartialLoad(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	if err := st.DB.Exec(`INSERT INTO regions (code, name, parent_code, level, province_code, sort)
		VALUES ('330106', '西湖区', '330100', 3, '330000', 5)`).Error; err != nil {
		t.Fatal(err)
	}
	res, err := refdata.LoadRegions(ctx, st)
	if err != nil || res.Skipped {
		t.Fatalf("load: %+v, %v", res, err)
	}
	var n int64
	st.DB.Raw("SELECT COUNT(*) FROM regions").Scan(&n)
	if n != 44701 {
		t.Errorf("%d rows, want 44701", n)
	}
}

func TestSeedCommand(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	var out bytes.Buffer
	if err := refdata.SeedCommand(ctx, st, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "44701 rows") || !strings.Contains(out.String(), "rows/s") {
		t.Errorf("output %q", out.String())
	}
	out.Reset()
	if err := refdata.SeedCommand(ctx, st, nil, &out); err != nil || !strings.Contains(out.String(), "already loaded") {
		t.Errorf("second run: %q, %v", out.String(), err)
	}
	if err := refdata.SeedCommand(ctx, st, []string{"--everything"}, &out); err == nil {
		t.Error("an unknown flag must be refused")
	}
}

// The 620k villages load only on request (`portal seed regions --villages`);
// the catalog then reaches them too. About 8 s: skipped with -short.
func TestLoadVillages(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 620k rows")
	}
	ctx := context.Background()
	st, _ := seeded(t)
	res, err := refdata.LoadVillages(ctx, st)
	if err != nil || res.Inserted != refdata.VillageCount {
		t.Fatalf("load villages: %+v, %v", res, err)
	}
	t.Logf("%s: %d villages in %s (%.0f rows/s)", st.Dialect, res.Inserted, res.Took, res.RowsPerSecond())
	if again, err := refdata.LoadVillages(ctx, st); err != nil || !again.Skipped {
		t.Fatalf("second load: %+v, %v", again, err)
	}
	cat, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if cat.VillageCount() != refdata.VillageCount || cat.RegionCount() != 44701+refdata.VillageCount {
		t.Errorf("catalog holds %d regions, %d villages", cat.RegionCount(), cat.VillageCount())
	}
	kids := cat.Children("330106002")
	if len(kids) == 0 || kids[0].Code != "330106002051" || kids[0].Name != "上保社区" || kids[0].Level != refdata.LevelVillage {
		t.Fatalf("villages of 北山街道: %+v", kids)
	}
	if p := cat.Path("330106002051"); p != "浙江省 / 杭州市 / 西湖区 / 北山街道 / 上保社区" {
		t.Errorf("path %q", p)
	}
	if n := len(cat.Ancestors("330106002051")); n != 4 {
		t.Errorf("%d ancestors, want 4", n)
	}
}
