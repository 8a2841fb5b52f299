// Package demo is the demo embedded app's HTTP handler (cmd/demoapp): a
// page that loads the portal's JSSDK and a back end that exchanges tickets
// with the requester SDK. The e2e suite starts it in-process.
package demo

import (
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"strings"

	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/masking"
)

// Config is what the demo app needs: where the portal is and its
// credentials from registration.
type Config struct {
	PortalURL  string // e.g. http://127.0.0.1:8080
	AppID      string
	SM4Key     []byte
	PrivateKey *gmcrypto.KeyPair
	HTTP       *http.Client // nil = default
}

//go:embed assets
var assets embed.FS

var page = template.Must(template.ParseFS(assets, "assets/index.html"))

type demo struct {
	cfg    Config
	client *sdk.Client
}

// NewHandler returns the demo app's HTTP handler.
func NewHandler(cfg Config) (http.Handler, error) {
	if cfg.AppID == "" || len(cfg.SM4Key) != 16 || cfg.PrivateKey == nil {
		return nil, errors.New("demoapp: app id, SM4 key and SM2 private key are required")
	}
	cfg.PortalURL = strings.TrimRight(cfg.PortalURL, "/")
	d := &demo{cfg: cfg, client: &sdk.Client{BaseURL: cfg.PortalURL, AppID: cfg.AppID, PrivateKey: cfg.PrivateKey,
		SM4Key: cfg.SM4Key, HTTP: cfg.HTTP}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", d.index)
	mux.HandleFunc("POST /exchange", d.exchange)
	static, err := fs.Sub(assets, "assets")
	if err != nil {
		return nil, err
	}
	mux.Handle("GET /demo.js", http.FileServerFS(static))
	return mux, nil
}

// index is the app's page: the JSSDK from the portal and the demo's script.
func (d *demo) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' "+d.cfg.PortalURL+
		"; connect-src 'self' "+d.cfg.PortalURL+"; frame-ancestors 'self' "+d.cfg.PortalURL)
	page.Execute(w, map[string]string{"Portal": d.cfg.PortalURL, "AppID": d.cfg.AppID}) // #nosec G104 -- the response to the browser; nothing to do if it has gone
}

// Shown is what the page displays: masked, as C 0103 8.3.4.5 requires.
type Shown struct {
	Name       string `json:"name"`
	IDNumber   string `json:"id_number"`
	Mobile     string `json:"mobile"`
	TrustLevel int    `json:"trust_level"`
	UserType   string `json:"user_type"`
	OrgName    string `json:"org_name,omitempty"`
	CreditCode string `json:"credit_code,omitempty"`
	UserID     string `json:"user_id"`
	Error      string `json:"error,omitempty"`
}

// exchange is POST /exchange {ticket}: the app's back end redeems the
// ticket with signed calls and decrypts the user information.
func (d *demo) exchange(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Ticket string `json:"ticket"`
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 4096))
	w.Header().Set("Content-Type", "application/json")
	if json.Unmarshal(body, &in) != nil || in.Ticket == "" {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(Shown{Error: "bad_request"}) // #nosec G104 -- the response to the browser; nothing to do if it has gone
		return
	}
	info, err := d.client.Exchange(r.Context(), in.Ticket)
	if err != nil {
		code := "exchange_failed"
		var se *sdk.Error
		if errors.As(err, &se) {
			code = se.Code
		}
		w.WriteHeader(http.StatusBadGateway)
		json.NewEncoder(w).Encode(Shown{Error: code}) // #nosec G104 -- the response to the browser; nothing to do if it has gone
		return
	}
	json.NewEncoder(w).Encode(Shown{Name: masking.MaskName(info.Name), IDNumber: masking.MaskIDNumber(info.IDNumber), // #nosec G104 -- the response to the browser; nothing to do if it has gone
		Mobile: masking.MaskMobile(info.Mobile), TrustLevel: info.TrustLevel, UserType: info.UserType,
		OrgName: info.OrgName, CreditCode: masking.MaskCreditCode(info.CreditCode), UserID: info.UserID})
}
