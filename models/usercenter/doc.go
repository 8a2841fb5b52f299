// Package usercenter owns what the user center (C 0103 7.7 c–i) keeps for
// each account besides the account itself: favourites (f), messages (g),
// footprints (h), links to licences from a licence source (i), the "为我推荐"
// recommendations, the data download and the erasure that account deletion
// runs. Every query is scoped by user ID: an ID that belongs to another user
// is ErrNotFound, exactly like an ID that does not exist.
package usercenter
