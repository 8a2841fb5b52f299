// Package consult renders consultation, complaint and evaluation pages
// (C 0103 7.5, 7.6; issue 8): the public masked results and the hidden-item
// log, the forms with their drafts and matter picker, the star ratings, the
// user's own lists, and the satisfaction line of a guide page. Pages take
// plain view structs: no models, GORM or Echo.
package consult
