package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/procedure"
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
		b, err := os.ReadFile(arg)
		if err != nil {
			return usagef("%q no es un código de versión (XXXX-XXXX) ni un archivo legible", arg)
		}
		if code, ok = codeInPDF(b); !ok {
			return notFound{fmt.Sprintf("%s no lleva un código de versión de pauta", arg)}
		}
		fmt.Fprintf(streams.Out, "%s lleva el código de versión %s.\n", arg, code)
	}
	src := os.DirFS(opts.Src)
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

var codePattern = regexp.MustCompile(`[0-9A-F]{4}-[0-9A-F]{4}`)

// codeInPDF reads the version code pauta writes in a PDF's Keywords ("versión D3D3-D692"),
// in the document information dictionary, which is never compressed.
func codeInPDF(b []byte) (string, bool) {
	const key = "/Keywords ("
	for i := bytes.Index(b, []byte(key)); i >= 0; {
		s := pdfString(b[i+len(key):])
		if m := codePattern.FindString(s); m != "" {
			return m, true
		}
		next := bytes.Index(b[i+1:], []byte(key))
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return "", false
}

// pdfString decodes a PDF literal string up to its closing parenthesis: escapes, and UTF-16BE
// when it starts with a byte order mark.
func pdfString(b []byte) string {
	var raw []byte
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
