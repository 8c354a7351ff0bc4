// Package registro is the session register: it reads back the checklists that pauta
// checklist --fillable printed, once technicians and users have filled and signed them, checks
// each against the published version it was printed from, and writes the register the
// Dirección de Control asks for (a CSV for spreadsheets, an HTML table, a PDF summary).
//
// The PDFs are read with pdfcpu, which understands what other programs write when they save
// a form (rewritten files, incremental updates, cross-reference streams, object streams);
// signatures are verified with digitorus/pkcs7. The input files are only read. The register
// depends only on the files and the day it is made: the same folder gives the same bytes.
package registro

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

// Source is one file of the folder: its path relative to the folder, slash-separated, and
// its bytes.
type Source struct {
	Name string
	Data []byte
}

// Entry is one checklist of the register.
type Entry struct {
	File    string
	Folio   int
	Code    string            // the version code the file carries
	Version *versions.Version // the published version the sheet is, nil when unknown
	Form    *Form
	Values  map[string]string // input id → what the sheet says; a line's id → "Sí", "No", "N/A"
	Date    procedure.Date    // the session date, zero when unreadable
	// Signatures by block id; a block with no signature is absent.
	Signatures map[string]*Signature
	Problems   []string
}

// Rejected is a file left out of the register, with the reason.
type Rejected struct {
	File   string
	Reason string
}

// Issued is a range of folios printed by pauta checklist, from the ledger.
type Issued struct {
	Date     string
	From, To int
	Code     string
}

// Register is the result of reading a folder.
type Register struct {
	Entries  []*Entry
	Rejected []Rejected
	Versions []*versions.Version
	Ledger   []Issued
	// NotReturned are folios the ledger says were printed and no file carries; Twice are
	// folios carried by more than one sheet.
	NotReturned []int
	Twice       []int
	Today       procedure.Date
}

// Options are what the register is checked against.
type Options struct {
	Versions []*versions.Version // published versions, oldest first
	Ledger   []Issued
	Today    procedure.Date
	// Progress, when set, is called after each file is read with the count done and the
	// total.
	Progress func(done, total int)
}

