package admin

import (
	"fmt"
	"strconv"
)

// Chart is a grouped bar chart drawn as inline SVG on the server: no chart
// library, no script, no request. A11y: the <svg> is role="img" labelled
// by its title and described by Summary (the figures in one sentence), and
// the same numbers follow as a table (Table), the full text alternative.
// Series are told apart by fill pattern and the legend's words as well as
// by colour.
type Chart struct {
	ID      string
	Title   string
	Summary string
	Series  []string // legend labels; at most 2
	Groups  []ChartGroup
}

// ChartGroup is one x-axis position (a day) with a value per series.
type ChartGroup struct {
	Label  string
	Values []int
}

// Geometry of the drawing, in viewBox units.
const (
	chartW, chartH   = 640.0, 260.0
	plotL, plotR     = 48.0, 8.0
	plotT, plotB     = 12.0, 40.0
	chartGapFraction = 0.25
)

func (c Chart) max() int {
	m := 0
	for _, g := range c.Groups {
		for _, v := range g.Values {
			m = max(m, v)
		}
	}
	return m
}

// scaleMax rounds the axis maximum up to 1, 2 or 5 × 10^n.
func (c Chart) scaleMax() int {
	m := max(c.max(), 1)
	for p := 1; ; p *= 10 {
		for _, k := range []int{1, 2, 5} {
			if k*p >= m {
				return k * p
			}
		}
	}
}

type chartBar struct {
	X, Y, W, H float64
	Series     int
	Label      string
}

func (c Chart) bars() []chartBar {
	if len(c.Groups) == 0 || len(c.Series) == 0 {
		return nil
	}
	plotW, plotH := chartW-plotL-plotR, chartH-plotT-plotB
	slot := plotW / float64(len(c.Groups))
	bw := slot * (1 - chartGapFraction) / float64(len(c.Series))
	top := float64(c.scaleMax())
	var out []chartBar
	for i, g := range c.Groups {
		for s, v := range g.Values {
			if s >= len(c.Series) {
				break
			}
			h := plotH * float64(v) / top
			out = append(out, chartBar{X: plotL + float64(i)*slot + slot*chartGapFraction/2 + float64(s)*bw,
				Y: plotT + plotH - h, W: bw, H: h, Series: s, Label: fmt.Sprintf("%s %s: %d", g.Label, c.Series[s], v)})
		}
	}
	return out
}

// xLabels returns the group labels to print (about eight, evenly spaced).
func (c Chart) xLabels() []chartBar {
	n := len(c.Groups)
	if n == 0 {
		return nil
	}
	step := max(1, (n+7)/8)
	slot := (chartW - plotL - plotR) / float64(n)
	var out []chartBar
	for i := 0; i < n; i += step {
		out = append(out, chartBar{X: plotL + float64(i)*slot + slot/2, Label: c.Groups[i].Label})
	}
	return out
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func seriesClass(s int) string { return "zw-chart__bar zw-chart__bar--" + strconv.Itoa(s+1) }

func (c Chart) viewBox() string { return "0 0 " + f1(chartW) + " " + f1(chartH) }

func baseline() string  { return f1(chartH - plotB) }
func plotLeft() string  { return f1(plotL) }
func plotRight() string { return f1(chartW - plotR) }
func plotTop() string   { return f1(plotT) }
func labelY() string    { return f1(chartH - plotB + 18) }
