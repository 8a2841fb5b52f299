package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
)

// searchSuggestItem is one entry of GET /api/v1/search/suggest.
type searchSuggestItem struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
	URL  string `json:"url,omitempty"`
}

// suggest answers the combobox: at most 8 completions of q (C 0103 7.4
// 拼音和关键词联想). An empty or unusable q gives [], never an error.
func (h *searchHandler) suggest(c echo.Context) error {
	q := searchSuggestPrefix(c.QueryParam("q"))
	items := []searchSuggestItem{}
	if q != "" {
		sugg, err := h.svc.Suggest(c.Request().Context(), q, suggestShown)
		if err != nil {
			return err
		}
		for _, s := range sugg {
			if len(items) == suggestShown {
				break
			}
			items = append(items, searchSuggestItem{Text: s.Text, Kind: s.Kind, URL: s.URL})
		}
	}
	// Suggestions are the same for everyone: let the browser reuse them
	// while the visitor edits the query back and forth.
	c.Response().Header().Set("Cache-Control", "public, max-age=60")
	return c.JSON(http.StatusOK, items)
}

// searchScriptKeys are the messages 40-search.js shows or announces.
var searchScriptKeys = []string{"search.js.listbox", "search.js.count", "search.js.none", "search.js.voice",
	"search.js.listening", "search.js.voiceError", "search.js.locating", "search.js.located", "search.js.geoError",
	"search.js.kind.direct", "search.js.kind.title", "search.js.kind.term", "search.js.kind.hot"}

// messages gives the script its text in the visitor's language, so no
// user-visible string lives in JavaScript.
func (h *searchHandler) messages(c echo.Context) error {
	ctx := c.Request().Context()
	out := make(map[string]string, len(searchScriptKeys))
	for _, k := range searchScriptKeys {
		out[k] = locales.T(ctx, k)
	}
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	c.Response().Header().Set("Vary", "Cookie, Accept-Language")
	return c.JSON(http.StatusOK, out)
}

// searchNearestPlace is the answer of GET /api/v1/search/nearest.
type searchNearestPlace struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Path string `json:"path"`
}

// nearest names the county nearest the browser's position. It is called
// only after the visitor pressed "使用我的位置"; the position is neither
// logged nor stored (only the county code travels on, in the URL).
func (h *searchHandler) nearest(c echo.Context) error {
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(c.QueryParam("lat")), 64)
	lng, err2 := strconv.ParseFloat(strings.TrimSpace(c.QueryParam("lng")), 64)
	if err1 != nil || err2 != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": locales.T(c.Request().Context(), "search.geo.bad")})
	}
	code, ok := h.geo.Nearest(lat, lng)
	if ok {
		if _, known := h.ref.Region(code); !known {
			ok = false
		}
	}
	if !ok {
		return c.JSON(http.StatusNotFound, map[string]string{"error": locales.T(c.Request().Context(), "search.geo.none")})
	}
	lang := locales.Lang(c.Request().Context())
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, searchNearestPlace{Code: code, Name: h.regionLabel(code, lang), Path: h.ref.Path(code)})
}
