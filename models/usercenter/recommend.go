package usercenter

import (
	"context"
	"strings"

	"github.com/zwfw/portal/models/search"
)

// Recommender is what "为我推荐" needs from the search engine.
type Recommender interface {
	Recommend(ctx context.Context, req search.RecommendRequest) ([]search.Recommendation, error)
}

// Reasons a recommendation is shown (C 0103 7.7: 个性化推送, each with its
// reason so the user knows why).
const (
	RecViewed    = "viewed"    // Via: the title of a guide the user read
	RecFavourite = "favourite" // Via: the title of a favourite matter
	RecSearched  = "searched"  // Via: a query the user typed
	RecRegion    = "region"    // Via: the user's region code
	RecPopular   = "popular"   // Via: ""
)

// Recommendation is one suggested matter with why it is suggested.
type Recommendation struct {
	Title  string
	URL    string
	Reason string
	Via    string
}

// RecommendInput is what is known about the user.
type RecommendInput struct {
	Footprints []Footprint // latest first
	Favourites []Favourite // latest first
	Region     string
	Limit      int
}

// Recommend asks the engine twice at most: once around the latest
// favourite matter, once around the latest guide read and searches typed.
// Matters already saved or just read are left out.
func Recommend(ctx context.Context, r Recommender, in RecommendInput) ([]Recommendation, error) {
	limit := in.Limit
	if limit <= 0 {
		limit = 6
	}
	skip := map[string]bool{}
	var fav *Favourite
	for i, f := range in.Favourites {
		skip[f.URL] = true
		if fav == nil && f.Kind == FavMatter {
			fav = &in.Favourites[i]
		}
	}
	var guide *Footprint
	var history []string
	for i, f := range in.Footprints {
		switch {
		case f.Kind == FootGuide && guide == nil:
			guide = &in.Footprints[i]
			skip[f.URL] = true
		case f.Kind == FootSearch && len(history) < 3:
			history = append(history, f.Ref)
		}
	}
	var out []Recommendation
	add := func(recs []search.Recommendation, anchor string, anchorReason string) {
		for _, rec := range recs {
			if rec.Doc == nil || skip[rec.Doc.URL] || len(out) >= limit {
				continue
			}
			skip[rec.Doc.URL] = true
			out = append(out, explain(rec, anchor, anchorReason, in.Region))
		}
	}
	if fav != nil {
		recs, err := r.Recommend(ctx, search.RecommendRequest{DocID: "item:" + strings.TrimPrefix(fav.URL, "/matters/"),
			Region: in.Region, Limit: 3})
		if err != nil {
			return nil, err
		}
		add(recs, fav.Title, RecFavourite)
	}
	req := search.RecommendRequest{Region: in.Region, History: history, Limit: limit}
	anchor := ""
	if guide != nil {
		req.DocID, anchor = "item:"+guide.Ref, guide.Title
	}
	recs, err := r.Recommend(ctx, req)
	if err != nil {
		return nil, err
	}
	add(recs, anchor, RecViewed)
	return out, nil
}

// explain turns the engine's reason into one the user recognises.
func explain(rec search.Recommendation, anchor, anchorReason, region string) Recommendation {
	out := Recommendation{Title: rec.Doc.Title, URL: rec.Doc.URL}
	switch {
	case rec.Reason == search.ReasonHistory:
		out.Reason, out.Via = RecSearched, rec.Via
	case rec.Reason == search.ReasonPopular && region != "":
		out.Reason, out.Via = RecRegion, region
	case rec.Reason == search.ReasonPopular || anchor == "":
		out.Reason = RecPopular
	default: // theme, department or co-search around the anchor
		out.Reason, out.Via = anchorReason, anchor
	}
	return out
}
