package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	filingview "github.com/zwfw/portal/views/filing"
)

// list is GET /developer/filings.
func (h *filingHandler) list(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := filing.ForOwner(ctx, h.st, owner(c).ID)
	if err != nil {
		return err
	}
	p := filingview.ListProps{Flash: takeFlash(c)}
	for _, f := range list {
		p.Rows = append(p.Rows, h.row(ctx, f, filingPath(f.ID)))
	}
	return web.Render(c, http.StatusOK, filingview.List(h.chrome(c), p))
}

// formFields are the details form's fields, in form order.
var formFields = []string{"level", "region_code", "dept_code", "org_name", "name", "full_name", "description", "release_notes",
	"resp_unit", "supervisor_unit", "supervisor_phone", "manager_name", "manager_phone", "tech_unit", "tech_contact", "tech_phone"}

func formFrom(v url.Values) filing.Form {
	return filing.Form{Level: v.Get("level"), RegionCode: v.Get("region_code"), DeptCode: v.Get("dept_code"), OrgName: v.Get("org_name"),
		Details: filing.Details{Name: v.Get("name"), FullName: v.Get("full_name"), Description: v.Get("description"),
			ReleaseNotes: v.Get("release_notes"), RespUnit: v.Get("resp_unit"), SupervisorUnit: v.Get("supervisor_unit"),
			SupervisorPhone: v.Get("supervisor_phone"), ManagerName: v.Get("manager_name"), ManagerPhone: v.Get("manager_phone"),
			TechUnit: v.Get("tech_unit"), TechContact: v.Get("tech_contact"), TechPhone: v.Get("tech_phone")}}
}

func valuesOf(f filing.Filing) url.Values {
	d := f.Details
	v := url.Values{}
	for k, s := range map[string]string{"level": f.Level, "region_code": f.RegionCode, "dept_code": f.DeptCode, "org_name": f.OrgName,
		"name": d.Name, "full_name": d.FullName, "description": d.Description, "release_notes": d.ReleaseNotes, "resp_unit": d.RespUnit,
		"supervisor_unit": d.SupervisorUnit, "supervisor_phone": d.SupervisorPhone, "manager_name": d.ManagerName,
		"manager_phone": d.ManagerPhone, "tech_unit": d.TechUnit, "tech_contact": d.TechContact, "tech_phone": d.TechPhone} {
		v.Set(k, s)
	}
	if f.Level == filing.LevelDept {
		v.Del("region_code")
	}
	return v
}

// formProps fills the region and department choices: provinces and
// cities for a local government, national departments for a department.
func (h *filingHandler) formProps(c echo.Context, title, action, cancel string, f *components.Form) filingview.FormProps {
	ctx := c.Request().Context()
	lang := locales.Lang(ctx)
	p := filingview.FormProps{Title: title, Lead: locales.T(ctx, "filing.form.lead"), Action: action, Cancel: cancel, Form: f,
		Regions: []components.SelectOption{{Value: "", Text: locales.T(ctx, "filing.choose")}},
		Depts:   []components.SelectOption{{Value: "", Text: locales.T(ctx, "filing.choose")}}}
	for _, prov := range h.ref.Provinces() {
		p.Regions = append(p.Regions, components.SelectOption{Value: prov.Code, Text: prov.Name})
		for _, city := range h.ref.Children(prov.Code) {
			p.Regions = append(p.Regions, components.SelectOption{Value: city.Code, Text: prov.Name + " " + city.Name})
		}
	}
	for _, d := range h.ref.DepartmentsIn(refdata.National) {
		p.Depts = append(p.Depts, components.SelectOption{Value: d.Code, Text: d.Label(lang)})
	}
	return p
}

// newForm is GET /developer/filings/new, prefilled with the account's
// organisation name.
func (h *filingHandler) newForm(c echo.Context) error {
	ctx := c.Request().Context()
	f := components.NewForm(url.Values{"org_name": {owner(c).OrgName}})
	p := h.formProps(c, locales.T(ctx, "filing.dev.new"), "/developer/filings", "/developer/filings", f)
	return web.Render(c, http.StatusOK, filingview.Form(h.chrome(c), p))
}

// create is POST /developer/filings: a draft (it may be incomplete; 9.4 a
// is checked at submission).
func (h *filingHandler) create(c echo.Context) error {
	ctx := c.Request().Context()
	values, _ := c.FormParams()
	f, err := h.svc.Create(ctx, owner(c).ID, formFrom(values))
	if ve := (*models.ValidationError)(nil); errors.As(err, &ve) {
		form := components.NewForm(values)
		form.AddErrors(ctx, ve.Order, ve.Fields)
		p := h.formProps(c, locales.T(ctx, "filing.dev.new"), "/developer/filings", "/developer/filings", form)
		return web.Render(c, http.StatusUnprocessableEntity, filingview.Form(h.chrome(c), p))
	}
	if err != nil {
		return err
	}
	return flashAndRedirect(c, "filing.flash.created", filingPath(f.ID))
}

// editForm is GET /developer/filings/{id}/edit.
func (h *filingHandler) editForm(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	if !f.Editable() {
		return web.SeeOther(c, filingPath(f.ID))
	}
	ctx := c.Request().Context()
	p := h.formProps(c, locales.T(ctx, "filing.edit.title"), filingPath(f.ID), filingPath(f.ID), components.NewForm(valuesOf(f)))
	return web.Render(c, http.StatusOK, filingview.Form(h.chrome(c), p))
}

// update is POST /developer/filings/{id}.
func (h *filingHandler) update(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	values, _ := c.FormParams()
	err = h.svc.Update(ctx, owner(c).ID, f.ID, formFrom(values))
	if ve := (*models.ValidationError)(nil); errors.As(err, &ve) {
		form := components.NewForm(values)
		form.AddErrors(ctx, ve.Order, ve.Fields)
		p := h.formProps(c, locales.T(ctx, "filing.edit.title"), filingPath(f.ID), filingPath(f.ID), form)
		return web.Render(c, http.StatusUnprocessableEntity, filingview.Form(h.chrome(c), p))
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndRedirect(c, "filing.flash.locked", filingPath(f.ID))
	}
	if err != nil {
		return err
	}
	return flashAndRedirect(c, "filing.flash.saved", filingPath(f.ID))
}

// show is GET /developer/filings/{id}.
func (h *filingHandler) show(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, f, http.StatusOK, nil)
}

// submit is POST /developer/filings/{id}/submit: refused with 422 and the
// list of what is missing when incomplete (9.4 a).
func (h *filingHandler) submit(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	err = h.svc.Submit(ctx, owner(c).ID, f.ID)
	if ve := (*models.ValidationError)(nil); errors.As(err, &ve) {
		return h.renderShow(c, f, http.StatusUnprocessableEntity, ve)
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndRedirect(c, "filing.flash.locked", filingPath(f.ID))
	}
	if err != nil {
		return err
	}
	return flashAndRedirect(c, "filing.flash.submitted", filingPath(f.ID))
}
