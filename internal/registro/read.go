package registro

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Unreadable is why a file is not a checklist the register can read, in Spanish for the
// list of files left out.
type Unreadable struct{ Reason string }

func (u *Unreadable) Error() string { return u.Reason }

func unreadable(format string, args ...any) error {
	return &Unreadable{Reason: fmt.Sprintf(format, args...)}
}

// Document is what one PDF holds: its version code and the values of every form field,
// grouped by sheet, and its signatures.
type Document struct {
	Code       string // version code from the document information (Keywords "versión …")
	Printed    string // version code printed on the first page, "" when its text cannot be read
	Sheets     []*Sheet
	Signatures []*Signature
	Size       int
}

// Sheet is one checklist of a file: a batch printed with --copies holds one per copy, named
// by the prefix pauta gives its fields ("folio0041-", "copia02-", none for a single sheet).
type Sheet struct {
	Prefix string
	Folio  int               // 0 when the sheet was printed without folio
	Values map[string]string // field name without the prefix → value ("" when empty)
	// Kinds records each field's type (Tx, Btn, Sig), so an answer field can be told from a
	// text of the same name.
	Kinds map[string]string
	// Signed holds the names (without prefix) of this sheet's signature fields that carry
	// a signature.
	Signed map[string]*Signature
}

// pdfcpuSetup keeps pdfcpu from creating its configuration folder in the user's home: the
// register reads files and writes only its own output.
var pdfcpuSetup sync.Once

// endsLikeAPDF reports whether data ends, but for white space, with the %%EOF marker that
// every complete PDF (and every incremental update) writes last.
func endsLikeAPDF(data []byte) bool {
	tail := bytes.TrimRight(data[max(0, len(data)-1024):], "\x00\t\r\n ")
	return bytes.HasSuffix(tail, []byte("%%EOF"))
}

// sheetPrefix matches the prefix pauta checklist gives each copy's fields.
var sheetPrefix = regexp.MustCompile(`^(folio([0-9]+)|copia[0-9]+)-(.+)$`)

// Read reads the form of one PDF. An error of type *Unreadable says why the file is not a
// filled checklist; any other error is a bug.
func Read(data []byte) (doc *Document, err error) {
	pdfcpuSetup.Do(api.DisableConfigDir)
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, unreadable("no es un PDF")
	}
	// pdfcpu recovers most of its own failures; a damaged file must never stop the register.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, unreadable("el PDF está dañado (%v)", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, rerr := api.ReadContext(bytes.NewReader(data), conf)
	if rerr != nil {
		if encrypted(data) {
			return nil, unreadable("el PDF está cifrado (protegido con contraseña): entregue el original sin cifrar")
		}
		return nil, unreadable("el PDF está dañado o incompleto (¿se copió o guardó a medias?)")
	}
	if ctx.XRefTable.Encrypt != nil || ctx.E != nil {
		return nil, unreadable("el PDF está cifrado (protegido con contraseña): entregue el original sin cifrar")
	}
	xt := ctx.XRefTable
	doc = &Document{Size: len(data)}
	doc.Code = versionCode(xt)
	fields, err := collectFields(xt)
	if err != nil {
		return nil, unreadable("el PDF está dañado: su formulario no se puede leer")
	}
	doc.Printed = printedCode(xt)
	if len(fields) == 0 {
		// pdfcpu rebuilds a cut file from what is left; without its end, the missing form
		// is the damage, not a sign of another program's PDF.
		if !endsLikeAPDF(data) {
			return nil, unreadable("el PDF está dañado o incompleto (¿se copió o guardó a medias?)")
		}
		return nil, unreadable("el PDF no tiene campos de formulario: no es una lista de verificación llenable de pauta")
	}
	sheets := map[string]*Sheet{}
	for _, f := range fields {
		prefix, name, folio := "", f.name, 0
		if m := sheetPrefix.FindStringSubmatch(f.name); m != nil {
			prefix, name = strings.TrimSuffix(f.name, m[3]), m[3]
			if m[2] != "" {
				folio, _ = strconv.Atoi(m[2])
			}
		}
		if f.kind == "Sig" && f.sig != nil && prefix == "" && !strings.HasPrefix(name, "firma-") {
			// A signature in a field of the signer's own (pdfsign, some versions of
			// Acrobat): it belongs to the document, matched to a block later.
			doc.Signatures = append(doc.Signatures, f.sig)
			continue
		}
		s := sheets[prefix]
		if s == nil {
			s = &Sheet{Prefix: prefix, Folio: folio, Values: map[string]string{}, Kinds: map[string]string{}, Signed: map[string]*Signature{}}
			sheets[prefix] = s
		}
		s.Values[name] = f.value
		s.Kinds[name] = f.kind
		if f.sig != nil {
			f.sig.Field = f.name
			s.Signed[name] = f.sig
			doc.Signatures = append(doc.Signatures, f.sig)
		}
	}
	for _, s := range sheets {
		doc.Sheets = append(doc.Sheets, s)
	}
	sort.Slice(doc.Sheets, func(i, j int) bool { return doc.Sheets[i].Prefix < doc.Sheets[j].Prefix })
	for _, sig := range doc.Signatures {
		verify(sig, data)
	}
	return doc, nil
}

