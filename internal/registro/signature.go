package registro

import (
	"errors"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Signature is one digital signature of a file, as verified by the register.
type Signature struct {
	Field  string    // the signature field's full name
	Signer string    // the common name of the signer's certificate
	Time   time.Time // the signing time the signature carries (or /M), zero when none
	// Valid: the signed bytes hash to the digest in the signature and the digest is signed
	// by the certificate's key. The certificate's chain of trust is not checked: that needs
	// the CA's roots, which the register does not have.
	Valid bool
	// Whole: the signature covers the file up to its last byte, so nothing was added after
	// signing.
	Whole bool
	// Problem says in Spanish why the signature does not verify, "" when it does.
	Problem string

	byteRange []int64
	contents  []byte
	name      string // /Name of the signature dictionary, a fallback when no certificate is read
	m         string // /M, the signing time the signing program wrote
}

// readSignature takes what verification needs from a signature dictionary.
func readSignature(xt *model.XRefTable, d types.Dict) *Signature {
	s := &Signature{}
	if a, err := xt.DereferenceArray(d["ByteRange"]); err == nil {
		for _, o := range a {
			if n, ok := deref(xt, o).(types.Integer); ok {
				s.byteRange = append(s.byteRange, int64(n))
			}
		}
	}
	if b, err := xt.DereferenceStringEntryBytes(d, "Contents"); err == nil {
		s.contents = b
	}
	if n, err := xt.DereferenceText(d["Name"]); err == nil {
		s.name = n
	}
	if m, err := xt.DereferenceText(d["M"]); err == nil {
		s.m = m
	}
	return s
}

// verify checks s against the bytes of the file it is in.
func verify(s *Signature, data []byte) {
	s.Signer = s.name
	if t, ok := pdfDate(s.m); ok {
		s.Time = t
	}
	br := s.byteRange
	size := int64(len(data))
	if len(br) != 4 || br[0] != 0 || br[1] < 0 || br[2] < br[1] || br[3] < 0 || br[2]+br[3] > size {
		s.Problem = "la firma no indica bien qué parte del archivo firma (/ByteRange)"
		return
	}
	// The gap left out must be the signature itself, <…>, or anything could hide in it.
	if br[1] >= size || data[br[1]] != '<' || data[br[2]-1] != '>' {
		s.Problem = "la parte que la firma deja fuera no es solo la firma"
		return
	}
	s.Whole = br[2]+br[3] == size
	p7, err := pkcs7.Parse(derValue(s.contents))
	if err != nil {
		s.Problem = "la firma no se puede leer (no es PKCS#7)"
		return
	}
	if c := p7.GetOnlySigner(); c != nil {
		if c.Subject.CommonName != "" {
			s.Signer = c.Subject.CommonName
		}
	}
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err == nil {
		s.Time = t.UTC()
	}
	signed := make([]byte, 0, br[1]+br[3])
	signed = append(signed, data[:br[1]]...)
	signed = append(signed, data[br[2]:br[2]+br[3]]...)
	p7.Content = signed
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			s.Problem = "el archivo cambió después de firmar: la firma no corresponde"
		} else {
			s.Problem = "la firma no se verifica: " + strings.TrimPrefix(err.Error(), "pkcs7: ")
		}
		return
	}
	s.Valid = true
}

// pdfDate reads a PDF date, D:YYYYMMDDHHmmSS with an optional offset.
func pdfDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 14 {
		return time.Time{}, false
	}
	base, rest := s[:14], s[14:]
	loc := time.UTC
	rest = strings.ReplaceAll(rest, "'", "")
	if len(rest) >= 5 && (rest[0] == '+' || rest[0] == '-') {
		if off, err := time.Parse("-0700", rest[:5]); err == nil {
			loc = off.Location()
		}
	}
	t, err := time.ParseInLocation("20060102150405", base, loc)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// end is where the bytes a signature covers end, -1 when it names no valid range.
func (s *Signature) end() int64 {
	if len(s.byteRange) != 4 {
		return -1
	}
	return s.byteRange[2] + s.byteRange[3]
}

// derValue is the DER value at the start of b, without the zeros that pad a signature's
// placeholder. Its length comes from its own header: trimming trailing zeros instead would also
// cut a signature whose last byte happens to be zero.
func derValue(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	n, head := int(b[1]), 2
	if n >= 0x80 {
		k := n & 0x7f
		if k == 0 || k > 4 || len(b) < 2+k {
			return b
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		head += k
	}
	if head+n > len(b) {
		return b
	}
	return b[:head+n]
}
