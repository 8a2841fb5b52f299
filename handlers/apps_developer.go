package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/users"
	appsview "github.com/zwfw/portal/views/apps"
	"github.com/zwfw/portal/views/components"
)

// The developer area (issue 9 §1): an organisation account (法人) applies
// for access, walks its apps through the workflow of figure 2, manages keys
// and credentials, and sees checks, history and statistics. Another
// account's app is a 404.

const devFlash = "apps.dev.flash"

func (h *appsHandler) registerDeveloper(e *echo.Echo) {
	g := e.Group("/developer/apps", h.requireOrg)
	g.GET("", h.devList)
	g.GET("/new", h.devNew)
	g.POST("", h.devCreate)
	g.GET("/:id", h.devShow)
	g.POST("/:id/events/:event", h.devEvent)
	g.POST("/:id/credentials", h.devCredentials)
	g.POST("/:id/key", h.devRevealKey)
	g.GET("/:id/key", h.devShowKey)
	g.POST("/:id/key/rotate", h.devRotateKey)
}

// requireOrg lets signed-in organisation accounts through; visitors sign
// in first, natural persons are told an organisation account is needed.
func (h *appsHandler) requireOrg(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, ok := h.user(c)
		if !ok {
			return web.SeeOther(c, "/login?return_to="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		if u.Kind != users.Legal {
			ctx := c.Request().Context()
			return web.Render(c, http.StatusForbidden, appsview.Problem(h.site.Chrome(c), appsview.ProblemProps{Status: http.StatusForbidden,
				Title: locales.T(ctx, "apps.dev.org.title"), Message: locales.T(ctx, "apps.dev.org")}))
		}
		return next(c)
	}
}

func (h *appsHandler) owner(c echo.Context) int64 { u, _ := h.user(c); return u.ID }

func (h *appsHandler) flash(c echo.Context) string {
	sess := web.Session(c)
	f, _ := sess.Values[devFlash].(string)
	if f != "" {
		delete(sess.Values, devFlash)
		if err := web.SaveSession(c); err != nil {
			web.Logger(c).Warn("save session", "err", err)
		}
	}
	return f
}

func (h *appsHandler) flashAndGo(c echo.Context, key, to string) error {
	web.Session(c).Values[devFlash] = locales.T(c.Request().Context(), key)
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, to)
}

func (h *appsHandler) devList(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := apps.ForOwner(ctx, h.st, h.owner(c), 100)
	if err != nil {
		return err
	}
	p := appsview.DevListProps{Flash: h.flash(c)}
	for _, a := range list {
		p.Apps = append(p.Apps, appsview.DevAppRow{Name: a.Name, Href: devPath(a.ID), Type: locales.T(ctx, "apps.type."+a.Type),
			State: locales.T(ctx, "apps.state."+a.Status), Updated: dateTime(a.UpdatedAt)})
	}
	return web.Render(c, http.StatusOK, appsview.DevList(h.site.Chrome(c), p))
}

func devPath(id int64) string { return "/developer/apps/" + strconv.FormatInt(id, 10) }

func (h *appsHandler) devNew(c echo.Context) error {
	u, _ := h.user(c)
	f := components.NewForm(url.Values{"owner_org": {u.OrgName}})
	return web.Render(c, http.StatusOK, appsview.DevForm(h.site.Chrome(c), appsview.DevFormProps{Form: f}))
}

func (h *appsHandler) devCreate(c echo.Context) error {
	ctx := c.Request().Context()
	form, _ := c.FormParams()
	a, err := h.svc.Apply(ctx, h.owner(c), apps.Form{Name: form.Get("name"), Type: form.Get("type"), OwnerOrg: form.Get("owner_org"),
		SiteCode: strings.TrimSpace(form.Get("site_code")), EntryURL: form.Get("entry_url"), Origins: form.Get("origins"),
		Description: form.Get("description"), Screenshots: form.Get("screenshots")})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f := components.NewForm(form)
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return web.Render(c, http.StatusUnprocessableEntity, appsview.DevForm(h.site.Chrome(c), appsview.DevFormProps{Form: f}))
	}
	if err != nil {
		return err
	}
	return h.flashAndGo(c, "apps.dev.applied", devPath(a.ID))
}