func encrypted(data []byte) bool { return bytes.Contains(data, []byte("/Encrypt")) }

// versionCode is the code pauta writes in the document information as "versión CODE".
func versionCode(xt *model.XRefTable) string {
	if xt.Info == nil {
		return ""
	}
	info, err := xt.DereferenceDict(*xt.Info)
	if err != nil || info == nil {
		return ""
	}
	kw, err := xt.DereferenceText(info["Keywords"])
	if err != nil {
		return ""
	}
	for _, w := range strings.Fields(kw) {
		if w != "versión" && w != "version" {
			return w
		}
	}
	return ""
}

type field struct {
	name  string
	kind  string
	value string
	sig   *Signature
}

// collectFields returns every terminal field, from the form's /Fields and from the pages'
// widgets: a signer that rewrites /AcroForm with its own fields only (pdfsign does) leaves
// the filled fields reachable from the pages alone.
func collectFields(xt *model.XRefTable) ([]field, error) {
	seen := map[int]bool{}
	var out []field
	var visit func(o types.Object, depth int) error
	visit = func(o types.Object, depth int) error {
		if depth > 32 {
			return errors.New("campos anidados sin fin")
		}
		ref, ok := o.(types.IndirectRef)
		if ok {
			if seen[ref.ObjectNumber.Value()] {
				return nil
			}
			seen[ref.ObjectNumber.Value()] = true
		}
		d, err := xt.DereferenceDict(o)
		if err != nil || d == nil {
			return err
		}
		if kids, err := xt.DereferenceArray(d["Kids"]); err == nil && len(kids) > 0 {
			terminal := true
			for _, k := range kids {
				kd, err := xt.DereferenceDict(k)
				if err == nil && kd != nil && kd["T"] != nil {
					terminal = false
				}
			}
			if !terminal {
				for _, k := range kids {
					if err := visit(k, depth+1); err != nil {
						return err
					}
				}
				return nil
			}
		}
		f, err := readField(xt, d)
		if err != nil {
			return err
		}
		if f.name != "" {
			out = append(out, f)
		}
		return nil
	}
	root, err := xt.Catalog()
	if err != nil {
		return nil, err
	}
	if af, err := xt.DereferenceDict(root["AcroForm"]); err == nil && af != nil {
		if fs, err := xt.DereferenceArray(af["Fields"]); err == nil {
			for _, f := range fs {
				if err := visit(f, 0); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := xt.EnsurePageCount(); err != nil {
		return nil, err
	}
	for p := 1; p <= xt.PageCount; p++ {
		pd, _, _, err := xt.PageDict(p, false)
		if err != nil {
			return nil, err
		}
		annots, err := xt.DereferenceArray(pd["Annots"])
		if err != nil {
			continue
		}
		for _, a := range annots {
			ad, err := xt.DereferenceDict(a)
			if err != nil || ad == nil {
				continue
			}
			// A widget of a field with several widgets (a radio group) names the field
			// through /Parent; reach the field itself.
			target := a
			for range 32 {
				if ad["T"] != nil || ad["Parent"] == nil {
					break
				}
				target = ad["Parent"]
				if ad, err = xt.DereferenceDict(target); err != nil || ad == nil {
					break
				}
			}
			if err := visit(target, 0); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// readField reads a terminal field: its full name, type and value, climbing /Parent for
// what is inherited.
func readField(xt *model.XRefTable, d types.Dict) (field, error) {
	var names []string
	var kind string
	var v types.Object
	cur := d
	for range 32 {
		if t, err := xt.DereferenceText(cur["T"]); err == nil && t != "" {
			names = append(names, t)
		}
		if kind == "" {
			if n, ok := deref(xt, cur["FT"]).(types.Name); ok {
				kind = string(n)
			}
		}
		if v == nil && cur["V"] != nil {
			v = cur["V"]
		}
		p := cur["Parent"]
		if p == nil {
			break
		}
		pd, err := xt.DereferenceDict(p)
		if err != nil || pd == nil {
			break
		}
		cur = pd
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	f := field{name: strings.Join(names, "."), kind: kind}
	switch kind {
	case "Btn":
		if n, ok := deref(xt, v).(types.Name); ok && n != "Off" {
			f.value = string(n)
		}
	case "Sig":
		if v != nil {
			sd, err := xt.DereferenceDict(v)
			if err == nil && sd != nil {
				f.sig = readSignature(xt, sd)
				f.value = "firmado"
			}
		}
	default:
		if v != nil {
			if s, err := xt.DereferenceText(v); err == nil {
				f.value = strings.TrimSpace(s)
			} else if a, ok := deref(xt, v).(types.Array); ok {
				// A list box with several choices.
				var parts []string
				for _, e := range a {
					if s, err := xt.DereferenceText(e); err == nil {
						parts = append(parts, s)
					}
				}
				f.value = strings.Join(parts, ", ")
			}
		}
	}
	return f, nil
}

func deref(xt *model.XRefTable, o types.Object) types.Object {
	if o == nil {
		return nil
	}
	r, err := xt.Dereference(o)
	if err != nil {
		return nil
	}
	return r
}
