package staff

import "slices"

// Role is what a staff member does in the console.
type Role string

// The roles of issue 6. Each is scoped (Scope): a site admin of 浙江省 is a
// site admin with Region 330000; of 公安部, one with Dept N007.
const (
	RolePlatformAdmin  Role = "platform_admin"  // 平台管理员: everything, every staff account
	RoleSiteAdmin      Role = "site_admin"      // 子站管理员: a provincial unit or a department
	RoleContentEditor  Role = "content_editor"  // 内容编辑
	RoleCaseHandler    Role = "case_handler"    // 办件处理
	RoleConsultHandler Role = "consult_handler" // 咨询投诉处理
	RoleAppReviewer    Role = "app_reviewer"    // 应用审核
	RoleInterfaceAdmin Role = "interface_admin" // 接口管理
	RoleFilingReviewer Role = "filing_reviewer" // 备案审核
)

// Roles lists every role in display order.
var Roles = []Role{RolePlatformAdmin, RoleSiteAdmin, RoleContentEditor, RoleCaseHandler, RoleConsultHandler,
	RoleAppReviewer, RoleInterfaceAdmin, RoleFilingReviewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// LabelKey is the locale key of the role's name.
func (r Role) LabelKey() string { return "admin.role." + string(r) }

// Perm is one thing the console lets a role do.
type Perm string

// Permissions. Queues (cases, consultations, apps, interfaces, filings)
// arrive with later issues; their permissions exist now so roles are
// complete and dashboards can show what a role will handle.
const (
	PermItems      Perm = "items"      // 事项与实施清单: create, edit, publish
	PermSites      Perm = "sites"      // 子站内容: policies, interpretations, topics
	PermAnnounce   Perm = "announce"   // 公共消息 to every user (needs a national scope too)
	PermVocabulary Perm = "vocabulary" // 主题词库, stopwords, banned words, pinned hot words (national scope)
	PermStaff      Perm = "staff"      // staff accounts inside one's scope
	PermAudit      Perm = "audit"      // read the audit log and its verification
	PermDashboard  Perm = "dashboard"  // search and queue dashboards
	PermCases      Perm = "cases"
	PermConsult    Perm = "consult"
	PermApps       Perm = "apps"
	PermInterfaces Perm = "interfaces"
	PermFilings    Perm = "filings"
)

// grants is the role × permission matrix (roles_test.go pins it).
var grants = map[Role][]Perm{
	RolePlatformAdmin: {PermItems, PermSites, PermAnnounce, PermVocabulary, PermStaff, PermAudit, PermDashboard,
		PermCases, PermConsult, PermApps, PermInterfaces, PermFilings},
	RoleSiteAdmin:      {PermItems, PermSites, PermStaff, PermDashboard},
	RoleContentEditor:  {PermItems, PermSites, PermAnnounce, PermVocabulary, PermDashboard},
	RoleCaseHandler:    {PermCases, PermDashboard},
	RoleConsultHandler: {PermConsult, PermDashboard},
	RoleAppReviewer:    {PermApps, PermDashboard},
	RoleInterfaceAdmin: {PermInterfaces, PermDashboard},
	RoleFilingReviewer: {PermFilings, PermDashboard},
}

// nationalOnly permissions change what every visitor sees nationwide, so a
// scoped role holding them (a 浙江省 content editor) does not get them.
var nationalOnly = map[Perm]bool{PermAnnounce: true, PermVocabulary: true, PermAudit: true}

// Can reports whether a staff member may use perm at all; which records
// are then visible is the Scope's business.
func (s Staff) Can(p Perm) bool {
	if s.Disabled || !slices.Contains(grants[s.Role], p) {
		return false
	}
	if nationalOnly[p] && !s.Scope().Everything() {
		return false
	}
	return true
}

// Grants lists a role's permissions (for the console's home page).
func Grants(r Role) []Perm { return append([]Perm(nil), grants[r]...) }