// ownedApp loads the app of the path for its owner (404 otherwise).
func (h *appsHandler) ownedApp(c echo.Context) (apps.App, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return apps.App{}, echo.ErrNotFound
	}
	a, err := apps.Get(c.Request().Context(), h.st, id)
	if err != nil || !a.OwnedBy(h.owner(c)) {
		return apps.App{}, echo.ErrNotFound
	}
	return a, nil
}

func (h *appsHandler) devShow(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, a, http.StatusOK, nil)
}

// devEvent is POST /developer/apps/{id}/events/{event}: one workflow move,
// with the field it needs.
func (h *appsHandler) devEvent(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	ctx, event, owner := c.Request().Context(), c.Param("event"), h.owner(c)
	if event == apps.EvRegisterInterfaces || event == apps.EvSubmitDesign {
		ref, design := a.InterfacesRef, a.DesignURL
		if event == apps.EvRegisterInterfaces {
			ref = c.FormValue("interfaces_ref")
		} else {
			design = c.FormValue("design_url")
		}
		if err := h.svc.UpdateSubmission(ctx, a.ID, owner, ref, design); err != nil {
			return err
		}
	}
	if event == apps.EvSubmitReview {
		_, _, err = h.svc.SubmitForReview(ctx, a.ID, owner, h.checker)
	} else {
		_, err = h.svc.Transition(ctx, a.ID, event, apps.Actor{Role: apps.RoleOwner, ID: owner}, c.FormValue("note"))
	}
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		form, _ := c.FormParams()
		f := components.NewForm(form)
		f.AddErrors(ctx, ve.Order, ve.Fields)
		a, _ = apps.Get(ctx, h.st, a.ID)
		return h.renderShow(c, a, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return notFoundAsErr(err)
	}
	return h.flashAndGo(c, "apps.dev.moved", devPath(a.ID))
}

func (h *appsHandler) devCredentials(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	err = h.svc.UpdateCredentials(ctx, a.ID, h.owner(c), apps.Credentials{SM2PublicKey: c.FormValue("sm2_public_key"),
		Whitelist: c.FormValue("whitelist")})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		form, _ := c.FormParams()
		f := components.NewForm(form)
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderShow(c, a, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return h.flashAndGo(c, "apps.dev.cred.saved", devPath(a.ID))
}

// devRevealKey is POST …/key: the SM4 key, once. It travels to the next
// GET in the server-side session and is dropped there.
func (h *appsHandler) devRevealKey(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	key, err := h.svc.RevealKey(c.Request().Context(), a.ID, h.owner(c))
	if errors.Is(err, models.ErrConflict) {
		return h.flashAndGo(c, "apps.dev.keys.shown", devPath(a.ID))
	}
	if err != nil {
		return err
	}
	web.Session(c).Values["apps.dev.key"] = strconv.FormatInt(a.ID, 10) + ":" + hexKey(key)
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, devPath(a.ID)+"/key")
}

func (h *appsHandler) devShowKey(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	sess := web.Session(c)
	v, _ := sess.Values["apps.dev.key"].(string)
	id, key, ok := strings.Cut(v, ":")
	if !ok || id != strconv.FormatInt(a.ID, 10) {
		return web.SeeOther(c, devPath(a.ID))
	}
	delete(sess.Values, "apps.dev.key")
	if err := web.SaveSession(c); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, appsview.DevKey(h.site.Chrome(c), appsview.DevKeyProps{Name: a.Name, AppKey: a.Key(),
		Key: key, Back: devPath(a.ID)}))
}

func (h *appsHandler) devRotateKey(c echo.Context) error {
	a, err := h.ownedApp(c)
	if err != nil {
		return err
	}
	if err := h.svc.RotateKey(c.Request().Context(), a.ID, h.owner(c)); err != nil {
		return err
	}
	return h.flashAndGo(c, "apps.dev.keys.rotated", devPath(a.ID))
}
