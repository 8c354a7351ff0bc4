package site

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/requinoa/pauta/internal/comparepdf"
	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/internal/versions"
)

// ComparisonName is the file name (without extension) of the comparison of two versions.
func ComparisonName(oldID, newID string) string { return "comparado-" + oldID + "-" + newID }

// renderVersionPages writes the root pages about versions: the list, the comparison of each
// pair of consecutive versions and the Transparencia Activa index (HTML and CSV).
func renderVersionPages(th *theme.Theme, vs []*versions.Version, put sink) error {
	inForce := vs[len(vs)-1].Procedure
	opt := pages.Options{ExtraNav: []pages.Link{{Href: "versiones.html", Label: "Versiones"}},
		Status: versionStatus(vs[len(vs)-1], "")}
	extras := []pages.Extra{
		{Name: "versiones.html", Template: "versions.html", Title: "Versiones",
			Description: "Versiones publicadas del " + inForce.Manual.Title + ", con su decreto y estado.",
			Data:        map[string]any{"Rows": versionRows(vs)}},
		{Name: "transparencia.html", Template: "transparencia.html", Title: "Transparencia Activa",
			Description: "Decretos que aprueban o reemplazan el " + inForce.Manual.Title + ".",
			Data:        map[string]any{"Rows": transparencyRows(vs)}},
	}
	for _, v := range vs {
		if v.Previous == nil {
			continue
		}
		cmp := versions.Compare(v.Previous.Procedure, v.Procedure)
		name := ComparisonName(v.Previous.ID, v.ID)
		pdf, err := comparepdf.Render(cmp, comparepdf.Options{})
		if err != nil {
			return err
		}
		if err := put.Put(name+".pdf", pdf); err != nil {
			return err
		}
		extras = append(extras, pages.Extra{Name: name + ".html", Template: "compare.html",
			Title:       fmt.Sprintf("Texto comparado %s → %s", v.Previous.ID, v.ID),
			Description: fmt.Sprintf("Cambios de la versión %s a la %s, paso por paso.", v.Previous.ID, v.ID),
			Data: map[string]any{"Compare": ComparisonView(cmp, v.Previous.ID, v.ID,
				"v/"+v.Previous.ID+"/index.html", "v/"+v.ID+"/index.html", name+".pdf")}})
	}
	rendered, err := pages.RenderExtra(inForce, th, opt, extras...)
	if err != nil {
		return err
	}
	for _, name := range output.Files(rendered).Paths() {
		if err := put.Put(name, rendered[name]); err != nil {
			return err
		}
	}
	return put.Put("transparencia.csv", transparencyCSV(vs))
}

func versionRows(vs []*versions.Version) []pages.VersionRow {
	var rows []pages.VersionRow
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		d := &v.Procedure.Decree
		dir := "v/" + v.ID + "/"
		row := pages.VersionRow{
			ID: v.ID, Citation: d.LongCitation(), Subject: d.Subject, Code: v.Code(),
			DecreeHref: dir + "decreto.html", ManualHref: dir + "index.html",
			DecreePDF: dir + "decreto.pdf", ChecklistPDF: dir + "checklist.pdf", AKNHref: dir + AKNFile,
		}
		if v.InForce() {
			row.Period = "desde el " + d.Date.Long()
			row.Status = "Vigente"
		} else {
			next := &v.ReplacedBy.Procedure.Decree
			row.Period = fmt.Sprintf("del %s al %s", d.Date.Long(), next.Date.Long())
			row.Status = "Reemplazada"
			row.StatusDetail = "por el " + next.LongCitation()
		}
		if v.Previous != nil {
			row.CompareHref = ComparisonName(v.Previous.ID, v.ID) + ".html"
		}
		rows = append(rows, row)
	}
	return rows
}

func transparencyRows(vs []*versions.Version) []pages.TransparencyRow {
	var rows []pages.TransparencyRow
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		d := &v.Procedure.Decree
		row := pages.TransparencyRow{
			Kind: sentence(d.Kind), Number: d.Number, Date: d.Date.String(), DateText: d.Date.Numeric(),
			Subject: d.Subject, Href: "v/" + v.ID + "/decreto.html", LinkLabel: "Ver decreto",
			Status: "Vigente",
		}
		if !v.InForce() {
			row.Status = "No vigente: reemplazado por el " + v.ReplacedBy.Procedure.Decree.LongCitation()
		}
		rows = append(rows, row)
	}
	return rows
}

