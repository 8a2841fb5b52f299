package blob_test

import (
	"errors"
	"testing"

	"github.com/zwfw/portal/models/blob"
)

// fuzzKinds is indexed by the fuzzer's kind byte (modulo its length); the
// seed files under testdata/fuzz/FuzzBlobCheck use these indexes.
var fuzzKinds = []blob.Kind{
	blob.KindUnknown, blob.KindJPEG, blob.KindPNG, blob.KindPDF, blob.KindOFD,
	blob.KindMP4, blob.KindAPK, blob.KindIPA, blob.KindZIP,
}

func isZipKind(k blob.Kind) bool {
	return k == blob.KindOFD || k == blob.KindAPK || k == blob.KindIPA || k == blob.KindZIP
}

// FuzzBlobCheck feeds arbitrary uploads with an arbitrary declared kind to
// Sniff and Check: they must never panic (an upload is attacker-controlled),
// give the same answer twice, fail only with a *CorruptError, and accept a
// file only when its content is of the declared kind.
func FuzzBlobCheck(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, k byte) {
		kind := fuzzKinds[int(k)%len(fuzzKinds)]
		sniffed := blob.Sniff(data)
		if again := blob.Sniff(data); again != sniffed {
			t.Fatalf("Sniff not deterministic: %q then %q", sniffed, again)
		}
		err := blob.Check(kind, data)
		again := blob.Check(kind, data)
		if (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
			t.Fatalf("Check(%q) not deterministic: %v then %v", kind, err, again)
		}
		if err == nil {
			head := blob.Sniff(data[:min(len(data), 4096)])
			if head != kind && !(isZipKind(head) && isZipKind(kind)) {
				t.Fatalf("Check(%q) accepted content sniffed as %q", kind, head)
			}
			return
		}
		var ce *blob.CorruptError
		if !errors.As(err, &ce) || ce.Reason == "" {
			t.Fatalf("Check(%q) = %v, want a *CorruptError with a reason", kind, err)
		}
	})
}
