package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

func consultDue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return stamp(*t)
}

func consultRow(k, v string) components.SummaryRow { return components.SummaryRow{Key: k, Value: v} }

// heldText names the moderation flags in words.
func consultHeld(ctx context.Context, flags string) string {
	if flags == "" {
		return ""
	}
	var names []string
	for _, f := range strings.Split(flags, ",") {
		names = append(names, locales.T(ctx, "consult.flag."+f))
	}
	return locales.T(ctx, "consult.admin.held", strings.Join(names, "、"))
}

// consultation is GET /admin/consultations/{id}: out of scope is a 404.
func (h *consultConsole) consultation(c echo.Context) error {
	return h.renderConsultation(c, http.StatusOK, components.NewForm(nil))
}

func (h *consultConsole) renderConsultation(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	id, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.StaffConsultation(ctx, s.Scope(), id)
	if err != nil {
		return err
	}
	list := locales.T(ctx, "admin.nav.consultations")
	p := admin.ConsultDetailProps{Shell: h.shell(c, it.Title, components.Crumb{Text: list, Href: "/admin/consultations"}, components.Crumb{Text: it.Title}),
		Content: it.Content, Held: consultHeld(ctx, it.Flags)}
	p.Rows = []components.SummaryRow{consultRow(locales.T(ctx, "consult.status"), locales.T(ctx, "consult.status."+it.Status)),
		consultRow(locales.T(ctx, "consult.field.matter"), it.MatterName), consultRow(locales.T(ctx, "consult.field.name"), it.Name),
		consultRow(locales.T(ctx, "consult.field.phone"), it.Phone), consultRow(locales.T(ctx, "consult.field.email"), it.Email),
		consultRow(locales.T(ctx, "consult.field.postcode"), it.Postcode), consultRow(locales.T(ctx, "consult.field.address"), it.Address),
		consultRow(locales.T(ctx, "consult.visibility"), locales.T(ctx, "consult.public."+consultYesNo(it.Public))),
		consultRow(locales.T(ctx, "consult.submitted_at"), consultDue(it.SubmittedAt)), consultRow(locales.T(ctx, "consult.admin.due"), consultDue(it.DeadlineAt)),
		consultRow(locales.T(ctx, "consult.accepted_unit"), it.AcceptedUnit), consultRow(locales.T(ctx, "consult.reply"), it.Reply)}
	base := "/admin/consultations/" + strconv.FormatInt(it.ID, 10)
	if it.Status == consult.StatusOpen {
		p.Actions = append(p.Actions, admin.Action{Href: base + "/accept", Text: locales.T(ctx, "consult.admin.accept")})
	}
	if it.Status != consult.StatusReplied {
		p.Forms = append(p.Forms, consultReplyForm(ctx, f, base))
	}
	h.moderationForms(ctx, &p, f, base, it.Flags, it.HiddenAt)
	p.Errors = f.Summary()
	return web.Render(c, status, admin.ConsultDetail(h.chrome(c), p))
}

func consultYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func consultReplyForm(ctx context.Context, f *components.Form, base string) admin.TitledForm {
	return admin.TitledForm{Title: locales.T(ctx, "consult.admin.reply"), Form: admin.FormProps{Action: base + "/reply",
		Inputs: []admin.Input{{Kind: "textarea", Field: f.Field("reply"), Label: locales.T(ctx, "consult.reply"), Hint: locales.T(ctx, "consult.admin.reply.hint")}},
		Submit: locales.T(ctx, "consult.admin.reply.submit")}}
}

// moderationForms: release a held item, hide a visible one (with reason).
func (h *consultConsole) moderationForms(ctx context.Context, p *admin.ConsultDetailProps, f *components.Form, base, flags string, hidden *time.Time) {
	if flags != "" {
		p.Actions = append(p.Actions, admin.Action{Href: base + "/release", Text: locales.T(ctx, "consult.admin.release"), Variant: components.ButtonSecondary})
	}
	if hidden == nil {
		p.Forms = append(p.Forms, admin.TitledForm{Title: locales.T(ctx, "consult.admin.hide"), Form: admin.FormProps{Action: base + "/hide",
			Inputs: []admin.Input{{Field: f.Field("reason"), Label: locales.T(ctx, "consult.admin.hide.reason"), Hint: locales.T(ctx, "consult.admin.hide.hint")}},
			Submit: locales.T(ctx, "consult.admin.hide.submit")}})
	} else {
		p.Rows = append(p.Rows, consultRow(locales.T(ctx, "consult.status.hidden"), stamp(*hidden)))
	}
}

