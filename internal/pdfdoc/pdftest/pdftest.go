// Package pdftest runs the real PDF tools (poppler-utils, qpdf, zbar-tools) on PDFs made in
// tests, so the checklist and decree tests check what a reader's software sees rather than
// what the code meant to write. Missing tools skip a test locally and fail it in CI, through
// internal/testtool. Every PDF a test writes through File is also validated by pdfcpu in
// strict mode, an implementation independent of pdfdoc that needs no installed tool.
package pdftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/requinoa/pauta/internal/testtool"
)

func init() {
	// pdfcpu otherwise reads and writes a configuration in the user's home; tests read
	// nothing outside the repository.
	model.ConfigPath = "disable"
}

// File writes pdf to a temporary file and returns its path, after Validate.
func File(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	Validate(t, name, pdf)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatalf("writing %s: %v", path, err)
	}
	return path
}

// Foreign writes a PDF that another program made (Chromium's print of a page) to a temporary
// file and returns its path, without Validate: pdfcpu judges pauta's PDF writer, not theirs.
func Foreign(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatalf("writing %s: %v", path, err)
	}
	return path
}

// Validate fails the test unless pdfcpu, in strict mode, finds pdf a valid PDF.
func Validate(t testing.TB, name string, pdf []byte) {
	t.Helper()
	if err := validate(pdf); err != nil {
		t.Fatalf("pdfcpu (strict) refuses %s: %v", name, err)
	}
}

func validate(pdf []byte) (err error) {
	// pdfcpu reports some malformed input by panicking; that is a refusal too.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return api.Validate(bytes.NewReader(pdf), conf)
}

// Run runs a tool from pkg and returns its standard output; a failure fails the test with
// the tool's error output.
func Run(t testing.TB, pkg, program string, args ...string) string {
	t.Helper()
	path := testtool.Require(t, program, pkg)
	var out, errOut bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", program, strings.Join(args, " "), err, errOut.String(), out.String())
	}
	return out.String()
}

// Text is pdftotext's output in content-stream order (-raw), so the words of a wrapped line
// follow each other, with white space collapsed to single spaces. pages selects a range
// ("2", "1-3"); empty means all.
func Text(t testing.TB, path string, pages string) string {
	t.Helper()
	args := []string{"-raw", "-enc", "UTF-8"}
	if pages != "" {
		first, last, _ := strings.Cut(pages, "-")
		if last == "" {
			last = first
		}
		args = append(args, "-f", first, "-l", last)
	}
	args = append(args, path, "-")
	return Collapse(Run(t, "poppler-utils", "pdftotext", args...))
}

// Collapse turns every run of white space into one space.
func Collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Info is what pdfinfo says of a file.
type Info struct {
	Pages         int
	Width, Height float64 // points
}

var (
	pagesRE = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	sizeRE  = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
)

// PDFInfo runs pdfinfo.
func PDFInfo(t testing.TB, path string) Info {
	t.Helper()
	out := Run(t, "poppler-utils", "pdfinfo", path)
	var info Info
	if m := pagesRE.FindStringSubmatch(out); m != nil {
		info.Pages, _ = strconv.Atoi(m[1])
	}
	if m := sizeRE.FindStringSubmatch(out); m != nil {
		info.Width, _ = strconv.ParseFloat(m[1], 64)
		info.Height, _ = strconv.ParseFloat(m[2], 64)
	}
	if info.Pages == 0 || info.Width == 0 {
		t.Fatalf("pdfinfo %s: cannot read pages and size from:\n%s", path, out)
	}
	return info
}

// Font is one line of pdffonts.
type Font struct {
	Name     string
	Embedded bool
}

