package components

import "testing"

func TestQRPathDrawsOneRectanglePerRunOfDarkModules(t *testing.T) {
	m := [][]bool{{true, true, false, true}, {false, true, false, false}, {false, false, false, false}, {true, false, false, true}}
	if got := QRPath(m); got != "M0 0h2v1h-2zM3 0h1v1h-1zM1 1h1v1h-1zM0 3h1v1h-1zM3 3h1v1h-1z" {
		t.Fatalf("QRPath = %q", got)
	}
	if got := QRViewBox(m); got != "0 0 4 4" {
		t.Fatalf("QRViewBox = %q", got)
	}
}
