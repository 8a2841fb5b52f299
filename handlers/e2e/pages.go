//go:build e2e

package e2e

import (
	"net/http"

	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

// Pages is every page type the browser tests visit. Add a page with one
// line; Name becomes part of test and screenshot names, so keep it to
// lower-case letters, digits and dashes. A page answering another status
// than Status (200 when zero) fails the test.
var Pages = []Page{
	{Name: "home", Path: "/"},
	{Name: "home-en", Path: "/", Lang: "en", Setup: func(s *Setup) error { return s.Submit("/", `form[action="/prefs/lang"]`, nil) }},
	{Name: "privacy", Path: "/privacy"},
	{Name: "accessibility", Path: "/accessibility"},
	{Name: "not-found", Path: "/no-such-page", Status: http.StatusNotFound},
	{Name: "components", Path: "/_components"},
	{Name: "region", Path: "/region"},
	{Name: "region-province", Path: "/region?province=330000"},
	{Name: "search", Path: "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81"},
	{Name: "search-empty", Path: "/search"},
	{Name: "search-correction", Path: "/search?q=%E8%BA%AB%E5%88%86%E8%AF%81"},
	{Name: "matters-finder", Path: "/matters?audience=natural&type=07"},
	{Name: "matters-dimension", Path: "/matters/by/theme"},
	{Name: "matters-guide", Path: "/matters/07A0002-330106"},
	{Name: "sites-list", Path: "/sites"},
	{Name: "site-home", Path: "/sites/330000"},
	{Name: "site-policy", Path: "/sites/330000/policies/3"},
	{Name: "site-interpretation", Path: "/sites/330000/interpretations/4"},
	{Name: "site-topic", Path: "/sites/330000/topics/3"},
	{Name: "share", Path: "/share?url=%2Fmatters%2F07A0002-330106"},
	{Name: "viewer-pdf", Path: "/attachments/2/view"},
	{Name: "viewer-ofd", Path: "/attachments/6/view"},
	{Name: "viewer-png", Path: "/attachments/3/view"},
	{Name: "viewer-jpg", Path: "/attachments/1/view"},
	{Name: "viewer-mp4", Path: "/attachments/15/view"},
	{Name: "admin-login", Path: "/admin/login"},
	{Name: "admin-totp-setup", Path: "/admin/totp/setup", Setup: StaffPassword(staff.RoleContentEditor, "330000", "")},
	{Name: "admin-home", Path: "/admin", Setup: StaffSignIn(staff.RolePlatformAdmin, "", "")},
	{Name: "admin-items", Path: "/admin/items", Setup: StaffSignIn(staff.RoleContentEditor, "330000", "")},
	{Name: "admin-item", Path: "/admin/items/1", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-item-new", Path: "/admin/items/new", Setup: StaffSignIn(staff.RoleContentEditor, "330000", "")},
	{Name: "admin-item-edit", Path: "/admin/items/1/edit", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-item-preview", Path: "/admin/items/1/preview", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-item-history", Path: "/admin/items/1/history", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-vocabulary", Path: "/admin/vocabulary/thesaurus", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-stopwords", Path: "/admin/vocabulary/stopwords", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-pins", Path: "/admin/vocabulary/pins", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-site-docs", Path: "/admin/sites/330000/policies", Setup: StaffSignIn(staff.RoleSiteAdmin, "330000", "")},
	{Name: "admin-site-doc-new", Path: "/admin/sites/330000/interpretations/new", Setup: StaffSignIn(staff.RoleSiteAdmin, "330000", "")},
	{Name: "admin-announcements", Path: "/admin/announcements", Setup: StaffSignIn(staff.RolePlatformAdmin, "", "")},
	{Name: "admin-staff", Path: "/admin/staff", Setup: StaffSignIn(staff.RolePlatformAdmin, "", "")},
	{Name: "admin-staff-new", Path: "/admin/staff/new", Setup: StaffSignIn(staff.RoleSiteAdmin, "330000", "")},
	{Name: "admin-audit", Path: "/admin/audit", Setup: StaffSignIn(staff.RolePlatformAdmin, "", "")},
	{Name: "admin-interfaces", Path: "/admin/interfaces", Setup: interfaceAdmin},
	{Name: "admin-interface-new", Path: "/admin/interfaces/new", Setup: interfaceAdmin},
	{Name: "admin-interface", Path: "/admin/interfaces/1", Setup: interfaceAdmin},
	{Name: "admin-interface-edit", Path: "/admin/interfaces/1/edit", Setup: interfaceAdmin},
	{Name: "admin-interface-version", Path: "/admin/interfaces/1/versions/2", Setup: interfaceAdmin},
	{Name: "admin-interface-test", Path: "/admin/interfaces/1/test", Setup: interfaceAdmin},
	{Name: "admin-interface-health", Path: "/admin/interfaces/1/health", Setup: interfaceAdmin},
	{Name: "me-data-use", Path: "/me/data-use", Setup: dataUser},
	{Name: "admin-forbidden", Path: "/admin/items", Status: http.StatusForbidden, Setup: StaffSignIn(staff.RoleCaseHandler, "330000", "")},
	{Name: "admin-item-part-new", Path: "/admin/items/1/faqs/new", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-item-part-edit", Path: "/admin/items/1/materials/1/edit", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-matters", Path: "/admin/matters", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-matter", Path: "/admin/matters/1", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-matter-new", Path: "/admin/matters/new", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-matter-edit", Path: "/admin/matters/1/edit", Setup: StaffSignIn(staff.RoleContentEditor, "", "")},
	{Name: "admin-apps", Path: "/admin/apps?state=all", Setup: StaffSignIn(staff.RoleAppReviewer, "", "")},
	{Name: "admin-app", Path: "/admin/apps/1", Setup: StaffSignIn(staff.RoleAppReviewer, "", "")},
	{Name: "admin-password", Path: "/admin/password", Setup: StaffSignIn(staff.RoleContentEditor, "330000", "")},
	{Name: "login", Path: "/login"},
	{Name: "register", Path: "/register"},
	{Name: "register-verify", Path: "/register/verify", Setup: startCode("/register", "/register/code", "13700000001")},
	{Name: "recover", Path: "/recover"},
	{Name: "recover-verify", Path: "/recover/verify", Setup: startCode("/recover", "/recover/code", usercenter.DemoPhoneL1)},
	{Name: "dev-outbox", Path: "/dev/outbox"},
	{Name: "apps-consent", Path: appsConsentPath, Setup: appsConsent},
	{Name: "apps-authorizations", Path: "/me/authorizations", Setup: appsAuthorized},
	{Name: "apps-developer", Path: "/developer/apps", Setup: signIn(usercenter.DemoPhoneLegal)},
	{Name: "apps-developer-new", Path: "/developer/apps/new", Setup: signIn(usercenter.DemoPhoneLegal)},
	{Name: "apps-developer-app", Path: "/developer/apps/1", Setup: appsOwnFirst},
	{Name: "account-deleted", Path: "/account/deleted"},
	{Name: "me", Path: "/me", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-profile", Path: "/me/profile", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-profile-edit", Path: "/me/profile/edit", Setup: signIn(usercenter.DemoPhoneL1)},
	{Name: "me-password", Path: "/me/password", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-trust-l1", Path: "/me/trust?need=3&return_to=%2Fme%2Flicences", Setup: signIn(usercenter.DemoPhoneL1)},
	{Name: "me-trust-l3", Path: "/me/trust", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-trust-legal", Path: "/me/trust", Setup: signIn(usercenter.DemoPhoneLegal)},
	{Name: "me-stepup", Path: "/me/licences", Status: http.StatusForbidden, Setup: signIn(usercenter.DemoPhoneL1)},
	{Name: "me-cases", Path: "/me/cases", Setup: casesData}, // drafts and cases present whatever ran before
	{Name: "cases-start", Path: "/matters/07A0002-330106/apply", Setup: signIn(usercenter.DemoPhone)},
	{Name: "cases-step-applicant", Path: "/cases/drafts/" + e2eDraftID + "/applicant", Setup: casesData},
	{Name: "cases-step-details", Path: "/cases/drafts/" + e2eDraftID + "/details", Setup: casesData},
	{Name: "cases-step-delivery", Path: "/cases/drafts/" + e2eDraftID + "/delivery", Setup: casesData},
	{Name: "cases-materials", Path: "/cases/drafts/" + e2eDraftID + "/materials", Setup: casesData},
	{Name: "cases-check", Path: "/cases/drafts/" + e2eDraftID + "/check", Setup: casesData},
	{Name: "cases-order-refused", Path: "/cases/drafts/" + e2eFreshDraft + "/check", Status: http.StatusConflict, Setup: casesData},
	{Name: "cases-confirm", Path: "/me/cases/1/submitted", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-case", Path: "/me/cases/1", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-case-correction", Path: "/me/cases/2", Setup: signIn(usercenter.DemoPhone)},
	{Name: "cases-query", Path: "/cases/query"},
	{Name: "cases-query-result", Path: "/cases/query/result", Setup: casesQuery},
	{Name: "admin-cases", Path: "/admin/cases", Setup: StaffSignIn(staff.RoleCaseHandler, "330000", "")},
	{Name: "admin-case-submitted", Path: "/admin/cases/" + e2eSubmittedID, Setup: casesStaff},
	{Name: "admin-case-correction", Path: "/admin/cases/2", Setup: StaffSignIn(staff.RoleCaseHandler, "330000", "")},
	{Name: "me-favourites", Path: "/me/favourites", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-messages", Path: "/me/messages", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-message", Path: "/me/messages/1", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-footprints", Path: "/me/footprints", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-licences", Path: "/me/licences", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-licence", Path: "/me/licences/demo-idcard", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-privacy", Path: "/me/privacy", Setup: signIn(usercenter.DemoPhone)},
	{Name: "me-delete", Path: "/me/delete", Setup: signIn(usercenter.DemoPhoneL1)},
	{Name: "consult-list", Path: "/consultations", Setup: consultData},
	{Name: "consult-show", Path: "/consultations/" + e2eConsultID, Setup: consultData},
	{Name: "consult-hidden", Path: "/consultations/hidden"},
	{Name: "consult-new", Path: "/consultations/new", Setup: consultUser},
	{Name: "complaint-list", Path: "/complaints", Setup: consultData},
	{Name: "complaint-show", Path: "/complaints/" + e2eComplaintID, Setup: consultData},
	{Name: "complaint-new", Path: "/complaints/new", Setup: consultUser},
	{Name: "evaluation-new", Path: "/evaluations/new?case=" + e2eEvalCaseID, Setup: consultUser},
	{Name: "evaluation-app", Path: "/evaluations/app?app=1", Setup: consultUser},
	{Name: "admin-audit-entry", Path: "/admin/audit/1", Setup: StaffSignIn(staff.RolePlatformAdmin, "", "")},
	{Name: "me-consultations", Path: "/me/consultations", Setup: consultUser},
	{Name: "me-consultation", Path: "/me/consultations/" + e2eConsultID, Setup: consultUser},
	{Name: "me-complaints", Path: "/me/complaints", Setup: consultUser},
	{Name: "me-complaint", Path: "/me/complaints/" + e2eComplaintID, Setup: consultUser},
	{Name: "admin-consultations", Path: "/admin/consultations", Setup: consultStaff},
	{Name: "admin-consultation", Path: "/admin/consultations/" + e2eConsultID, Setup: consultStaff},
	{Name: "admin-complaints", Path: "/admin/complaints", Setup: consultStaff},
	{Name: "admin-complaint", Path: "/admin/complaints/" + e2eComplaintID, Setup: consultStaff},
	{Name: "admin-complaint-settings", Path: "/admin/complaints/settings", Setup: consultStaff},
	{Name: "admin-followups", Path: "/admin/followups", Setup: consultStaff},
	{Name: "admin-followup", Path: "/admin/followups/" + e2eFollowUpID, Setup: consultStaff},
	{Name: "admin-satisfaction", Path: "/admin/satisfaction", Setup: consultStaff},
	{Name: "filing-public-list", Path: "/filings", Setup: filingPublic},
	{Name: "filing-public", Path: "/filings/1", Setup: filingPublic},
	{Name: "filing-dev-list", Path: "/developer/filings", Setup: filingPages},
	{Name: "filing-dev-new", Path: "/developer/filings/new", Setup: filingPages},
	{Name: "filing-dev-draft", Path: "/developer/filings/3", Setup: filingPages},
	{Name: "filing-dev-edit", Path: "/developer/filings/3/edit", Setup: filingPages},
	{Name: "filing-dev-submitted", Path: "/developer/filings/2", Setup: filingPages},
	{Name: "filing-admin-list", Path: "/admin/filings", Setup: filingReviewer},
	{Name: "filing-admin-review", Path: "/admin/filings/2", Setup: filingReviewer},
	{Name: "filing-admin-decided", Path: "/admin/filings/1", Setup: filingReviewer},
	{Name: "offline", Path: "/offline"},
	{Name: "release-notes", Path: "/release-notes"},
}

// Page is one entry of the registry.
type Page struct {
	Name   string
	Path   string // path and query, relative to the portal
	Status int    // expected status; 0 means 200
	Lang   string // expected <html lang>; "" means zh-CN (the tab asks for zh-CN)
	// Setup, when set, runs first in the case's own tab and browser context
	// (fresh cookies) with JavaScript on, e.g. to sign in or create data.
	Setup func(s *Setup) error
}

// WantLang is the language the page must declare.
func (p Page) WantLang() string {
	if p.Lang == "" {
		return "zh-CN"
	}
	return p.Lang
}

// WantStatus is the status the page must answer with.
func (p Page) WantStatus() int {
	if p.Status == 0 {
		return http.StatusOK
	}
	return p.Status
}
