package handlers

import (
	"context"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	searchview "github.com/zwfw/portal/views/search"
)

// searchCascadeParams are the steps of the region cascade (C 0103 7.4
// 省、市、县三级联动), named as the region chooser names them (region.go).
var searchCascadeParams = regionLevels

// cascadeRegion reads the cascade's steps, else the canonical "region"
// parameter. A step that is not a child of the step above is ignored
// (the visitor changed the province and kept an old city).
func (h *searchHandler) cascadeRegion(c echo.Context) string {
	chosen, parent := "", refdata.National
	for _, lv := range searchCascadeParams {
		v := strings.TrimSpace(c.QueryParam(lv.param))
		if v == "" {
			break
		}
		r, ok := h.ref.Region(v)
		if !ok || r.Parent != parent || r.Level > refdata.LevelCounty {
			break
		}
		chosen, parent = r.Code, r.Code
	}
	if chosen != "" {
		return chosen
	}
	if v := strings.TrimSpace(c.QueryParam("region")); v != "" {
		if r, ok := h.ref.Region(v); ok && r.Level <= refdata.LevelCounty {
			return r.Code
		}
	}
	return ""
}

// regionForm builds the cascade for the current choice with the region
// chooser's component: the province select always, the next step's select
// once the step above is chosen. Without JS each step is one submit; the
// other search state rides along in hidden fields.
func (h *searchHandler) regionForm(ctx context.Context, st searchState) searchview.RegionForm {
	var chain []string
	if st.Region != "" {
		path := h.ref.RegionPath(st.Region)
		for i := len(path) - 1; i >= 0; i-- {
			chain = append(chain, path[i])
		}
	}
	sel := components.RegionSelectProps{
		ID: "search-region", Legend: locales.T(ctx, "search.region"), Hint: locales.T(ctx, "search.region.hint"),
		Placeholder: locales.T(ctx, "search.region.any"), ChildrenURL: "/api/v1/regions/",
		LoadedMsg: locales.T(ctx, "region.loaded"), FailedMsg: locales.T(ctx, "search.region.failed"),
	}
	parent := refdata.National
	for i, lv := range searchCascadeParams {
		level := components.RegionLevel{Name: lv.param, Label: locales.T(ctx, lv.labelKey)}
		if i <= len(chain) {
			level.Options = regionOptions(h.ref.Children(parent))
			if i < len(chain) {
				level.Value, parent = chain[i], chain[i]
			}
		}
		sel.Levels = append(sel.Levels, level)
	}
	f := searchview.RegionForm{Select: components.RegionSelect(sel)}
	keep := st.with(func(s *searchState) { s.Region = "" }).values()
	keys := make([]string, 0, len(keep))
	for k := range keep {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range keep[k] {
			f.Hidden = append(f.Hidden, searchview.Param{Name: k, Value: v})
		}
	}
	if st.Region != "" {
		f.Label = h.ref.Path(st.Region)
	}
	return f
}
