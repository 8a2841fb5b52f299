package handlers

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	mattersview "github.com/zwfw/portal/views/matters"
)

// otherRegionsShown bounds the "其他地区办理" list.
const otherRegionsShown = 30

// guide is /matters/{code}: the guide of one implementation item with every
// element of C 0103 7.1 (reference.md §3). Unknown codes are a 404. The
// parts that are the same for every visitor are rendered once per guide
// version and language (catalog.GuideCache.Rendered); the actions
// (favourite, ratings) are rendered per request.
func (h *mattersHandler) guide(c echo.Context) error {
	ctx := c.Request().Context()
	code := c.Param("code")
	if !catalog.ValidCode(code) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	d, parts, err := h.guides.Rendered(ctx, code, otherRegionsShown, locales.Lang(ctx),
		func(d catalog.ItemDetail, others []catalog.RegionItem) ([][]byte, error) {
			return h.renderGuide(ctx, d, others)
		})
	if err != nil {
		return err
	}
	var actions []templ.Component
	for _, a := range h.guideActions {
		if comp := a(c, d.Code); comp != nil {
			actions = append(actions, comp)
		}
	}
	actions = withSatisfaction(c, h.satisfaction, actions, d.Code)
	ch := h.site.Chrome(c)
	ch.Description = locales.T(ctx, "matters.guide.description", d.Name, d.Body.Name)
	head := web.Fragment{HTML: parts[0], Deflated: parts[1]}
	main := web.Fragment{HTML: parts[2], Deflated: parts[3]}
	return web.RenderStitched(c, http.StatusOK, mattersview.GuidePage(ch, d.Name, head.Component(), main.Component(), actions))
}

// renderGuide renders the visitor-independent parts of a guide: its head
// and its main text, each followed by its deflate encoding.
func (h *mattersHandler) renderGuide(ctx context.Context, d catalog.ItemDetail, others []catalog.RegionItem) ([][]byte, error) {
	p := h.guideProps(ctx, d)
	for _, o := range others {
		p.Others = append(p.Others, mattersview.Link{Text: h.placeName(ctx, o.RegionCode) + " · " + o.BodyName, Href: "/matters/" + o.Code})
	}
	h.applyButton(ctx, d.Item, &p)
	var head, main bytes.Buffer
	if err := mattersview.GuideHead(p).Render(ctx, &head); err != nil {
		return nil, err
	}
	if err := mattersview.GuideMain(p).Render(ctx, &main); err != nil {
		return nil, err
	}
	// Each part with its deflate encoding (web.Fragment), both kept by
	// the cache: compressed once per guide version, not per request.
	h1, m1 := web.NewFragment(head.Bytes()), web.NewFragment(main.Bytes())
	return [][]byte{h1.HTML, h1.Deflated, m1.HTML, m1.Deflated}, nil
}

