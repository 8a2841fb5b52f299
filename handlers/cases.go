package handlers

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
	"github.com/zwfw/portal/views/layout"
)

// casesHandler serves online case handling (C 0103 7.2) and case query
// (7.3): the application pages under /cases/drafts, 我的办件 under
// /me/cases and the public query /cases/query.
type casesHandler struct {
	site     *web.Site
	st       *models.Store
	blobs    blob.Store
	cal      *calendar.Calendar
	licences usercenter.LicenceSource
	tracker  cases.Tracker
}

// Session keys of the cases feature.
const (
	sessCasePending = "case_pending" // form values posted after the session expired
	sessCaseQuery   = "case_query"   // the case found by the public query
	sessCaseCode    = "case_code_"   // + case id: the query code, shown on the confirmation
)

func registerCases(app *App, d Deps) {
	cal, err := calendar.Load(context.Background(), d.Store)
	if err != nil {
		d.Logger.Error("cases: holiday calendar not loaded; weekends only", "err", err)
		cal = calendar.New(nil)
	}
	h := &casesHandler{site: app.Site, st: d.Store, blobs: d.Blob, cal: cal, licences: accountServices(d).Licences,
		tracker: cases.DemoTracker{}}
	if d.Options.Prod {
		// No real courier adapter yet: production shows the courier and the
		// tracking number without invented events (ARCHITECTURE.md §3).
		h.tracker = nil
	}
	e := app.Echo
	e.GET("/matters/:code/apply", h.start, h.requireUser) // the guide page links here (handlers/matters.go applyRoute)
	e.POST("/cases/apply", h.startPost, h.requireUser)
	dr := e.Group("/cases/drafts/:id", h.requireUser)
	dr.GET("/:step", h.step)
	dr.POST("/:step", h.stepPost)
	dr.POST("/materials/upload", h.upload)
	dr.POST("/materials/licence", h.attachLicence)
	dr.POST("/materials/:mid/delete", h.removeMaterial)
	dr.POST("/submit", h.submit)
	dr.POST("/delete", h.deleteDraft)
	me := e.Group("/me/cases", h.requireUser)
	me.GET("", h.list)
	me.GET("/:id", h.casePage)
	me.GET("/:id/submitted", h.confirmation)
	me.POST("/:id/withdraw", h.withdraw)
	me.POST("/:id/corrections", h.correctionUpload)
	me.POST("/:id/resubmit", h.resubmit)
	me.GET("/:id/files/:mid", h.file)
	me.GET("/:id/result", h.result)
	e.GET("/cases/query", h.queryForm)
	e.POST("/cases/query", h.query)
	e.GET("/cases/query/result", h.queryResult)
}

// requireUser sends visitors to sign in and back. A form posted after the
// session expired is kept in the (anonymous) session and restored on the
// page after sign-in, so nothing typed is lost (issue 7).
func (h *casesHandler) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := currentUser(c); ok {
			return next(c)
		}
		back := c.Request().URL.RequestURI()
		if c.Request().Method != http.MethodGet {
			back = "/me/cases"
			if id, step := c.Param("id"), c.Param("step"); id != "" && cases.StepIndex(step) >= 0 {
				back = "/cases/drafts/" + id + "/" + step
				if err := c.Request().ParseForm(); err == nil {
					web.Session(c).Values[sessCasePending] = id + "/" + step + "?" + c.Request().PostForm.Encode()
					if err := web.SaveSession(c); err != nil {
						return err
					}
				}
			} else if id != "" && c.Path() == "/cases/drafts/:id/submit" {
				back = "/cases/drafts/" + id + "/" + cases.StepCheck
			} else if id != "" && strings.HasPrefix(c.Path(), "/cases/drafts/:id/materials/") {
				back = "/cases/drafts/" + id + "/" + cases.StepMaterials // a file cannot be kept: choose it again
			}
		}
		return web.SeeOther(c, "/login?return_to="+url.QueryEscape(back))
	}
}

// pending returns the values posted for draft/step before sign-in, once.
func (h *casesHandler) pending(c echo.Context, draftID int64, step string) url.Values {
	sess := web.Session(c)
	raw, ok := sess.Values[sessCasePending].(string)
	if !ok {
		return nil
	}
	delete(sess.Values, sessCasePending)
	_ = web.SaveSession(c)
	key, q, _ := strings.Cut(raw, "?")
	if key != strconv.FormatInt(draftID, 10)+"/"+step {
		return nil
	}
	v, err := url.ParseQuery(q)
	if err != nil {
		return nil
	}
	v.Del("_csrf")
	return v
}

// levelCheck renders the step-up page when the user's trust level is below
// what online handling needs: level 3 and the item's own (C 0103 7.2).
func (h *casesHandler) levelCheck(c echo.Context, item catalog.Item) (bool, error) {
	need := max(users.L3, item.TrustLevel)
	if user(c).Level >= need {
		return true, nil
	}
	return false, RequireLevel(h.site, need)(func(echo.Context) error { return nil })(c)
}

func (h *casesHandler) chrome(c echo.Context) layout.Chrome {
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return ch
}

// shell is the frame: 首页 › 我的 › 我的办件 › title.
func (h *casesHandler) shell(c echo.Context, title string, form *components.Form) caseview.Shell {
	ctx := c.Request().Context()
	crumbs := []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}, {Text: locales.T(ctx, "usercenter.title"), Href: "/me"},
		{Text: locales.T(ctx, "cases.mine"), Href: "/me/cases"}, {Text: title}}
	return caseview.Shell{Title: title, Crumbs: crumbs, Flash: takeFlash(c), Form: form}
}

// message renders a refusal or a timeout page with one way on.
func (h *casesHandler) message(c echo.Context, status int, titleKey, bodyKey, linkKey, href string) error {
	ctx := c.Request().Context()
	p := caseview.MessageProps{Shell: h.shell(c, locales.T(ctx, titleKey), nil), Body: locales.T(ctx, bodyKey),
		LinkText: locales.T(ctx, linkKey), LinkHref: href}
	return web.Render(c, status, caseview.Message(h.chrome(c), p))
}

// draft loads the signed-in user's draft from :id (others' are 404).
func (h *casesHandler) draft(c echo.Context) (cases.Draft, catalog.ItemDetail, error) {
	id, err := pathID(c)
	if err != nil {
		return cases.Draft{}, catalog.ItemDetail{}, err
	}
	d, err := cases.GetDraft(c.Request().Context(), h.st, user(c).ID, id)
	if err != nil {
		return d, catalog.ItemDetail{}, err
	}
	item, err := cases.ItemFor(c.Request().Context(), h.st, d.ItemID)
	return d, item, err
}

func draftURL(d cases.Draft, step string) string {
	return "/cases/drafts/" + strconv.FormatInt(d.ID, 10) + "/" + step
}

func formVersion(c echo.Context) int {
	v, _ := strconv.Atoi(c.FormValue("version"))
	return v
}

// timeNow is the clock of deadline displays.
var timeNow = time.Now

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// blobMIME is the Content-Type of a stored file, by its content.
func blobMIME(head []byte) string {
	if k := blob.Sniff(head); k != blob.KindUnknown {
		return k.MIME()
	}
	return "application/octet-stream"
}
