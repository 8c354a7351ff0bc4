package registro

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/requinoa/pauta/internal/csvcell"
)

// column is one column of the register: a field, a line or a fact about a signature, the
// same across versions because ids join them.
type column struct {
	id     string
	header string
	get    func(e *Entry) string
}

func yesNo(b bool) string {
	if b {
		return "Sí"
	}
	return "No"
}

// columns lists the register's columns: the newest version's fields in printing order, then
// any field only an older version had.
func (r *Register) columns() []column {
	cols := []column{
		{"archivo", "Archivo", func(e *Entry) string { return e.File }},
		{"folio", "Folio", func(e *Entry) string { return folioText(e.Folio) }},
		{"version", "Versión", func(e *Entry) string { return e.Code }},
	}
	seen := map[string]bool{}
	add := func(id, header string, get func(e *Entry) string) {
		if !seen[id] {
			seen[id] = true
			cols = append(cols, column{id, header, get})
		}
	}
	value := func(id string) func(e *Entry) string { return func(e *Entry) string { return e.Values[id] } }
	for i := len(r.Versions) - 1; i >= 0; i-- {
		f := newForm(r.Versions[i])
		for _, in := range f.Inputs {
			add("in:"+in.ID, in.Label, value(in.ID))
		}
		for _, l := range f.Lines {
			add("line:"+l.ID, l.Ref+" "+l.Text, value(l.ID))
		}
		add("obs", "Observaciones", value(Observations))
		for _, b := range f.Sigs {
			for _, l := range b.Lines {
				add("in:"+l.ID, l.Label, value(l.ID))
			}
			id := b.ID
			add("sig:"+id, "Firma "+b.Title+": firmante", func(e *Entry) string {
				if s := e.Signatures[id]; s != nil {
					return s.Signer
				}
				return ""
			})
			add("sigtime:"+id, "Firma "+b.Title+": fecha y hora (UTC)", func(e *Entry) string {
				if s := e.Signatures[id]; s != nil && !s.Time.IsZero() {
					return s.Time.Format("2006-01-02 15:04:05")
				}
				return ""
			})
			add("sigok:"+id, "Firma "+b.Title+": verificada", func(e *Entry) string {
				if s := e.Signatures[id]; s != nil {
					return yesNo(s.Valid)
				}
				return ""
			})
			add("sigwhole:"+id, "Firma "+b.Title+": cubre todo el archivo", func(e *Entry) string {
				if s := e.Signatures[id]; s != nil {
					return yesNo(s.Whole)
				}
				return ""
			})
		}
	}
	cols = append(cols, column{"problemas", "Problemas", func(e *Entry) string { return strings.Join(e.Problems, "; ") }})
	return cols
}

func folioText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// CSV is registro.csv: UTF-8 with a byte order mark and ';' between cells, as spreadsheets set
// to Chilean Spanish open it with a double click; files left out are rows at the end with
// only their name and the reason.
func (r *Register) CSV() []byte {
	cols := r.columns()
	rows := [][]string{}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.header
	}
	rows = append(rows, head)
	for _, e := range r.Entries {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.get(e)
		}
		rows = append(rows, row)
	}
	for _, x := range r.Rejected {
		row := make([]string, len(cols))
		row[0] = x.File
		row[len(row)-1] = "no se leyó: " + x.Reason
		rows = append(rows, row)
	}
	return append([]byte("\ufeff"), csvcell.File(rows, ';')...)
}

// month is the "AAAA-MM" of an entry's date, "" when the date is unreadable.
func month(e *Entry) string {
	if e.Date.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", e.Date.Year, e.Date.Month)
}

// technician is who did the session: the session field about the technician, else the name
// in the first signature block.
func technician(e *Entry) string {
	if e.Form == nil {
		return ""
	}
	for _, in := range e.Form.Inputs {
		if strings.Contains(in.ID, "tecnico") && in.Type == "text" {
			if v := e.Values[in.ID]; v != "" {
				return v
			}
		}
	}
	if len(e.Form.Sigs) > 0 {
		return blockName(e, e.Form.Sigs[0])
	}
	return ""
}

