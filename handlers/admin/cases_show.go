package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// timeNow is the clock of deadline displays.
var timeNow = time.Now

// show is GET /admin/cases/{id}.
func (cc *caseConsole) show(c echo.Context) error {
	cs, _, err := cc.load(c)
	if err != nil {
		return err
	}
	return cc.render(c, http.StatusOK, cs, nil)
}

// render shows the case with the forms of the actions open on it.
func (cc *caseConsole) render(c echo.Context, status int, cs cases.Case, f *components.Form) error {
	ctx := c.Request().Context()
	base := "/admin/cases/" + strconv.FormatInt(cs.ID, 10)
	queue := locales.T(ctx, "cases.admin.queue")
	p := admin.CaseProps{Shell: cc.shell(c, cs.MatterName+" "+cs.Number, components.Crumb{Text: queue, Href: "/admin/cases"}, components.Crumb{Text: cs.Number}),
		Status: locales.T(ctx, "cases.admin.status") + "：" + caseStatus(ctx, cs), Action: base, Version: cs.Version, Form: f}
	p.Errors = f.Summary()
	p.Basics.Rows = []components.SummaryRow{
		{Key: locales.T(ctx, "cases.number"), Value: cs.Number},
		{Key: locales.T(ctx, "cases.body"), Value: cs.BodyName + "（" + cc.regionName(cs.RegionCode) + "）"},
		{Key: locales.T(ctx, "cases.applicant.name"), Value: cs.ApplicantName},
		{Key: locales.T(ctx, "cases.applicant.id"), Value: cs.ApplicantIDNumber},
		{Key: locales.T(ctx, "cases.q.phone"), Value: cs.ApplicantPhone},
		{Key: locales.T(ctx, "cases.submitted"), Value: stamp(cs.SubmittedAt)},
	}
	if cs.DueAt != nil && !cs.Status.Final() {
		p.Basics.Rows = append(p.Basics.Rows, components.SummaryRow{Key: locales.T(ctx, "cases.deadline"), Value: stamp(*cs.DueAt)})
	}
	var answers map[string]string
	_ = json.Unmarshal([]byte(cs.Answers), &answers)
	for _, k := range sortedKeys(answers) {
		v := answers[k]
		if key := "cases.q." + k + "." + v; locales.Has(key) {
			v = locales.T(ctx, key)
		}
		p.Answers.Rows = append(p.Answers.Rows, components.SummaryRow{Key: locales.T(ctx, "cases.q."+k), Value: v})
	}
	ms, err := cases.CaseMaterials(ctx, cc.st, cs.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		file := admin.CaseFile{Name: m.Name + "：" + m.FileName, Detail: materialDetail(m)}
		if m.BlobKey != "" {
			file.Href = base + "/files/" + strconv.FormatInt(m.ID, 10)
		}
		p.Materials = append(p.Materials, file)
	}
	if cs.ResultKey != "" {
		p.Materials = append(p.Materials, admin.CaseFile{Name: locales.T(ctx, "cases.result") + "：" + cs.ResultName, Href: base + "/result"})
	}
	evs, err := cases.Events(ctx, cc.st, cs.ID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		p.Timeline = append(p.Timeline, admin.CaseStep{When: stamp(e.CreatedAt), Text: locales.T(ctx, "cases.event."+e.Event), Note: e.Note})
	}
	cc.actions(ctx, cs, base, &p)
	return web.Render(c, status, admin.Case(cc.chrome(c), p))
}

// actions opens the forms of the moves the case can make now.
func (cc *caseConsole) actions(ctx context.Context, cs cases.Case, base string, p *admin.CaseProps) {
	for _, a := range cases.Allowed(cs.Status, cases.ByStaff) {
		switch a {
		case cases.ActAccept:
			p.Accept = true
		case cases.ActReject:
			p.Reject = true
		case cases.ActProcess:
			p.Process = true
		case cases.ActCorrect:
			p.Correct = true
		case cases.ActComplete:
			p.Complete = true
		}
	}
	for _, o := range []string{cases.OutcomeApproved, cases.OutcomeRefused} {
		p.Outcomes = append(p.Outcomes, components.RadioItem{Value: o, Text: locales.T(ctx, "cases.outcome."+o)})
	}
	if cs.Status == cases.StatusCompleted && cs.DeliveryMethod == "post" {
		p.Delivery = base + "/delivery"
		p.Couriers = []components.SelectOption{{Value: "", Text: locales.T(ctx, "cases.admin.courier.choose")}}
		for _, k := range cases.Couriers {
			p.Couriers = append(p.Couriers, components.SelectOption{Value: k, Text: locales.T(ctx, "cases.courier."+k), Selected: k == cs.Courier})
		}
	}
}

func materialDetail(m cases.Material) string {
	if m.LicenceID != "" {
		return "电子证照 " + m.LicenceID
	}
	d := fmt.Sprintf("%s，%.1f MB", strings.ToUpper(m.Kind), float64(m.Size)/(1<<20))
	if m.Round > 0 {
		d += fmt.Sprintf("，第 %d 次补正", m.Round)
	}
	return d
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// file is GET /admin/cases/{id}/files/{mid}: a material of a case in scope.
func (cc *caseConsole) file(c echo.Context) error {
	cs, _, err := cc.load(c)
	if err != nil {
		return err
	}
	mid, err := id(c, "mid")
	if err != nil {
		return err
	}
	ms, err := cases.CaseMaterials(c.Request().Context(), cc.st, cs.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.ID == mid && m.BlobKey != "" {
			return cc.serve(c, m.BlobKey, m.FileName)
		}
	}
	return echo.NewHTTPError(http.StatusNotFound)
}

// result is GET /admin/cases/{id}/result.
func (cc *caseConsole) result(c echo.Context) error {
	cs, _, err := cc.load(c)
	if err != nil {
		return err
	}
	if cs.ResultKey == "" {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return cc.serve(c, cs.ResultKey, cs.ResultName)
}

func (cc *caseConsole) serve(c echo.Context, key, name string) error {
	rc, size, err := cc.blobs.Open(c.Request().Context(), key)
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, size))
	if err != nil {
		return err
	}
	mime := "application/octet-stream"
	if k := blob.Sniff(data[:min(len(data), 4096)]); k != blob.KindUnknown {
		mime = k.MIME()
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, mime, data)
}
