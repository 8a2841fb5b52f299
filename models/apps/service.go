package apps

import (
	"sync"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Protocol constants (issue 9 §5; sdk/PROTOCOL.md).
const (
	TicketTTL      = 5 * time.Minute  // a ticket lives at most 5 minutes
	TokenTTL       = 30 * time.Minute // a token is good for 30 minutes
	TimestampSkew  = 300 * time.Second
	NonceRetention = 10 * time.Minute // a nonce is never accepted twice within this
)

// Service runs the registry, the workflow and the identity hand-off. It is
// built once (handlers, CLI) and safe for concurrent use.
type Service struct {
	St       *models.Store
	Keys     *KeyRing
	Identity IdentitySource
	Now      func() time.Time // nil = time.Now

	pubkeys sync.Map // PEM → *gmcrypto.PublicKey: parsing costs more than verifying a cache hit
}

// NewService builds the service over the portal secret.
func NewService(st *models.Store, secret []byte, identity IdentitySource) (*Service, error) {
	keys, err := NewKeyRing(secret)
	if err != nil {
		return nil, err
	}
	if identity == nil {
		identity = UsersSource{St: st}
	}
	return &Service{St: st, Keys: keys, Identity: identity}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// publicKey parses (once) an app's registered SM2 public key.
func (s *Service) publicKey(pemText string) (*gmcrypto.PublicKey, error) {
	if k, ok := s.pubkeys.Load(pemText); ok {
		return k.(*gmcrypto.PublicKey), nil
	}
	k, err := gmcrypto.ParsePublicKeyPEM([]byte(pemText))
	if err != nil {
		return nil, err
	}
	s.pubkeys.Store(pemText, k)
	return k, nil
}