// Fonts lists the fonts pdffonts finds in the file.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	out := Run(t, "poppler-utils", "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdffonts %s: unexpected output:\n%s", path, out)
	}
	// The columns are fixed-width; the dashes line under the header marks them.
	cols := strings.Fields(lines[1])
	embAt := 0
	for i := 0; i < 3; i++ {
		embAt += len(cols[i]) + 1
	}
	var fonts []Font
	for _, l := range lines[2:] {
		if len(l) < embAt+3 {
			t.Fatalf("pdffonts: short line %q", l)
		}
		fonts = append(fonts, Font{Name: strings.Fields(l)[0], Embedded: l[embAt:embAt+3] == "yes"})
	}
	return fonts
}

// QPDFJSON decodes into v what `qpdf --json args...` says of a file (args name the file and
// the keys wanted, e.g. "--json-key=acroform", path): the structure as an independent
// reader sees it.
func QPDFJSON(t testing.TB, v any, args ...string) {
	t.Helper()
	raw := Run(t, "qpdf", "qpdf", append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("qpdf JSON: %v\n%s", err, raw)
	}
}

// QPDFCheck fails the test unless qpdf --check finds the file sound.
func QPDFCheck(t testing.TB, path string) {
	t.Helper()
	out := Run(t, "qpdf", "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check %s:\n%s", path, out)
	}
}

// PNG renders one page with pdftoppm at dpi and returns the PNG's path.
func PNG(t testing.TB, path string, page, dpi int) string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	p := strconv.Itoa(page)
	Run(t, "poppler-utils", "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", path, prefix)
	return prefix + ".png"
}

// QRCodes decodes the QR codes zbarimg finds on one page rendered at 150 dpi, the resolution
// of an ordinary office scan.
func QRCodes(t testing.TB, path string, page int) []string {
	t.Helper()
	png := PNG(t, path, page, 150)
	zbar := testtool.Require(t, "zbarimg", "zbar-tools")
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png).Output()
	if err != nil {
		t.Fatalf("zbarimg found no QR code on page %d: %v", page, err)
	}
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