// act is POST /admin/{kind}s/{id}/{accept|reply|release|hide}.
func (h *consultConsole) act(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		id, err := id(c, "id")
		if err != nil {
			return err
		}
		f := postedForm(c)
		ip := c.RealIP()
		switch verb := c.Param("verb"); {
		case verb == "accept" && kind == consult.KindConsultation:
			err = h.svc.Accept(ctx, s, ip, id, h.unit(c))
		case verb == "reply" && kind == consult.KindConsultation:
			err = h.svc.ReplyConsultation(ctx, s, ip, id, h.unit(c), f.Value("reply"))
		case verb == "reply":
			err = h.svc.ReplyComplaint(ctx, s, ip, id, h.unit(c), f.Value("reply"))
		case verb == "release":
			err = h.svc.Release(ctx, s, ip, kind, id)
		case verb == "hide":
			err = h.svc.Hide(ctx, s, ip, kind, id, f.Value("reason"))
		default:
			return echo.NewHTTPError(http.StatusNotFound)
		}
		var ve *models.ValidationError
		if errors.As(err, &ve) {
			f.AddErrors(ctx, ve.Order, ve.Fields)
			if kind == consult.KindComplaint {
				return h.renderComplaint(c, http.StatusUnprocessableEntity, f)
			}
			return h.renderConsultation(c, http.StatusUnprocessableEntity, f)
		}
		if errors.Is(err, models.ErrConflict) {
			return flashAndGo(c, locales.T(ctx, "consult.admin.conflict"), "/admin/"+kind+"s/"+strconv.FormatInt(id, 10))
		}
		if err != nil {
			return err
		}
		if c.Param("verb") == "reply" {
			h.notifyReply(c, kind, id)
		}
		return flashAndGo(c, locales.T(ctx, "consult.admin.done."+c.Param("verb")), "/admin/"+kind+"s/"+strconv.FormatInt(id, 10))
	}
}

// complaint is GET /admin/complaints/{id}.
func (h *consultConsole) complaint(c echo.Context) error {
	return h.renderComplaint(c, http.StatusOK, components.NewForm(nil))
}

func (h *consultConsole) renderComplaint(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	id, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.StaffComplaint(ctx, s.Scope(), id)
	if err != nil {
		return err
	}
	files, err := h.svc.Files(ctx, it.ID)
	if err != nil {
		return err
	}
	list := locales.T(ctx, "admin.nav.complaints")
	p := admin.ConsultDetailProps{Shell: h.shell(c, it.Title, components.Crumb{Text: list, Href: "/admin/complaints"}, components.Crumb{Text: it.Title}),
		Content: it.Content, Held: consultHeld(ctx, it.Flags)}
	p.Rows = []components.SummaryRow{consultRow(locales.T(ctx, "consult.status"), locales.T(ctx, "consult.status."+it.Status)),
		consultRow(locales.T(ctx, "complaint.field.case"), it.CaseNumber), consultRow(locales.T(ctx, "consult.field.matter"), it.MatterName),
		consultRow(locales.T(ctx, "complaint.field.category"), it.Category), consultRow(locales.T(ctx, "consult.admin.unit"), it.UnitName),
		consultRow(locales.T(ctx, "consult.visibility"), locales.T(ctx, "consult.public."+consultYesNo(it.Public))),
		consultRow(locales.T(ctx, "consult.submitted_at"), consultDue(it.SubmittedAt)), consultRow(locales.T(ctx, "consult.admin.due"), consultDue(it.DeadlineAt)),
		consultRow(locales.T(ctx, "consult.admin.escalation"), strconv.Itoa(it.EscalationLevel)),
		consultRow(locales.T(ctx, "consult.files"), locales.T(ctx, "complaint.files.attached", len(files))),
		consultRow(locales.T(ctx, "consult.reply"), it.Reply), consultRow(locales.T(ctx, "complaint.legal_nature"), it.LegalNature)}
	base := "/admin/complaints/" + strconv.FormatInt(it.ID, 10)
	for i, fl := range files {
		p.Images = append(p.Images, admin.Link{Href: base + "/files/" + strconv.FormatInt(fl.ID, 10), Text: locales.T(ctx, "complaint.file.alt", i+1)})
	}
	if it.Status != consult.StatusReplied {
		p.Forms = append(p.Forms, consultReplyForm(ctx, f, base))
	}
	h.moderationForms(ctx, &p, f, base, it.Flags, it.HiddenAt)
	p.Errors = f.Summary()
	return web.Render(c, status, admin.ConsultDetail(h.chrome(c), p))
}

// notifyReply tells the author in 我的消息 (C 0103 7.7 g) that the reply is
// there; a failure is logged, the reply stands.
func (h *consultConsole) notifyReply(c echo.Context, kind string, id int64) {
	ctx := c.Request().Context()
	s, _ := current(c)
	var userID int64
	var title, link string
	if kind == consult.KindComplaint {
		it, err := h.svc.StaffComplaint(ctx, s.Scope(), id)
		userID, title, link = it.UserID, it.Title, "/me/complaints/"+strconv.FormatInt(id, 10)
		if err != nil {
			return
		}
	} else {
		it, err := h.svc.StaffConsultation(ctx, s.Scope(), id)
		userID, title, link = it.UserID, it.Title, "/me/consultations/"+strconv.FormatInt(id, 10)
		if err != nil {
			return
		}
	}
	err := usercenter.Notify(ctx, h.st, userID, usercenter.MsgProgress, locales.T(ctx, "consult.notify.title"),
		locales.T(ctx, "consult.notify.body", title), link)
	if err != nil {
		web.Logger(c).Warn("notify reply", "err", err)
	}
}
