package registro

import (
	"fmt"
	"strconv"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/procedure"
)

// PDF is registro.pdf, the summary for the Dirección de Control: sessions per month, the
// problems found, the folios not returned or returned twice, the files not read and the
// versions in force over the period. Its date is the day of the register, so the same folder
// read on the same day gives the same bytes.
func (r *Register) PDF(org string) ([]byte, error) {
	doc := pdfdoc.New(pdfdoc.Options{
		Date: r.Today, Title: "Registro de sesiones de soporte remoto", Author: org, CountPages: true,
	})
	fl := &pdfdoc.Flow{Doc: doc, X0: 20, W: doc.Paper.W - 40, Top: 20, Bottom: 12, Gap: 4,
		Footer: pdfdoc.Footer{Left: []string{org, "Registro de sesiones al " + show(r.Today)}},
		Head:   func() string { return "Registro de sesiones de soporte remoto" }}
	fl.NewPage()
	body := 10.0
	lh := pdfdoc.LineHeight(body)
	para := func(style string, size float64, text string) {
		doc.SetFont(pdfdoc.Font, style, size)
		for _, l := range doc.Wrap(text, fl.W) {
			fl.Need(pdfdoc.LineHeight(size))
			doc.Text(fl.X0, fl.Y+pdfdoc.Ascent(size), l)
			fl.Y += pdfdoc.LineHeight(size)
		}
	}
	heading := func(text string) {
		fl.Need(3*lh + 4)
		fl.Y += 3
		para("B", 12, text)
		fl.Y += 1
	}
	// table writes rows in columns at the given offsets; the first row is the header.
	table := func(offs []float64, rows [][]string) {
		for i, row := range rows {
			fl.Need(lh)
			style := ""
			if i == 0 {
				style = "B"
			}
			doc.SetFont(pdfdoc.Font, style, body)
			for j, c := range row {
				doc.Text(fl.X0+offs[j], fl.Y+pdfdoc.Ascent(body), c)
			}
			fl.Y += lh
		}
	}
	para("B", 14, "Registro de sesiones de soporte remoto")
	if org != "" {
		para("", body, org)
	}
	with := 0
	for _, e := range r.Entries {
		if len(e.Problems) > 0 {
			with++
		}
	}
	para("", body, fmt.Sprintf("%d listas de verificación leídas; %d con algún problema; %d archivos que no se pudieron leer.",
		len(r.Entries), with, len(r.Rejected)))

	heading("Sesiones por mes")
	rows := [][]string{{"Mes", "Sesiones", "Con problemas"}}
	for _, m := range r.Months() {
		name := m.Month
		if name == "" {
			name = "sin fecha legible"
		}
		rows = append(rows, []string{name, strconv.Itoa(m.Sessions), strconv.Itoa(m.Problems)})
	}
	table([]float64{0, 50, 80}, rows)

	heading("Problemas encontrados")
	if pc := r.ProblemCounts(); len(pc) == 0 {
		para("", body, "Ninguno.")
	} else {
		rows := [][]string{{"Problema", "Listas"}}
		for _, p := range pc {
			rows = append(rows, []string{p[0], p[1]})
		}
		table([]float64{0, 90}, rows)
		fl.Y += 2
		for _, e := range r.Entries {
			for _, p := range e.Problems {
				para("", body, fmt.Sprintf("• %s (folio %s): %s", e.File, orDash(folioText(e.Folio)), p))
			}
		}
	}

	heading("Folios")
	if len(r.Ledger) == 0 {
		para("", body, "No hay registro de folios impresos (content/folios.csv): no se puede saber cuáles faltan.")
	} else {
		para("", body, "Impresos y no devueltos: "+orNone(Ranges(r.NotReturned))+".")
	}
	para("", body, "Devueltos más de una vez: "+orNone(Ranges(r.Twice))+".")

	if len(r.Rejected) > 0 {
		heading("Archivos que no se pudieron leer")
		for _, x := range r.Rejected {
			para("", body, "• "+x.File+": "+x.Reason)
		}
	}

	heading("Versiones vigentes en el período")
	first, last := r.period()
	for _, v := range r.Versions {
		from := v.Procedure.Decree.Date
		until := "a la fecha"
		if v.ReplacedBy != nil {
			until = "hasta el " + show(v.ReplacedBy.Procedure.Decree.Date)
			if !first.IsZero() && !first.Before(v.ReplacedBy.Procedure.Decree.Date) {
				continue // replaced before the first session read
			}
		}
		if !last.IsZero() && last.Before(from) {
			continue
		}
		para("", body, fmt.Sprintf("• Versión %s, %s N° %d, desde el %s %s.", v.Code(), v.Procedure.Decree.Kind, v.Procedure.Decree.Number, show(from), until))
	}
	fl.FinishPage()
	return doc.Bytes()
}

// period is the first and last session date read.
func (r *Register) period() (first, last procedure.Date) {
	for _, e := range r.Entries {
		if e.Date.IsZero() {
			continue
		}
		if first.IsZero() || e.Date.Before(first) {
			first = e.Date
		}
		if last.IsZero() || last.Before(e.Date) {
			last = e.Date
		}
	}
	return first, last
}

func orNone(s string) string {
	if s == "" {
		return "ninguno"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