// Word is a word pdftotext -bbox found, with its box in points from the page's top-left.
type Word struct {
	Page                   int
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var (
	pageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// Words lists every word of the file with its position.
func Words(t testing.TB, path string) []Word {
	t.Helper()
	out := Run(t, "poppler-utils", "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var words []Word
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if pageRE.MatchString(line) {
			page++
			continue
		}
		m := wordRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w := Word{Page: page, Text: m[5]}
		w.XMin, _ = strconv.ParseFloat(m[1], 64)
		w.YMin, _ = strconv.ParseFloat(m[2], 64)
		w.XMax, _ = strconv.ParseFloat(m[3], 64)
		w.YMax, _ = strconv.ParseFloat(m[4], 64)
		words = append(words, w)
	}
	return words
}

// MM converts millimetres to points.
func MM(mm float64) float64 { return mm * 72 / 25.4 }

// Form is a PDF's interactive form as pdfcpu reads it, independently of the code that wrote
// it.
type Form struct {
	SigFlags int // the AcroForm's /SigFlags, 0 when absent
	Fields   []FormField
}

// FormField is one field of the form's tree: its full name (parents' names joined by
// dots), its type (/FT: "Tx", "Btn", "Sig") and flags (/Ff), inherited as PDF 1.7 §12.7.3.1
// says.
type FormField struct {
	Name  string
	Type  string
	Flags int
}

// ReadForm reads the AcroForm of pdf with pdfcpu; a PDF without one fails the test.
func ReadForm(t testing.TB, pdf []byte) Form {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatalf("pdfcpu reading the PDF: %v", err)
	}
	x := ctx.XRefTable
	cat, err := x.Catalog()
	if err != nil {
		t.Fatalf("pdfcpu: catalog: %v", err)
	}
	af, err := x.DereferenceDict(cat["AcroForm"])
	if err != nil || af == nil {
		t.Fatalf("the PDF has no /AcroForm (%v)", err)
	}
	var form Form
	if o, ok := af["SigFlags"]; ok {
		n, err := x.DereferenceInteger(o)
		if err != nil || n == nil {
			t.Fatalf("/SigFlags is not an integer: %v", err)
		}
		form.SigFlags = n.Value()
	}
	var walk func(o types.Object, parent FormField) error
	walk = func(o types.Object, parent FormField) error {
		d, err := x.DereferenceDict(o)
		if err != nil || d == nil {
			return fmt.Errorf("field %v: %v", o, err)
		}
		f := parent
		if s, ok := d["T"]; ok {
			name, err := x.DereferenceStringOrHexLiteral(s, model.V10, nil)
			if err != nil {
				return err
			}
			if f.Name != "" {
				name = f.Name + "." + name
			}
			f.Name = name
		}
		if n, ok := d["FT"].(types.Name); ok {
			f.Type = n.Value()
		}
		if o, ok := d["Ff"]; ok {
			n, err := x.DereferenceInteger(o)
			if err != nil || n == nil {
				return fmt.Errorf("field %s: /Ff: %v", f.Name, err)
			}
			f.Flags = n.Value()
		}
		kids, err := x.DereferenceArray(d["Kids"])
		if err != nil {
			return err
		}
		named := 0
		for _, k := range kids {
			kd, err := x.DereferenceDict(k)
			if err != nil {
				return err
			}
			if _, ok := kd["T"]; ok {
				named++
				if err := walk(k, f); err != nil {
					return err
				}
			}
		}
		if named == 0 {
			form.Fields = append(form.Fields, f) // a terminal field; its kids are widgets
		}
		return nil
	}
	fields, err := x.DereferenceArray(af["Fields"])
	if err != nil {
		t.Fatalf("/Fields: %v", err)
	}
	for _, o := range fields {
		if err := walk(o, FormField{}); err != nil {
			t.Fatalf("pdfcpu reading the form: %v", err)
		}
	}
	return form
}

// FormFont is a font of the form's default resources (the AcroForm's /DR), as pdfcpu reads
// it: what a viewer draws typed text with.
type FormFont struct {
	BaseFont            string
	FirstChar, LastChar int
	Widths              []float64
	Descriptor          string // the /FontName of its /FontDescriptor; "" without one
}

// ReadFormFont reads the font the form's /DR names name ("Helv"); a PDF without it fails the
// test.
func ReadFormFont(t testing.TB, pdf []byte, name string) FormFont {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatalf("pdfcpu reading the PDF: %v", err)
	}
	x := ctx.XRefTable
	dict := func(d types.Dict, key string) types.Dict {
		t.Helper()
		v, err := x.DereferenceDict(d[key])
		if err != nil || v == nil {
			t.Fatalf("no /%s dictionary (%v)", key, err)
		}
		return v
	}
	cat, err := x.Catalog()
	if err != nil {
		t.Fatalf("pdfcpu: catalog: %v", err)
	}
	font := dict(dict(dict(dict(cat, "AcroForm"), "DR"), "Font"), name)
	var f FormFont
	if n, ok := font["BaseFont"].(types.Name); ok {
		f.BaseFont = n.Value()
	}
	for key, to := range map[string]*int{"FirstChar": &f.FirstChar, "LastChar": &f.LastChar} {
		if o, ok := font[key]; ok {
			n, err := x.DereferenceInteger(o)
			if err != nil || n == nil {
				t.Fatalf("font %s: /%s is not an integer: %v", name, key, err)
			}
			*to = n.Value()
		}
	}
	widths, err := x.DereferenceArray(font["Widths"])
	if err != nil {
		t.Fatalf("font %s: /Widths: %v", name, err)
	}
	for _, o := range widths {
		v, err := x.DereferenceNumber(o)
		if err != nil {
			t.Fatalf("font %s: /Widths holds %v: %v", name, o, err)
		}
		f.Widths = append(f.Widths, v)
	}
	if _, ok := font["FontDescriptor"]; ok {
		if n, ok := dict(font, "FontDescriptor")["FontName"].(types.Name); ok {
			f.Descriptor = n.Value()
		}
	}
	return f
}