// rawHTML writes already rendered (escaped) HTML.
func rawHTML(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// guideProps maps the item to the page, element by element.
func (h *mattersHandler) guideProps(ctx context.Context, d catalog.ItemDetail) mattersview.GuideProps {
	lang := locales.Lang(ctx)
	p := mattersview.GuideProps{
		Title: d.Name, Code: d.Code, Charged: d.Charged,
		Breadcrumbs: h.crumbs(ctx,
			components.Crumb{Text: facetLabel(ctx, h.ref, "dept", d.DeptCode), Href: finderURL(url.Values{"dept": {d.DeptCode}})},
			components.Crumb{Text: d.Name}),
		Conditions: lines(d.Conditions),
		Location:   lines(d.Location), Hours: lines(d.Hours),
		Consult: lines(d.Consult), Complaint: lines(d.Complaint),
	}
	yesNo := func(b bool, yes, no string) string {
		if b {
			return locales.T(ctx, yes)
		}
		return locales.T(ctx, no)
	}
	p.KeyFacts.Rows = []components.SummaryRow{
		{Key: locales.T(ctx, "matters.guide.online"), Value: yesNo(d.Online, "matters.guide.online.yes", "matters.guide.online.no")},
		{Key: locales.T(ctx, "matters.guide.visits"), Value: locales.T(ctx, "matters.guide.visits.n", d.Visits)},
		{Key: locales.T(ctx, "matters.guide.statutory"), Value: timeLimit(ctx, d.Statutory)},
		{Key: locales.T(ctx, "matters.guide.promised"), Value: timeLimit(ctx, d.Promised)},
		{Key: locales.T(ctx, "matters.guide.charged"), Value: yesNo(d.Charged, "matters.guide.charged.yes", "matters.guide.charged.no")},
	}
	p.Basic.Rows = h.basicRows(ctx, d, lang)
	p.Materials = h.materialsTable(ctx, d)
	for _, s := range d.Steps {
		p.Steps = append(p.Steps, mattersview.Step{Name: s.Name, Detail: s.Detail})
	}
	p.Fees = feesTable(ctx, d.Fees)
	p.FeeNote = locales.T(ctx, "matters.guide.fees.none")
	if d.Charged {
		p.FeeNote = locales.T(ctx, "matters.guide.fees.unpublished")
	}
	for _, f := range d.FAQs {
		p.FAQs = append(p.FAQs, mattersview.FAQ{Question: f.Question, Answer: lines(f.Answer)})
	}
	p.Attachments = attachmentList(ctx, d)
	return p
}

// basicRows are the 基本信息 of the item, in the order of reference.md §3.
func (h *mattersHandler) basicRows(ctx context.Context, d catalog.ItemDetail, lang string) []components.SummaryRow {
	names := func(set *refdata.CodeSet, codes []string) string {
		var out []string
		for _, c := range codes {
			if l := set.Label(c, lang); l != "" {
				out = append(out, l)
			}
		}
		return strings.Join(out, locales.T(ctx, "matters.list.sep"))
	}
	row := func(key, value string) components.SummaryRow {
		if value == "" {
			value = locales.T(ctx, "matters.guide.unset")
		}
		return components.SummaryRow{Key: locales.T(ctx, "matters.guide."+key), Value: value}
	}
	themes := names(refdata.NaturalThemes, d.ThemesN)
	if l := names(refdata.LegalThemes, d.ThemesL); l != "" {
		themes = strings.Trim(themes+locales.T(ctx, "matters.list.sep")+l, locales.T(ctx, "matters.list.sep"))
	}
	return []components.SummaryRow{
		row("item_code", d.Code),
		row("matter_code", d.Matter.Code),
		row("type", refdata.MatterTypes.Label(d.Type, lang)),
		row("basis", d.LegalBasis),
		row("level", refdata.MatterLevels.Label(strconv.Itoa(d.Level), lang)),
		row("region", h.placeName(ctx, d.RegionCode)),
		row("body", d.Body.Name),
		row("body_nature", refdata.BodyNatures.Label(d.Body.Nature, lang)),
		row("body_code", d.Body.CreditCode),
		row("dept", facetLabel(ctx, h.ref, "dept", d.DeptCode)),
		row("audience", names(refdata.Audiences, d.Audiences)),
		row("case_type", refdata.CaseTypes.Label(d.CaseType, lang)),
		row("forms", names(refdata.HandlingForms, d.Forms)),
		row("scope", refdata.Scopes.Label(orDefaultStr(d.Scope, refdata.ScopeFixed), lang)),
		row("themes", themes),
		row("trust", locales.T(ctx, "matters.trust."+strconv.Itoa(max(d.TrustLevel, catalog.DefaultTrustLevel)))),
	}
}

// placeName names a region for display; national items read 全国.
func (h *mattersHandler) placeName(ctx context.Context, code string) string {
	if code == refdata.National || code == "" {
		return locales.T(ctx, "matters.region.national")
	}
	if n := h.ref.ShortName(code); n != "" {
		return n
	}
	if len(code) > 9 { // a village before villages are loaded: name its township
		if n := h.ref.ShortName(code[:9]); n != "" {
			return n
		}
	}
	return code
}

// timeLimit formats a 办结时限: "20 个工作日", or the note, or 即办.
func timeLimit(ctx context.Context, t catalog.TimeLimit) string {
	var s string
	if t.Value > 0 {
		s = locales.T(ctx, "matters.guide.days", t.Value, refdata.TimeUnits.Label(t.Unit, locales.Lang(ctx)))
	} else if t.Note == "" {
		return locales.T(ctx, "matters.guide.immediate")
	}
	if t.Note != "" {
		if s != "" {
			s += locales.T(ctx, "matters.list.sep")
		}
		s += t.Note
	}
	return s
}

// applyButton offers 在线办理 only where it leads somewhere: the portal's
// own application flow once it exists (a later issue), else the item's
// online address on its province's site, else nothing.
func (h *mattersHandler) applyButton(ctx context.Context, it catalog.Item, p *mattersview.GuideProps) {
	if !it.Online {
		return
	}
	text := locales.T(ctx, "matters.guide.apply")
	switch {
	case h.applyRoute != nil && h.applyRoute():
		p.Apply = &components.LinkButtonProps{Text: text, Href: "/matters/" + it.Code + "/apply"}
	default:
		// The mobile address first, then the computer one; only absolute
		// addresses of another site count: a relative one would be a page
		// of this portal, and those come through applyRoute.
		for _, href := range []string{it.MobileURL, it.OnlineURL} {
			if u, err := url.Parse(href); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				p.Apply = &components.LinkButtonProps{Text: text, Href: href}
				p.ApplyHint = locales.T(ctx, "matters.guide.apply.external")
				return
			}
		}
	}
}

// lines splits stored text into its non-empty lines (paragraphs).
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
