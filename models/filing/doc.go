// Package filing is mobile-client filing (备案, C 0103 9): a local or
// department organisation, signed in with its legal-person account, files
// its mobile client's naming information (5.1–5.3: name, full name, icon,
// at least three screenshots, description, release notes), its
// responsible-unit information (9.3) and its install package (APK or IPA,
// stored in the blob store with its SM3 digest; the package name and
// version are read from the package itself). An incomplete filing cannot
// be submitted (9.4 a). Reviewers (staff.RoleFilingReviewer, scoped by
// region and department) record the 9.4 a–i checklist item by item and
// approve, refuse or ask for changes; each submitted revision is frozen,
// so a resubmission keeps the history. Approved clients are listed
// publicly.
//
// axml.go reads Android's binary XML (AndroidManifest.xml inside an APK);
// ipa.go reads an IPA's Info.plist (XML or binary plist).
package filing
