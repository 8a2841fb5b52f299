package users

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters (RFC 9106). They are tunable
// because the right cost depends on the hardware: see DefaultParams.
type Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	KeyLen    uint32
	SaltLen   uint32
}

// DefaultParams follow the OWASP Password Storage Cheat Sheet's argon2id
// floor (m = 19 MiB, t = 2, p = 1). Why argon2id: it is memory-hard, so a
// GPU or ASIC attacker pays for memory as well as compute, and its cost is
// tunable in both dimensions; it won the Password Hashing Competition and is
// RFC 9106's first recommendation. Why this cost: BenchmarkLogin
// (service_bench_test.go, -cpu 2) measured 28–31 ms of CPU per complete
// sign-in on the 2-core AMD EPYC CI machine, i.e. about 65–70 sign-ins per
// second on 2 idle cores — above the 50/s the portal must serve, with
// headroom — and 19 MiB per concurrent hash keeps memory bounded under a
// burst (2 cores × 19 MiB). The OWASP-equivalent m=12288,t=3 measured
// 25 ms (≈ 80/s) if more throughput is ever needed (PORTAL_ARGON2).
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// TestParams are cheap parameters for unit tests only.
var TestParams = Params{MemoryKiB: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

// ParseParams reads "m=19456,t=2,p=1" (the PHC string form), starting from
// DefaultParams; an empty string gives DefaultParams.
func ParseParams(s string) (Params, error) {
	p := DefaultParams
	if strings.TrimSpace(s) == "" {
		return p, nil
	}
	var m, t, threads uint32
	if _, err := fmt.Sscanf(strings.ReplaceAll(s, " ", ""), "m=%d,t=%d,p=%d", &m, &t, &threads); err != nil {
		return p, fmt.Errorf("argon2 parameters must look like m=19456,t=2,p=1: %w", err)
	}
	if m < 8*1024 || t < 1 || threads < 1 || threads > 16 {
		return p, errors.New("argon2 parameters too weak: need m ≥ 8192 KiB, t ≥ 1, 1 ≤ p ≤ 16")
	}
	p.MemoryKiB, p.Time, p.Threads = m, t, uint8(threads)
	return p, nil
}

// Hash returns the PHC-format encoding of password under p:
// $argon2id$v=19$m=…,t=…,p=…$salt$hash (base64 without padding).
func (p Params) Hash(password string) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash marks a stored hash this code cannot read.
var errBadHash = errors.New("unreadable password hash")

// VerifyPassword reports whether password matches encoded, in time that
// depends only on the hash's own parameters. needsRehash is true when the
// hash was made with other parameters than p (upgrade it on sign-in).
func (p Params) VerifyPassword(encoded, password string) (ok, needsRehash bool, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false, errBadHash
	}
	var version int
	var hp Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &hp.MemoryKiB, &hp.Time, &hp.Threads); err != nil {
		return false, false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 1024 || hp.Threads == 0 {
		return false, false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, hp.Time, hp.MemoryKiB, hp.Threads, uint32(len(want))) // #nosec G115 -- len(want) <= 1024, checked above
	ok = subtle.ConstantTimeCompare(got, want) == 1
	needsRehash = hp.MemoryKiB != p.MemoryKiB || hp.Time != p.Time || hp.Threads != p.Threads
	return ok, needsRehash, nil
}