// Build reads every source and checks it.
func Build(ctx context.Context, sources []Source, opt Options) (*Register, error) {
	forms := make([]*Form, len(opt.Versions))
	for i, v := range opt.Versions {
		forms[i] = newForm(v)
	}
	type result struct {
		doc *Document
		err error
	}
	// Each file is read on its own core into its own slot, so the register keeps the
	// folder's order whatever order the reads finish in.
	results := make([]result, len(sources))
	var mu sync.Mutex
	done := 0
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range sources {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			d, err := Read(sources[i].Data)
			results[i] = result{d, err}
			if opt.Progress != nil {
				mu.Lock()
				done++
				opt.Progress(done, len(sources))
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	reg := &Register{Versions: opt.Versions, Ledger: opt.Ledger, Today: opt.Today}
	for i, r := range results {
		name := sources[i].Name
		if r.err != nil {
			u, ok := r.err.(*Unreadable)
			if !ok {
				return nil, fmt.Errorf("%s: %w", name, r.err)
			}
			reg.Rejected = append(reg.Rejected, Rejected{File: name, Reason: u.Reason})
			continue
		}
		entries, reason := entriesOf(name, r.doc, forms, opt)
		if reason != "" {
			reg.Rejected = append(reg.Rejected, Rejected{File: name, Reason: reason})
			continue
		}
		reg.Entries = append(reg.Entries, entries...)
	}
	reg.crossCheck()
	return reg, nil
}

// entriesOf turns a document into entries, or says why it is not a checklist of this
// project.
func entriesOf(name string, doc *Document, forms []*Form, opt Options) ([]*Entry, string) {
	var out []*Entry
	if doc.Code == "" {
		// The program that filled it dropped the document information; the paper still
		// says its version.
		doc.Code = doc.Printed
	}
	for _, s := range doc.Sheets {
		e := &Entry{File: name, Folio: s.Folio, Code: doc.Code, Values: map[string]string{}, Signatures: map[string]*Signature{}}
		e.Form = formFor(doc.Code, s, forms)
		if e.Form == nil {
			if doc.Code != "" && !slices.ContainsFunc(forms, func(f *Form) bool { return f.Version.Code() == doc.Code }) {
				return nil, fmt.Sprintf("la versión %s no es una versión publicada de este procedimiento (¿un borrador, u otro proyecto?)", doc.Code)
			}
			if doc.Code != "" {
				return nil, fmt.Sprintf("los campos del formulario no son los de la versión %s que indica el archivo", doc.Code)
			}
			return nil, "no es una lista de verificación de este procedimiento: sus campos no son los de ninguna versión publicada"
		}
		e.Version = e.Form.Version
		if doc.Code != "" && doc.Code != e.Version.Code() {
			e.Problems = append(e.Problems, fmt.Sprintf("el archivo dice versión %s pero sus campos son los de la versión %s", doc.Code, e.Version.Code()))
		}
		if doc.Code == "" {
			e.Code = e.Version.Code()
		}
		if doc.Printed != "" && doc.Printed != doc.Code {
			e.Problems = append(e.Problems, fmt.Sprintf("la hoja impresa dice versión %s pero el archivo dice %s", doc.Printed, doc.Code))
		}
		if len(doc.Sheets) > 1 && blank(s) {
			continue // the unused copies of a batch saved whole
		}
		check(e, s, doc, opt)
		out = append(out, e)
	}
	if len(out) == 0 && len(doc.Sheets) > 0 {
		return nil, "ninguna hoja del archivo fue llenada"
	}
	return out, ""
}

// formFor is the form of the version the file names, when the sheet fits it; a file that
// lost its document information (a program that rewrites the file may drop it) is known by
// its fields, newest version first.
func formFor(code string, s *Sheet, forms []*Form) *Form {
	for _, f := range forms {
		if f.Version.Code() == code && f.fits(s) {
			return f
		}
	}
	if code != "" && slices.ContainsFunc(forms, func(f *Form) bool { return f.Version.Code() == code }) {
		return nil
	}
	for i := len(forms) - 1; i >= 0; i-- {
		if forms[i].fits(s) {
			if code != "" {
				return nil
			}
			return forms[i]
		}
	}
	return nil
}

func blank(s *Sheet) bool {
	for _, v := range s.Values {
		if v != "" {
			return false
		}
	}
	return true
}

// lineRef finds references to lines in the observations: "A3", "A.3", "A 3", "línea B2".
var lineRef = regexp.MustCompile(`(?i)\b([A-Z])[ .]?([0-9]{1,2})\b`)

func check(e *Entry, s *Sheet, doc *Document, opt Options) {
	f := e.Form
	problem := func(format string, args ...any) { e.Problems = append(e.Problems, fmt.Sprintf(format, args...)) }
	for _, in := range f.Inputs {
		if in.Type == "choice" {
			keys := make([]string, len(in.Options))
			for i, o := range in.Options {
				keys[i] = squash(o)
			}
			picked, unknown := choice(s, in.ID, keys)
			switch {
			case unknown != "":
				problem("%s: respuesta desconocida «%s»", in.Label, unknown)
			case len(picked) > 1:
				problem("%s: más de una opción marcada", in.Label)
			case len(picked) == 1:
				e.Values[in.ID] = in.Options[slices.Index(keys, picked[0])]
			}
			continue
		}
		e.Values[in.ID] = s.Values[in.ID]
	}
	for _, b := range f.Sigs {
		for _, l := range b.Lines {
			e.Values[l.ID] = s.Values[l.ID]
		}
	}
	e.Values[Observations] = s.Values[Observations]

	// Lines: answered once each; a "No" explained.
	keys := []string{"si", "no", "na"}
	var noes []Line
	for _, l := range f.Lines {
		id := l.ID
		if _, ok := s.Values[l.Field()]; ok {
			id = l.Field()
		}
		picked, unknown := choice(s, id, keys)
		switch {
		case unknown != "":
			problem("línea %s con una respuesta desconocida «%s»", l.Ref, unknown)
		case len(picked) == 0:
			problem("línea %s sin responder (%s)", l.Ref, l.Text)
		case len(picked) > 1:
			problem("línea %s con más de una respuesta marcada", l.Ref)
		default:
			e.Values[l.ID] = answers[slices.Index(keys, picked[0])].label
			if picked[0] == "no" {
				noes = append(noes, l)
			}
		}
	}
	obs := strings.TrimSpace(s.Values[Observations])
	cited := map[string]bool{}
	for _, m := range lineRef.FindAllStringSubmatch(obs, -1) {
		cited[strings.ToUpper(m[1])+m[2]] = true
	}
	for _, l := range noes {
		// One "No" is explained by any observation; several need each its reference, so
		// one sentence cannot stand for all.
		if obs == "" || len(noes) > 1 && !cited[l.Ref] {
			problem("línea %s marcada «No» sin explicación en las observaciones", l.Ref)
		}
	}

	// Date and times.
	var dateIn, startIn, endIn *Input
	for i := range f.Inputs {
		in := &f.Inputs[i]
		switch in.Type {
		case "date":
			if dateIn == nil {
				dateIn = in
			}
		case "time":
			if startIn == nil {
				startIn = in
			} else {
				endIn = in
			}
		}
	}
	if dateIn != nil {
		raw := e.Values[dateIn.ID]
		d, ok := parseDate(raw)
		switch {
		case raw == "":
			problem("sin %s", strings.ToLower(dateIn.Label))
		case !ok:
			problem("%s ilegible «%s»: escríbala como DD-MM-AAAA", dateIn.Label, raw)
		default:
			e.Date = d
			checkDate(e, d, opt, problem)
		}
	}
	if startIn != nil && endIn != nil {
		a, b := e.Values[startIn.ID], e.Values[endIn.ID]
		ta, oka := parseTime(a)
		tb, okb := parseTime(b)
		switch {
		case a == "" || b == "":
			if a == "" {
				problem("sin %s", strings.ToLower(startIn.Label))
			}
			if b == "" {
				problem("sin %s", strings.ToLower(endIn.Label))
			}
		case !oka:
			problem("%s ilegible «%s»: escríbala como HH:MM", startIn.Label, a)
		case !okb:
			problem("%s ilegible «%s»: escríbala como HH:MM", endIn.Label, b)
		case tb <= ta:
			problem("%s (%s) no es posterior a %s (%s)", endIn.Label, b, strings.ToLower(startIn.Label), a)
		}
	}

	// Signatures: each block signed, each signature verified, nothing added after the last.
	extra := slices.Clone(doc.Signatures)
	extra = slices.DeleteFunc(extra, func(sig *Signature) bool { return sig.Field != "" })
	for _, b := range f.Sigs {
		if sig := s.Signed["firma-"+b.ID]; sig != nil {
			e.Signatures[b.ID] = sig
		}
	}
	// A signature made in a field of its own is the block whose name it bears, else the
	// first block still unsigned.
	for _, sig := range extra {
		var to string
		for _, b := range f.Sigs {
			if e.Signatures[b.ID] == nil && nameMatches(sig.Signer, blockName(e, b)) {
				to = b.ID
				break
			}
		}
		if to == "" {
			for _, b := range f.Sigs {
				if e.Signatures[b.ID] == nil {
					to = b.ID
					break
				}
			}
		}
		if to != "" && len(doc.Sheets) == 1 {
			e.Signatures[to] = sig
		}
	}
	for _, b := range f.Sigs {
		sig := e.Signatures[b.ID]
		if sig == nil {
			problem("falta la firma de %s", b.Title)
		} else if sig.Problem != "" {
			problem("firma de %s: %s", b.Title, sig.Problem)
		}
	}
	var last *Signature
	for _, sig := range doc.Signatures {
		if last == nil || sig.end() > last.end() {
			last = sig
		}
	}
	if last != nil && last.Problem == "" && !last.Whole {
		problem("el archivo fue modificado después de la última firma")
	}
	if s.Folio == 0 {
		problem("la hoja no tiene folio impreso")
	}
}

// checkDate compares the session date with today and with the versions in force.
func checkDate(e *Entry, d procedure.Date, opt Options, problem func(string, ...any)) {
	if !opt.Today.IsZero() && opt.Today.Before(d) {
		problem("la fecha %s es posterior a hoy", show(d))
	}
	v := e.Version
	if d.Before(v.Procedure.Decree.Date) {
		problem("la fecha %s es anterior a la vigencia de la versión %s (desde el %s)", show(d), v.Code(), show(v.Procedure.Decree.Date))
		return
	}
	if r := v.ReplacedBy; r != nil && !d.Before(r.Procedure.Decree.Date) {
		problem("el %s regía la versión %s (desde el %s); la hoja es de la versión %s", show(d), r.Code(), show(r.Procedure.Decree.Date), v.Code())
	}
}

func show(d procedure.Date) string { return fmt.Sprintf("%02d-%02d-%04d", d.Day, d.Month, d.Year) }

// blockName is what the sheet says in a signature block's name line.
func blockName(e *Entry, b SigBlock) string {
	for _, l := range b.Lines {
		if strings.HasSuffix(l.ID, "-nombre") {
			return e.Values[l.ID]
		}
	}
	return ""
}

func nameMatches(a, b string) bool {
	return a != "" && b != "" && squash(a) == squash(b)
}

// dateLayouts are the ways a date is typed in Chile, day first, and the ISO form.
var dateLayouts = []string{"02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006", "02.01.2006", "2006-01-02"}

func parseDate(s string) (procedure.Date, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return procedure.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
		}
	}
	return procedure.Date{}, false
}