// transparencyCSV is the same index for spreadsheets: absolute links when the site's address
// is known, so the file still works once copied elsewhere.
func transparencyCSV(vs []*versions.Version) []byte {
	rows := [][]string{{"tipo", "numero", "fecha", "materia", "enlace", "estado"}}
	base := vs[len(vs)-1].Procedure.Site.BaseURL
	for _, r := range transparencyRows(vs) {
		// The page keeps "N° 2387" on one line; a spreadsheet wants plain spaces.
		rows = append(rows, []string{r.Kind, fmt.Sprint(r.Number), r.Date, r.Subject, base + r.Href, strings.ReplaceAll(r.Status, "\u00a0", " ")})
	}
	return csvFile(rows)
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	lower := []rune(strings.ToLower(s))
	return strings.ToUpper(string(lower[0])) + string(lower[1:])
}

// ComparisonView turns a comparison into what the page shows. oldHref and newHref lead to the
// two versions' manuals; pdfHref to the comparison PDF, when there is one.
func ComparisonView(cmp *versions.Comparison, oldID, newID, oldHref, newHref, pdfHref string) pages.ComparisonView {
	view := pages.ComparisonView{
		OldID: oldID, NewID: newID, OldHref: oldHref, NewHref: newHref, PDFHref: pdfHref,
		OldCitation: cmp.Old.Decree.LongCitation(), NewCitation: cmp.New.Decree.LongCitation(),
		OldCode: cmp.Old.Code, NewCode: cmp.New.Code,
		Summary: Summary(cmp),
	}
	decree := pages.ChangeGroup{ID: "cambios-decreto", Title: "Decreto"}
	manual := pages.ChangeGroup{ID: "cambios-manual", Title: "Manual"}
	for _, ch := range cmp.Changes {
		cv := pages.ChangeView{Anchor: strings.ReplaceAll(ch.ID, ":", "-"), Part: ch.Part, Where: ch.Where, OldWhere: ch.OldWhere, Kinds: kinds(ch)}
		for _, s := range ch.Diff {
			op := ""
			switch s.Op {
			case versions.Deleted:
				op = "del"
			case versions.Inserted:
				op = "ins"
			}
			// A replaced word reads better apart from its replacement: "<del>a</del> <ins>b</ins>".
			if n := len(cv.Segments); n > 0 && op == "ins" && cv.Segments[n-1].Op == "del" {
				cv.Segments = append(cv.Segments, pages.SegmentView{Text: " "})
			}
			cv.Segments = append(cv.Segments, pages.SegmentView{Op: op, Text: s.Text})
		}
		if ch.Manual {
			manual.Changes = append(manual.Changes, cv)
		} else {
			decree.Changes = append(decree.Changes, cv)
		}
	}
	view.Groups = []pages.ChangeGroup{decree, manual}
	return view
}

func kinds(ch versions.Change) string {
	var s []string
	for _, k := range ch.Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, " y ")
}

// Summary counts the changes in words: "3 modificados, 1 añadido, 1 eliminado, 1 movido".
func Summary(cmp *versions.Comparison) string {
	var parts []string
	for _, k := range []struct {
		kind           versions.Kind
		single, plural string
	}{{versions.Changed, "modificado", "modificados"}, {versions.Added, "añadido", "añadidos"},
		{versions.Removed, "eliminado", "eliminados"}, {versions.Moved, "movido", "movidos"}} {
		if n := cmp.Count(k.kind); n == 1 {
			parts = append(parts, "1 "+k.single)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k.plural))
		}
	}
	if len(parts) == 0 {
		return "Sin cambios en el texto."
	}
	return "Cambios: " + strings.Join(parts, ", ") + "."
}

// RenderComparison renders the comparison of two texts of the project in src as a folder of
// its own: the page (index.html) with the theme's assets.
func RenderComparison(src fs.FS, cmp *versions.Comparison, oldID, newID string) (output.Files, error) {
	th, err := projectTheme(src)
	if err != nil {
		return nil, err
	}
	files, err := pages.RenderExtra(cmp.New, th, pages.Options{}, pages.Extra{
		Name: "index.html", Template: "compare.html",
		Title:       fmt.Sprintf("Texto comparado %s → %s", oldID, newID),
		Description: fmt.Sprintf("Cambios de %s a %s, paso por paso.", oldID, newID),
		Data:        map[string]any{"Compare": ComparisonView(cmp, oldID, newID, "", "", "comparado.pdf")},
	})
	if err != nil {
		return nil, err
	}
	pdf, err := comparepdf.Render(cmp, comparepdf.Options{})
	if err != nil {
		return nil, err
	}
	files["comparado.pdf"] = pdf
	assets, err := th.Assets()
	if err != nil {
		return nil, err
	}
	for name, b := range assets {
		files[name] = b
	}
	return files, nil
}
