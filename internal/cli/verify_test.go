package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Literal is s as pauta's PDF writer stores a non-ASCII text string: UTF-16BE after a
// byte order mark, with the parentheses and backslashes escaped.
func utf16Literal(s string) string {
	var b strings.Builder
	b.WriteString("\xfe\xff")
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			if c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

func TestCodeInPDF(t *testing.T) {
	long := strings.Repeat("x", maxKeywords+10)
	tests := []struct {
		name, pdf, want string
	}{
		{"plain", "%PDF-1.7\n1 0 obj << /Keywords (versión D3D3-D692) >> endobj", "D3D3-D692"},
		{"utf-16", "<< /Keywords (" + utf16Literal("versión 0A1B-2C3D") + ") >>", "0A1B-2C3D"},
		{"escaped parentheses", `<< /Keywords (a \) b \( c versión 0A1B-2C3D) >>`, "0A1B-2C3D"},
		{"the code after the string does not count", "<< /Keywords (versión) >> (0A1B-2C3D)", ""},
		{"first string without a code, second with", "/Keywords (nada) /Keywords (versión 0A1B-2C3D)", "0A1B-2C3D"},
		{"a string left open is read only so far", "/Keywords (" + long + " versión 0A1B-2C3D)", ""},
		{"a code after a string left open", "/Keywords (" + long + " /Keywords (versión 0A1B-2C3D)", "0A1B-2C3D"},
		{"the key repeated", strings.Repeat("/Keywords (", 1000), ""},
		{"the key cut short", "/Keyword/Keywords (versión 0A1B-2C3D)", "0A1B-2C3D"},
		{"no key", "versión 0A1B-2C3D", ""},
		// The reader looks through a 64 KB window: a key or a string cut by its edge counts.
		{"key across the window's edge", strings.Repeat(" ", 64<<10-5) + "/Keywords (versión 0A1B-2C3D)", "0A1B-2C3D"},
		{"string across the window's edge", strings.Repeat(" ", 64<<10-15) + "/Keywords (versión 0A1B-2C3D)", "0A1B-2C3D"},
		{"key at the very end", strings.Repeat(" ", 64<<10) + "/Keywords (", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := codeInPDF(strings.NewReader(tt.pdf))
			if err != nil || got != tt.want {
				t.Errorf("codeInPDF = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestVerifyRefusesWhatIsNotAPDFFile: verify is given the name of a file to read; a device,
// a folder or a file larger than any PDF pauta writes is refused as a wrong command line,
// at once and without reading it.
func TestVerifyRefusesWhatIsNotAPDFFile(t *testing.T) {
	dir := newProject(t)
	big := filepath.Join(t.TempDir(), "enorme.pdf")
	if err := os.WriteFile(big, []byte("%PDF-1.7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file: its size is what counts, and it takes no disk.
	if err := os.Truncate(big, maxPDFSize+1); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ arg, want string }{
		{"/dev/zero", "/dev/zero no es un archivo común"},
		{t.TempDir(), "no es un archivo común (es una carpeta, un dispositivo o una tubería)"},
		{big, fmt.Sprintf("enorme.pdf pesa más de %d MB", maxPDFSize>>20)},
		{filepath.Join(dir, "no-existe.pdf"), "no es un código de versión (XXXX-XXXX) ni un archivo legible"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.arg), func(t *testing.T) {
			if _, err := os.Stat(tt.arg); tt.arg == "/dev/zero" && err != nil {
				t.Skip("no /dev/zero on this system")
			}
			code, _, stderr := run(t, "verify", "--src", dir, tt.arg)
			if code != ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", code, ExitUsage, stderr, tt.want)
			}
		})
	}
}

// TestVerifyRepeatedKey: the file that took 109 s (256 KB of "/Keywords (") is read and
// answered; a quadratic search would run past the test's deadline.
func TestVerifyRepeatedKey(t *testing.T) {
	dir := newProject(t)
	name := filepath.Join(t.TempDir(), "claves.pdf")
	if err := os.WriteFile(name, bytes.Repeat([]byte("/Keywords ("), 256<<10/11), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "verify", "--src", dir, name)
	if code != ExitSource || !strings.Contains(stderr, "claves.pdf no lleva un código de versión de pauta") {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitSource, stderr)
	}
}

// BenchmarkCodeInPDF reads files of growing size: the throughput (MB/s) stays the same from
// one size to the next, so the time grows with the size, not its square. "key" files are the
// key repeated, never closed (the hostile case); "text" files hold no key at all, like the
// bulk of a real PDF before its information dictionary.
func BenchmarkCodeInPDF(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10, 1 << 20, 4 << 20} {
		text := bytes.Repeat([]byte("BT /F1 9 Tf (Se verificó la identidad) Tj ET\n"), size/47)
		b.Run(fmt.Sprintf("text-%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if code, err := codeInPDF(bytes.NewReader(text)); code != "" || err != nil {
					b.Fatal(code, err)
				}
			}
		})
		pdf := bytes.Repeat([]byte("/Keywords ("), size/11)
		b.Run(fmt.Sprintf("key-%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(pdf)))
			for b.Loop() {
				if code, err := codeInPDF(bytes.NewReader(pdf)); code != "" || err != nil {
					b.Fatal(code, err)
				}
			}
		})
	}
}