// kind is the family of a problem, what the HTML filter offers: its words before any detail.
func kind(p string) string {
	switch {
	case strings.HasPrefix(p, "línea") && strings.Contains(p, "sin responder"):
		return "Línea sin responder"
	case strings.Contains(p, "«No» sin explicación"):
		return "«No» sin explicación"
	case strings.HasPrefix(p, "falta la firma"):
		return "Falta una firma"
	case strings.HasPrefix(p, "firma de") || strings.Contains(p, "después de la última firma"):
		return "Firma que no corresponde al archivo"
	case strings.HasPrefix(p, "folio") && strings.Contains(p, "repetido"):
		return "Folio repetido"
	case strings.Contains(p, "folio"):
		return "Folio"
	case strings.Contains(p, "fecha") || strings.Contains(p, "versión") || strings.Contains(p, "regía"):
		return "Fecha o versión"
	case strings.Contains(p, "hora"):
		return "Horas de la sesión"
	default:
		return "Otro"
	}
}

type monthCount struct {
	Month    string
	Sessions int
	Problems int
}

// Months counts sessions per month, oldest first; sessions of unreadable date count under "".
func (r *Register) Months() []monthCount {
	m := map[string]*monthCount{}
	for _, e := range r.Entries {
		k := month(e)
		if m[k] == nil {
			m[k] = &monthCount{Month: k}
		}
		m[k].Sessions++
		if len(e.Problems) > 0 {
			m[k].Problems++
		}
	}
	var out []monthCount
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// ProblemCounts is how many checklists have each kind of problem, most frequent first.
func (r *Register) ProblemCounts() [][2]string {
	n := map[string]int{}
	for _, e := range r.Entries {
		seen := map[string]bool{}
		for _, p := range e.Problems {
			if k := kind(p); !seen[k] {
				seen[k] = true
				n[k]++
			}
		}
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if n[keys[i]] != n[keys[j]] {
			return n[keys[i]] > n[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := make([][2]string, len(keys))
	for i, k := range keys {
		out[i] = [2]string{k, strconv.Itoa(n[k])}
	}
	return out
}

// Ranges writes folios as ranges, "1201–1205, 1210".
func Ranges(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ns[i], ns[j]))
		} else {
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// HTML is registro.html: one self-contained page (the theme's style sheet inline, a small
// script for the filters), so it opens from file:// and can be sent by mail.
func (r *Register) HTML(css []byte, org string) ([]byte, error) {
	cols := r.columns()
	type row struct {
		Month, Tech, Kinds string
		Cells              []string
		Problems           []string
	}
	var rows []row
	techs := map[string]bool{}
	kinds := map[string]bool{}
	for _, e := range r.Entries {
		rw := row{Month: month(e), Tech: technician(e)}
		if rw.Tech != "" {
			techs[rw.Tech] = true
		}
		var ks []string
		for _, p := range e.Problems {
			k := kind(p)
			kinds[k] = true
			if !slices.Contains(ks, k) {
				ks = append(ks, k)
			}
		}
		if len(ks) == 0 {
			ks = []string{"ninguno"}
		}
		rw.Kinds = strings.Join(ks, "|")
		for _, c := range cols[:len(cols)-1] {
			rw.Cells = append(rw.Cells, c.get(e))
		}
		rw.Problems = e.Problems
		rows = append(rows, rw)
	}
	sorted := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	var headers []string
	for _, c := range cols {
		headers = append(headers, c.header)
	}
	data := map[string]any{
		"Org": org, "CSS": template.CSS(css), "Headers": headers, "Rows": rows,
		"Months": r.Months(), "Techs": sorted(techs), "Kinds": sorted(kinds),
		"Rejected": r.Rejected, "NotReturned": Ranges(r.NotReturned), "Twice": Ranges(r.Twice),
		"Total": len(r.Entries), "Script": template.JS(filterScript),
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("registro.html: %w", err)
	}
	return buf.Bytes(), nil
}

var pageTemplate = template.Must(template.New("registro").Parse(`<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Registro de sesiones{{if .Org}} — {{.Org}}{{end}}</title>
<meta name="description" content="Registro de las sesiones de soporte remoto{{if .Org}} ({{.Org}}){{end}}: {{.Total}} listas de verificación leídas, con los problemas de cada una.">
<link rel="icon" href="data:,">
<style>{{.CSS}}
.registro-filtros{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;margin:1rem 0}
.registro-filtros div{display:flex;flex-direction:column}.registro-filtros label{font-weight:600}
.registro-tabla{overflow-x:auto;max-width:100%}
.registro-tabla table{border-collapse:collapse;font-size:.9rem}
.registro-tabla th,.registro-tabla td{border:1px solid var(--borde,#c9d0d8);padding:.25rem .4rem;vertical-align:top;text-align:left}
.registro-tabla thead th{position:sticky;top:0;background:var(--banda,#f3f5f8)}
.registro-ok{color:inherit}
.registro-problemas ul{margin:0;padding-left:1.1rem}
main{max-width:none}
</style>
</head>
<body>
<main id="contenido">
<h1>Registro de sesiones de soporte remoto</h1>
<p>{{.Total}} listas de verificación leídas.{{if .Rejected}} {{len .Rejected}} archivos no se pudieron leer (al final).{{end}}</p>
<h2>Sesiones por mes</h2>
<table>
<thead><tr><th scope="col">Mes</th><th scope="col">Sesiones</th><th scope="col">Con problemas</th></tr></thead>
<tbody>{{range .Months}}<tr><td>{{if .Month}}{{.Month}}{{else}}sin fecha legible{{end}}</td><td>{{.Sessions}}</td><td>{{.Problems}}</td></tr>
{{end}}</tbody>
</table>
<h2>Folios</h2>
<p>Impresos y no devueltos: {{if .NotReturned}}{{.NotReturned}}{{else}}ninguno{{end}}.</p>
<p>Devueltos más de una vez: {{if .Twice}}{{.Twice}}{{else}}ninguno{{end}}.</p>
<h2 id="tabla">Listas de verificación</h2>
<div class="registro-filtros">
<div><label for="f-mes">Mes</label><select id="f-mes" data-filtro="mes" aria-controls="registro"><option value="">Todos</option>{{range .Months}}{{if .Month}}<option>{{.Month}}</option>{{end}}{{end}}</select></div>
<div><label for="f-tecnico">Técnico</label><select id="f-tecnico" data-filtro="tecnico" aria-controls="registro"><option value="">Todos</option>{{range .Techs}}<option>{{.}}</option>{{end}}</select></div>
<div><label for="f-problema">Problema</label><select id="f-problema" data-filtro="problema" aria-controls="registro"><option value="">Todos</option><option value="ninguno">Sin problemas</option>{{range .Kinds}}<option>{{.}}</option>{{end}}</select></div>
</div>
<p id="registro-cuenta" role="status">{{.Total}} de {{.Total}} listas.</p>
<section class="registro-tabla" tabindex="0" aria-labelledby="tabla">
<table id="registro">
<thead><tr>{{range .Headers}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr data-mes="{{.Month}}" data-tecnico="{{.Tech}}" data-problema="{{.Kinds}}">{{range .Cells}}<td>{{.}}</td>{{end}}<td class="registro-problemas">{{if .Problems}}<ul>{{range .Problems}}<li>{{.}}</li>{{end}}</ul>{{else}}<span class="registro-ok">Ninguno</span>{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{if .Rejected}}<h2>Archivos que no se pudieron leer</h2>
<ul>{{range .Rejected}}<li><strong>{{.File}}</strong>: {{.Reason}}</li>
{{end}}</ul>{{end}}
</main>
<script>{{.Script}}</script>
</body>
</html>
`))

// filterScript shows the rows that match every chosen filter and says how many.
const filterScript = `(function(){
var sel=document.querySelectorAll("[data-filtro]"),rows=document.querySelectorAll("#registro tbody tr"),out=document.getElementById("registro-cuenta");
function apply(){var n=0;rows.forEach(function(r){var ok=true;sel.forEach(function(s){var v=s.value,k=s.getAttribute("data-filtro");if(v===""){return}var have=r.getAttribute("data-"+k);if(k==="problema"){if(have.split("|").indexOf(v)<0){ok=false}}else if(have!==v){ok=false}});r.hidden=!ok;if(ok){n++}});out.textContent=n+" de "+rows.length+" listas."}
sel.forEach(function(s){s.addEventListener("change",apply)});apply();
})();`
