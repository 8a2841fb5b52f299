package handlers

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// searchCounties holds the county centroids used by "使用我的位置"
// (C 0103 7.4 地理位置识别); see the file's header for its source.
//
//go:embed search_counties.csv
var searchCounties string

// countyLocator finds the county whose centroid is nearest a point. With
// about 2,700 counties a linear scan takes microseconds; no index needed.
type countyLocator struct {
	codes    []string
	lat, lng []float64
}

func mustCountyLocator() *countyLocator {
	l, err := newCountyLocator(searchCounties)
	if err != nil {
		panic(err) // embedded data: a build-time error
	}
	return l
}

func newCountyLocator(data string) (*countyLocator, error) {
	var lines []string
	for _, ln := range strings.Split(data, "\n") {
		if !strings.HasPrefix(ln, "#") && strings.TrimSpace(ln) != "" {
			lines = append(lines, ln)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(lines, "\n"))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("county centroids: %w", err)
	}
	l := &countyLocator{}
	for _, r := range rows[1:] {
		if len(r) != 3 {
			return nil, fmt.Errorf("county centroids: bad row %v", r)
		}
		lng, err1 := strconv.ParseFloat(r[1], 64)
		lat, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("county centroids: bad row %v", r)
		}
		l.codes, l.lat, l.lng = append(l.codes, r[0]), append(l.lat, lat), append(l.lng, lng)
	}
	return l, nil
}

// maxCountyKm is how far from every centroid a point may be and still be
// placed: beyond it the visitor is outside China (or the reading is bad).
const maxCountyKm = 300

// Nearest returns the code of the nearest county, false when the point is
// invalid or too far from any county.
func (l *countyLocator) Nearest(lat, lng float64) (string, bool) {
	if math.IsNaN(lat) || math.IsNaN(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180 {
		return "", false
	}
	best, bestD := -1, math.Inf(1)
	coslat := math.Cos(lat * math.Pi / 180)
	for i := range l.codes {
		// Equirectangular distance: exact enough at county scale.
		dx := (l.lng[i] - lng) * coslat
		dy := l.lat[i] - lat
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 || math.Sqrt(bestD)*111.2 > maxCountyKm {
		return "", false
	}
	return l.codes[best], true
}
