package web

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models"
)

// SessionRows is the persistence the session store needs; *models.Store
// provides it. Sessions live in the database so that any portal process can
// serve any request (ARCHITECTURE.md §1).
type SessionRows interface {
	LoadSession(ctx context.Context, id string) (models.WebSession, error)
	SaveSession(ctx context.Context, ws models.WebSession) error
	DeleteSession(ctx context.Context, id string) error
}

// SessionCookie is the name of the session cookie.
const SessionCookie = "zw_session"

// DBStore is a gorilla/sessions Store that keeps values server-side,
// encrypted with the session keys, and puts only a signed ID in the cookie.
type DBStore struct {
	rows    SessionRows
	codecs  []securecookie.Codec
	Options *sessions.Options
}

// NewDBStore builds the store. hashKey signs, blockKey (16/24/32 bytes)
// encrypts; secure marks the cookie Secure (always in prod).
func NewDBStore(rows SessionRows, hashKey, blockKey []byte, secure bool) *DBStore {
	codecs := securecookie.CodecsFromPairs(hashKey, blockKey)
	for _, c := range codecs {
		if sc, ok := c.(*securecookie.SecureCookie); ok {
			sc.MaxAge(0) // expiry is enforced by the database row
			sc.MaxLength(0)
		}
	}
	return &DBStore{rows: rows, codecs: codecs, Options: &sessions.Options{
		Path: "/", MaxAge: int((12 * time.Hour).Seconds()), HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	}}
}

// Get returns the request's cached session.
func (s *DBStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the cookie, or starts an empty one.
func (s *DBStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	opts := *s.Options
	sess.Options = &opts
	sess.IsNew = true
	ck, err := r.Cookie(name)
	if err != nil {
		return sess, nil
	}
	var id string
	if securecookie.DecodeMulti(name, ck.Value, &id, s.codecs...) != nil {
		return sess, nil
	}
	row, err := s.rows.LoadSession(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		return sess, nil
	}
	if err != nil {
		return sess, err
	}
	if securecookie.DecodeMulti(name, row.Data, &sess.Values, s.codecs...) != nil {
		return sess, nil
	}
	sess.ID = id
	sess.IsNew = false
	return sess, nil
}

// Save writes the session row and the cookie; MaxAge < 0 deletes both.
func (s *DBStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	if sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if err := s.rows.DeleteSession(r.Context(), sess.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", sess.Options))
		return nil
	}
	if sess.ID == "" {
		sess.ID = newSessionID()
	}
	data, err := securecookie.EncodeMulti(sess.Name(), sess.Values, s.codecs...)
	if err != nil {
		return err
	}
	exp := time.Now().UTC().Add(time.Duration(sess.Options.MaxAge) * time.Second)
	if err := s.rows.SaveSession(r.Context(), models.WebSession{ID: sess.ID, Data: data, ExpiresAt: exp}); err != nil {
		return err
	}
	cookie, err := securecookie.EncodeMulti(sess.Name(), sess.ID, s.codecs...)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), cookie, sess.Options))
	return nil
}

func newSessionID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return strings.TrimRight(base32.StdEncoding.EncodeToString(b), "=")
}

const sessionStoreKey = "zw.sessionStore"

// Session returns the request's session (empty and unsaved for visitors).
func Session(c echo.Context) *sessions.Session {
	st, _ := c.Get(sessionStoreKey).(*DBStore)
	if st == nil {
		return sessions.NewSession(nil, SessionCookie)
	}
	sess, err := st.Get(c.Request(), SessionCookie)
	if err != nil {
		Logger(c).Warn("session load failed", "err", err)
	}
	return sess
}

// SessionError is the error met loading the request's session (its
// database unreachable): the visitor is then neither signed in nor out, and
// a page that needs an account must fail rather than ask to sign in.
func SessionError(c echo.Context) error {
	st, _ := c.Get(sessionStoreKey).(*DBStore)
	if st == nil {
		return nil
	}
	_, err := st.Get(c.Request(), SessionCookie)
	return err
}

// SaveSession persists the request's session.
func SaveSession(c echo.Context) error {
	sess := Session(c)
	return sess.Save(c.Request(), c.Response())
}

// RotateSession gives the session a new ID, keeping its values, and deletes
// the old row: call on every privilege change (login, step-up, logout) so a
// fixed session ID is worthless.
func RotateSession(c echo.Context) error {
	st, _ := c.Get(sessionStoreKey).(*DBStore)
	sess := Session(c)
	if st != nil && sess.ID != "" {
		if err := st.rows.DeleteSession(c.Request().Context(), sess.ID); err != nil {
			return err
		}
	}
	sess.ID = ""
	return SaveSession(c)
}

// DestroySession removes the session row and cookie.
func DestroySession(c echo.Context) error {
	sess := Session(c)
	sess.Options.MaxAge = -1
	return sess.Save(c.Request(), c.Response())
}

// WithSessions makes the store available to Session and friends.
func WithSessions(st *DBStore) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(sessionStoreKey, st)
			return next(c)
		}
	}
}
