package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/versions"
)

// VerifyOptions are the flags of pauta verify.
type VerifyOptions struct {
	Src string
}

func newVerifyCmd(streams IO) *cobra.Command {
	opts := VerifyOptions{}
	cmd := &cobra.Command{
		Use:     "verificar CÓDIGO|ARCHIVO.pdf",
		Aliases: []string{"verify"},
		Short:   "Dice a qué versión pertenece un código de versión o un PDF, y si está vigente",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("indique un código de versión (p. ej. D3D3-D692) o un archivo PDF")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), streams, opts, args[0])
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	return cmd
}

// notFound is a verification that found no version: exit code 1, as for a source problem.
type notFound struct{ msg string }

func (e notFound) Error() string { return e.msg }

func runVerify(_ context.Context, streams IO, opts VerifyOptions, arg string) error {
	code, ok := procedure.NormalizeCode(arg)
	if !ok {
		found, err := codeInPDFFile(arg)
		if err != nil {
			return err
		}
		if code, ok = found, found != ""; !ok {
			return notFound{fmt.Sprintf("%s no lleva un código de versión de pauta", arg)}
		}
		fmt.Fprintf(streams.Out, "%s lleva el código de versión %s.\n", arg, code)
	}
	src := projectfs.New(opts.Src)
	vs, err := versions.List(src)
	if err != nil {
		return err
	}
	if v := versions.ByCode(vs, code); v != nil {
		d := &v.Procedure.Decree
		fmt.Fprintf(streams.Out, "El código %s corresponde a la versión %s, aprobada por %s.\n", code, v.ID, d.Citation())
		if v.InForce() {
			fmt.Fprintf(streams.Out, "Estado: vigente desde el %s.\n", d.Date.Long())
		} else {
			next := v.ReplacedBy
			fmt.Fprintf(streams.Out, "Estado: no vigente. Rigió desde el %s; fue reemplazada por la versión %s (%s), vigente desde el %s.\n",
				d.Date.Long(), next.ID, next.Procedure.Decree.Citation(), next.Procedure.Decree.Date.Long())
			if last := vs[len(vs)-1]; last != next {
				fmt.Fprintf(streams.Out, "La versión vigente hoy es la %s (código %s).\n", last.ID, last.Code())
			}
		}
		return nil
	}
	if p, err := site.Load(src); err == nil && p.Code == code {
		fmt.Fprintf(streams.Out, "El código %s es el del texto en preparación (procedure.yaml), que no ha sido publicado: no tiene validez.\n", code)
		return nil
	}
	return notFound{fmt.Sprintf("el código %s no corresponde a ninguna versión publicada de este procedimiento", code)}
}

// findCode returns the first version code in s (four hexadecimal capitals, a hyphen, four
// more), or "". A plain loop rather than a regular expression: it runs on every Keywords
// string of the file, and a hostile file holds as many as it has room for.
func findCode(s string) string {
	hex := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if c := t[i]; (c < '0' || c > '9') && (c < 'A' || c > 'F') {
				return false
			}
		}
		return true
	}
	for i := 0; i+9 <= len(s); i++ {
		if s[i+4] == '-' && hex(s[i:i+4]) && hex(s[i+5:i+9]) {
			return s[i : i+9]
		}
	}
	return ""
}

// maxPDFSize bounds the PDF verify reads. It is read as a stream, so the bound is about time,
// not memory: pauta's largest output, a batch of 10,000 fillable checklists, is about 400 MB,
// and a hostile file of that size is read in some ten seconds.
const maxPDFSize = 512 << 20

// maxKeywords bounds the Keywords string read: pauta writes "versión XXXX-XXXX", some forty
// bytes; a string left open must not make the search read the rest of the file again.
const maxKeywords = 4 << 10

// codeInPDFFile opens the PDF a person named and finds its version code, "" when it has none.
// Only a regular file is read: a device such as /dev/zero never ends, and opening a FIFO
// waits for a writer.
func codeInPDFFile(name string) (string, error) {
	unreadable := usagef("%q no es un código de versión (XXXX-XXXX) ni un archivo legible", name)
	info, err := os.Stat(name)
	if err != nil {
		return "", unreadable
	}
	if !info.Mode().IsRegular() {
		return "", usagef("%s no es un archivo común (es una carpeta, un dispositivo o una tubería): indique el archivo PDF o el código de versión", name)
	}
	if info.Size() > maxPDFSize {
		return "", usagef("%s pesa más de %d MB, más que cualquier PDF de pauta: indique el PDF de la lista o del decreto, o el código de versión impreso", name, maxPDFSize>>20)
	}
	f, err := os.Open(name)
	if err != nil {
		return "", unreadable
	}
	defer f.Close()
	// The file may have been swapped between Stat and Open.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return "", unreadable
	}
	code, err := codeInPDF(io.LimitReader(f, maxPDFSize))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return code, nil
}

// codeInPDF reads the version code pauta writes in a PDF's Keywords ("versión D3D3-D692"),
// in the document information dictionary, which is never compressed. It reads r once,
// forward: the search resumes after each string it read, so the time grows with the file
// however often the key repeats, and memory stays constant whatever the file's size.
func codeInPDF(r io.Reader) (string, error) {
	key := []byte("/Keywords (")
	br := bufio.NewReaderSize(r, 64<<10)
	var raw []byte // reused: a hostile file has a string every few bytes
	for {
		// Peek fills the buffer: a key cut at its end is found whole on the next round,
		// since the last len(key)-1 bytes are kept.
		window, err := br.Peek(br.Size())
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return "", err
		}
		i := bytes.Index(window, key)
		if i < 0 {
			if err == io.EOF {
				return "", nil
			}
			br.Discard(len(window) - (len(key) - 1))
			continue
		}
		br.Discard(i + len(key))
		if raw, err = literal(br, raw[:0]); err != nil {
			return "", err
		}
		if m := findCode(pdfString(raw)); m != "" {
			return m, nil
		}
	}
}

// literal reads the bytes of a PDF literal string, after its opening parenthesis, up to and
// including the closing one, or maxKeywords bytes, or the end of the file; appended to raw.
func literal(br *bufio.Reader, raw []byte) ([]byte, error) {
	window, err := br.Peek(maxKeywords)
	if err == io.EOF || err == bufio.ErrBufferFull {
		err = nil
	}
	end, depth := len(window), 0
scan:
	for i := 0; i < len(window); i++ {
		switch window[i] {
		case '\\':
			i++ // the escaped byte is never a delimiter
		case '(':
			depth++
		case ')':
			if depth == 0 {
				end = i + 1
				break scan
			}
			depth--
		}
	}
	raw = append(raw, window[:end]...)
	br.Discard(end)
	return raw, err
}

// pdfString decodes a PDF literal string up to its closing parenthesis: escapes, and UTF-16BE
// when it starts with a byte order mark.
func pdfString(b []byte) string {
	raw := make([]byte, 0, len(b))
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			i++
			switch b[i] {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			default:
				raw = append(raw, b[i])
			}
			continue
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return decodeText(raw)
			}
			depth--
		}
		raw = append(raw, c)
	}
	return decodeText(raw)
}

func decodeText(raw []byte) string {
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return strings.ToValidUTF8(string(raw), "")
}
