// Package consult owns consultation, complaint and evaluation (C 0103 7.5,
// 7.6; issue 8): the users' drafts and submissions, moderation before
// anything is published (banned words, unmasked ID and phone numbers are
// held for staff; staff may hide an item and a public log says so and why),
// the staff work of accepting and replying within their scope, complaint
// reply deadlines in working days (models/calendar) with escalation of
// overdue items, each department's statement of the legal nature of its
// reply and the remedies, case and app evaluations (tables 1 and 2) with
// follow-ups of low ratings, and satisfaction statistics.
//
// Published items are masked per reference.md §6 (models/masking): the
// asker's name always, and personal data found in free text.
package consult
