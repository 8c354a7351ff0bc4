package registro

import (
	"bytes"
	"testing"
)

// TestDERValue: a signature is cut from its placeholder by its own length, so one whose last
// byte is zero keeps it.
func TestDERValue(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in, want []byte
	}{
		{"short form, last byte zero", []byte{0x30, 0x03, 0x02, 0x01, 0x00, 0x00, 0x00}, []byte{0x30, 0x03, 0x02, 0x01, 0x00}},
		{"long form", append([]byte{0x30, 0x81, 0x02, 0x05, 0x00}, 0, 0, 0), []byte{0x30, 0x81, 0x02, 0x05, 0x00}},
		{"too short for its header", []byte{0x30, 0x05, 0x01}, []byte{0x30, 0x05, 0x01}},
	} {
		if got := derValue(tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("%s: derValue(% x) = % x, want % x", tc.name, tc.in, got, tc.want)
		}
	}
}
