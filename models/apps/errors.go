package apps

import "net/http"

// APIError is a refusal of the identity hand-off with a stable code that
// apps can program against (sdk/PROTOCOL.md lists them) and the HTTP status
// the web service answers with. The human message is the locale key
// "apps.api.<code>".
type APIError struct {
	Code   string
	Status int
}

func (e *APIError) Error() string { return "apps: " + e.Code }

// Every refusal, each with its own code (issue 9 security tests).
var (
	ErrBadRequest       = &APIError{"bad_request", http.StatusBadRequest}
	ErrAppUnknown       = &APIError{"app_unknown", http.StatusUnauthorized}
	ErrAppMismatch      = &APIError{"app_mismatch", http.StatusBadRequest}
	ErrAuthRequired     = &APIError{"auth_required", http.StatusUnauthorized}
	ErrSignatureInvalid = &APIError{"signature_invalid", http.StatusUnauthorized}
	ErrTimestampStale   = &APIError{"timestamp_stale", http.StatusUnauthorized}
	ErrNonceInvalid     = &APIError{"nonce_invalid", http.StatusBadRequest}
	ErrNonceReused      = &APIError{"nonce_reused", http.StatusUnauthorized}
	ErrAppOffline       = &APIError{"app_offline", http.StatusForbidden}
	ErrAppOpen          = &APIError{"app_open_type", http.StatusForbidden} // 完全开放 apps get no identity
	ErrTicketInvalid    = &APIError{"ticket_invalid", http.StatusBadRequest}
	ErrTicketUsed       = &APIError{"ticket_used", http.StatusConflict}
	ErrTicketExpired    = &APIError{"ticket_expired", http.StatusGone}
	ErrTicketWrongApp   = &APIError{"ticket_wrong_app", http.StatusForbidden}
	ErrTokenInvalid     = &APIError{"token_invalid", http.StatusUnauthorized}
	ErrTokenExpired     = &APIError{"token_expired", http.StatusUnauthorized}
	ErrTokenWrongApp    = &APIError{"token_wrong_app", http.StatusForbidden}
	ErrConsentRequired  = &APIError{"consent_required", http.StatusForbidden}
	ErrConsentRevoked   = &APIError{"consent_revoked", http.StatusForbidden}
	ErrUserUnavailable  = &APIError{"user_unavailable", http.StatusForbidden}
	ErrOriginForbidden  = &APIError{"origin_forbidden", http.StatusForbidden}
	ErrNotLoggedIn      = &APIError{"not_logged_in", http.StatusUnauthorized}
)

// APIErrors lists every code, for the protocol document's test.
var APIErrors = []*APIError{ErrBadRequest, ErrAppUnknown, ErrAppMismatch, ErrAuthRequired, ErrSignatureInvalid,
	ErrTimestampStale, ErrNonceInvalid, ErrNonceReused, ErrAppOffline, ErrAppOpen, ErrTicketInvalid, ErrTicketUsed,
	ErrTicketExpired, ErrTicketWrongApp, ErrTokenInvalid, ErrTokenExpired, ErrTokenWrongApp, ErrConsentRequired,
	ErrConsentRevoked, ErrUserUnavailable, ErrOriginForbidden, ErrNotLoggedIn}
