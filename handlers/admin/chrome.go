package admin

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
	"github.com/zwfw/portal/views/layout"
)

// section is one console area of the navigation and the perm it needs.
type section struct {
	key, href string
	perm      staff.Perm
}

var sections = []section{
	{"admin.nav.home", "/admin", ""},
	{"admin.nav.items", "/admin/items", staff.PermItems},
	{"admin.nav.matters", "/admin/matters", staff.PermItems},
	{"admin.nav.apps", "/admin/apps", staff.PermApps},
	{"gateway.nav", "/admin/interfaces", staff.PermInterfaces},
	{"admin.nav.sites", "/admin/sites", staff.PermSites},
	{"admin.nav.announcements", "/admin/announcements", staff.PermAnnounce},
	{"admin.nav.vocabulary", "/admin/vocabulary", staff.PermVocabulary},
	{"admin.nav.staff", "/admin/staff", staff.PermStaff},
	{"admin.nav.audit", "/admin/audit", staff.PermAudit},
	{"cases.admin.nav", "/admin/cases", staff.PermCases},
	{"admin.nav.consultations", "/admin/consultations", staff.PermConsult},
	{"admin.nav.complaints", "/admin/complaints", staff.PermConsult},
	{"admin.nav.followups", "/admin/followups", staff.PermConsult},
	{"admin.nav.satisfaction", "/admin/satisfaction", staff.PermConsult},
	{"filing.admin.nav", "/admin/filings", staff.PermFilings},
	{"admin.nav.password", "/admin/password", ""},
}

// chrome is the portal's page shell for a console page: the console's own
// navigation replaces the public one and search engines are kept out.
func (h *console) chrome(c echo.Context) layout.Chrome {
	ch := h.site.Chrome(c)
	ch.Nav = nil
	ch.NoIndex = true
	return ch
}

// shell fills the parts every signed-in console page shares.
func (h *console) shell(c echo.Context, title string, crumbs ...components.Crumb) admin.Shell {
	ctx := c.Request().Context()
	s := admin.Shell{Title: title, Flash: takeFlash(c)}
	st, ok := current(c)
	if !ok {
		return s
	}
	s.Staff = &admin.StaffBar{Name: st.Name(), Role: locales.T(ctx, st.Role.LabelKey()), Scope: h.scopeText(ctx, st.Scope())}
	path := c.Request().URL.Path
	for _, sec := range sections {
		if sec.perm != "" && !st.Can(sec.perm) {
			continue
		}
		cur := path == sec.href || (sec.href != "/admin" && strings.HasPrefix(path, sec.href))
		s.Nav = append(s.Nav, admin.NavItem{Label: locales.T(ctx, sec.key), Href: sec.href, Current: cur})
	}
	if len(crumbs) > 0 {
		s.Crumbs = append([]components.Crumb{{Text: locales.T(ctx, "admin.nav.home"), Href: "/admin"}}, crumbs...)
	}
	return s
}

// scopeText names a scope: 全国, 浙江省 / 杭州市, 公安部, 浙江省 · 公安部.
func (h *console) scopeText(ctx context.Context, sc staff.Scope) string {
	lang := locales.Lang(ctx)
	var parts []string
	if sc.Region != "" && sc.Region != staff.National {
		if p := h.ref.Path(sc.Region); p != "" {
			parts = append(parts, p)
		} else {
			parts = append(parts, sc.Region)
		}
	}
	if sc.Dept != "" {
		if d, ok := h.ref.Department(sc.Dept); ok {
			parts = append(parts, d.Label(lang))
		} else {
			parts = append(parts, sc.Dept)
		}
	}
	if len(parts) == 0 {
		return locales.T(ctx, "admin.scope.national")
	}
	return strings.Join(parts, " · ")
}

// regionName is a region's display path, or the code when unknown.
func (h *console) regionName(code string) string {
	if code == staff.National {
		return "全国"
	}
	if p := h.ref.Path(code); p != "" {
		return p
	}
	return code
}

// deptName is a department's name in the page's language.
func (h *console) deptName(ctx context.Context, code string) string {
	if d, ok := h.ref.Department(code); ok {
		return d.Label(locales.Lang(ctx))
	}
	return code
}