// parseTime reads HH:MM (or H:MM, HH.MM, "10:30 h") as minutes since midnight.
func parseTime(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), "h"))
	s = strings.ReplaceAll(s, ".", ":")
	for _, l := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.Hour()*60 + t.Minute(), true
		}
	}
	return 0, false
}

// crossCheck finds what only the whole folder shows: folios twice, folios never returned.
func (r *Register) crossCheck() {
	sort.SliceStable(r.Entries, func(i, j int) bool {
		a, b := r.Entries[i], r.Entries[j]
		return cmp.Or(cmp.Compare(a.Folio, b.Folio), strings.Compare(a.File, b.File)) < 0
	})
	sort.Slice(r.Rejected, func(i, j int) bool { return r.Rejected[i].File < r.Rejected[j].File })
	byFolio := map[int][]*Entry{}
	for _, e := range r.Entries {
		if e.Folio > 0 {
			byFolio[e.Folio] = append(byFolio[e.Folio], e)
		}
	}
	for folio, es := range byFolio {
		if len(es) < 2 {
			continue
		}
		r.Twice = append(r.Twice, folio)
		for _, e := range es {
			var others []string
			for _, o := range es {
				if o != e {
					others = append(others, o.File)
				}
			}
			e.Problems = append(e.Problems, fmt.Sprintf("folio %d repetido (también en %s)", folio, strings.Join(others, ", ")))
		}
	}
	sort.Ints(r.Twice)
	issued := map[int]bool{}
	for _, is := range r.Ledger {
		for n := is.From; n <= is.To; n++ {
			if !issued[n] && len(byFolio[n]) == 0 {
				r.NotReturned = append(r.NotReturned, n)
			}
			issued[n] = true
		}
	}
	sort.Ints(r.NotReturned)
	if len(r.Ledger) > 0 {
		for folio, es := range byFolio {
			if !issued[folio] {
				for _, e := range es {
					e.Problems = append(e.Problems, fmt.Sprintf("el folio %d no figura entre los impresos (content/folios.csv)", folio))
				}
			}
		}
	}
}

// SortRejected puts the files left out in path order.
func SortRejected(r []Rejected) {
	sort.Slice(r, func(i, j int) bool { return r[i].File < r[j].File })
}
