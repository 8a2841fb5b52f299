package handlers

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/masking"
	"github.com/zwfw/portal/models/users"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// caseView builds the case page shared by the owner and the public query;
// masked hides personal data (reference.md §6) and staff notes.
func (h *casesHandler) caseView(ctx context.Context, cs cases.Case, masked bool) (caseview.CaseProps, error) {
	p := caseview.CaseProps{Status: statusText(ctx, cs), Colour: statusColours[cs.Status], Version: cs.Version, Masked: masked}
	name, id := cs.ApplicantName, users.MaskIDNumber(cs.ApplicantIDNumber)
	if masked {
		name, id = masking.MaskName(name), masking.MaskIDNumber(cs.ApplicantIDNumber)
	}
	p.Basics = []components.SummaryRow{
		{Key: locales.T(ctx, "cases.number"), Value: cs.Number},
		{Key: locales.T(ctx, "cases.matter"), Value: cs.MatterName},
		{Key: locales.T(ctx, "cases.body"), Value: cs.BodyName},
		{Key: locales.T(ctx, "cases.applicant.name"), Value: name},
		{Key: locales.T(ctx, "cases.applicant.id"), Value: id},
		{Key: locales.T(ctx, "cases.submitted"), Value: dateTime(cs.SubmittedAt)},
	}
	if cs.DueAt != nil && !cs.Status.Final() {
		p.Basics = append(p.Basics, components.SummaryRow{Key: locales.T(ctx, "cases.deadline"),
			Value: locales.T(ctx, "cases.deadline.value", dateOnly(*cs.DueAt), cs.PromisedDays)})
	}
	evs, err := cases.Events(ctx, h.st, cs.ID)
	if err != nil {
		return p, err
	}
	for _, e := range evs {
		row := caseview.TimelineRow{When: dateTime(e.CreatedAt), Text: locales.T(ctx, "cases.event."+e.Event)}
		if !masked {
			row.Note = e.Note
		}
		p.Timeline = append(p.Timeline, row)
	}
	if cs.DeliveryMethod != "" {
		p.Delivery = append(p.Delivery, components.SummaryRow{Key: locales.T(ctx, "cases.q.method"), Value: locales.T(ctx, "cases.q.method."+cs.DeliveryMethod)})
	}
	if cs.TrackingNo != "" {
		p.Delivery = append(p.Delivery,
			components.SummaryRow{Key: locales.T(ctx, "cases.courier"), Value: locales.T(ctx, "cases.courier."+cs.Courier)},
			components.SummaryRow{Key: locales.T(ctx, "cases.tracking"), Value: cs.TrackingNo})
		if masked {
			p.Delivery[len(p.Delivery)-1].Value = masking.MaskSecret(cs.TrackingNo)
		}
		tr, err := cases.Delivery(ctx, h.st, h.tracker, cs)
		if err != nil {
			return p, err
		}
		p.DemoTracker = h.tracker != nil && h.tracker.Test()
		for _, e := range tr {
			p.Tracking = append(p.Tracking, caseview.TimelineRow{When: dateTime(e.At), Text: e.Description, Note: e.Location})
		}
	}
	return p, nil
}

// renderCase renders the owner's case page; errs are messages beside
// correction materials (-1: the corrections form as a whole).
func (h *casesHandler) renderCase(c echo.Context, status int, errs materialErrors) error {
	ctx := c.Request().Context()
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	p, err := h.caseView(ctx, cs, false)
	if err != nil {
		return err
	}
	form := components.NewForm(nil)
	base := "/me/cases/" + strconv.FormatInt(cs.ID, 10)
	if msg := errs[-1]; msg != "" {
		form.Fail("corrections", msg)
	}
	p.Shell = h.shell(c, cs.MatterName, form)
	ms, err := cases.CaseMaterials(ctx, h.st, cs.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		f := caseview.FileRow{Name: m.Name + "：" + m.FileName, Detail: fileDetail(ctx, m)}
		if m.Round > 0 {
			f.Detail += " · " + locales.T(ctx, "cases.correction.round", m.Round)
		}
		if m.BlobKey != "" {
			f.Href = base + "/files/" + strconv.FormatInt(m.ID, 10)
		}
		p.Materials = append(p.Materials, f)
	}
	if cs.ResultKey != "" {
		p.Result = &caseview.FileRow{Name: cs.ResultName, Href: base + "/result", Detail: statusText(ctx, cs)}
	}
	if cs.Status == cases.StatusCompleted {
		p.EvaluateURL = "/evaluations/new?case=" + strconv.FormatInt(cs.ID, 10)
	}
	if cs.Status == cases.StatusSubmitted {
		p.Withdraw = base + "/withdraw"
	}
	if cs.Status == cases.StatusCorrection {
		if err := h.correctionForm(c, cs, ms, errs, form, &p); err != nil {
			return err
		}
	}
	return web.Render(c, status, caseview.Case(h.chrome(c), p))
}

// correctionForm adds the 补正 upload form for the current round.
func (h *casesHandler) correctionForm(c echo.Context, cs cases.Case, ms []cases.Material, errs materialErrors, form *components.Form, p *caseview.CaseProps) error {
	ctx := c.Request().Context()
	base := "/me/cases/" + strconv.FormatInt(cs.ID, 10)
	item, err := cases.ItemFor(ctx, h.st, cs.ItemID)
	if err != nil {
		return err
	}
	round := cases.CorrectionRound(ctx, h.st, cs.ID)
	var current []cases.Material
	for _, m := range ms {
		if m.Round == round {
			current = append(current, m)
		}
	}
	for id, msg := range errs {
		if id > 0 {
			form.Fail("file-"+strconv.FormatInt(id, 10), msg)
		}
	}
	p.Correction = &caseview.MaterialsProps{UploadURL: base + "/corrections", LicenceURL: base + "/corrections",
		Rows: h.materialRows(c, cases.Rules(item), current, errs, "")}
	p.Resubmit = base + "/resubmit"
	return nil
}
