package procedure

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Pos is a place in the source file, 1-based; the zero Pos means "unknown".
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Node records where a mapping and each of its values sit in the YAML source, so validation
// and later stages can point at the exact line and column. The decoder fills it in.
type Node struct {
	Pos    Pos
	Fields map[string]Pos
}

// At returns the position of the value of key, or of the mapping when the key is absent.
func (n Node) At(key string) Pos {
	if p, ok := n.Fields[key]; ok {
		return p
	}
	return n.Pos
}

// Markdown is source text in CommonMark. It is rendered by internal/markdown, never here.
type Markdown string

// Date is a calendar date written as YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d is strictly earlier than e: a date is not before itself.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// MarshalText keeps the canonical form (and so the version code) independent of how YAML
// spelled the date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

var monthAbbrev = [...]string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}
var monthNames = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre"}

// Stamp is the date as a Chilean municipal decree stamps it: "02 AGO 2024".
func (d Date) Stamp() string {
	return fmt.Sprintf("%02d %s %d", d.Day, monthAbbrev[d.Month-1], d.Year)
}

// Numeric is the date as forms write it: "02-08-2024".
func (d Date) Numeric() string { return fmt.Sprintf("%02d-%02d-%04d", d.Day, d.Month, d.Year) }

// Long is the date in running text: "2 de agosto de 2024".
func (d Date) Long() string {
	return fmt.Sprintf("%d de %s de %d", d.Day, monthNames[d.Month-1], d.Year)
}

// Procedure is the whole source of one procedure: the decree that approves it, the manual,
// what the session checklist records, and further pages. Every output is rendered from it.
//
// The struct tags of the model are the format: `yaml` names a key, `pauta:"required"` makes it
// required, and `doc` describes it. The descriptions are in Spanish because authors read them:
// they become the descriptions of the JSON Schema (see Schema) that editors show on hover.
type Procedure struct {
	Node
	Format       int          `yaml:"pauta" pauta:"required" doc:"Versión del formato de este archivo; siempre 1."`
	Organization Organization `yaml:"organization" pauta:"required" doc:"Quién emite el procedimiento."`
	Site         Site         `yaml:"site" doc:"Dónde se publica el sitio."`
	Markdown     MarkdownOpts `yaml:"markdown" doc:"Cómo se presentan los textos en Markdown."`
	Decree       Decree       `yaml:"decree" pauta:"required" doc:"El acto administrativo que aprueba el procedimiento."`
	Manual       Manual       `yaml:"manual" pauta:"required" doc:"El manual que aprueba el decreto."`
	Checklist    Checklist    `yaml:"checklist" pauta:"required" doc:"La lista de verificación que se imprime para cada sesión."`
	Pages        []*Page      `yaml:"pages" doc:"Otras páginas del sitio, en Markdown, en el orden del menú."`
	Search       SearchOpts   `yaml:"search" doc:"Cómo busca el sitio: sinónimos propios del procedimiento y palabras clave por lugar. Es una configuración del sitio: no cambia el código de versión y se aplica también a las versiones publicadas."`

	// File is the source's name as errors print it, e.g. "procedure.yaml".
	File string
	// Code is the version code: a short SHA-256 of the canonical content, printed on every
	// output so a paper copy can be traced to its version. The search settings are left
	// out: they tune the site, not the approved text.
	Code string
	// CodeWithSearch, for a source with search settings, is the code with them, as pauta
	// computed it before it left them out: a version published then is recorded with it.
	CodeWithSearch string
}

// Organization is the public body that issues the decree and runs the procedure.
type Organization struct {
	Node
	Name string `yaml:"name" pauta:"required" doc:"Nombre completo de la institución, p. ej. \"Municipalidad de Ejemplo\"."`
	Unit string `yaml:"unit" doc:"Unidad que aplica el procedimiento; se imprime en la lista de verificación."`
}

// Site holds publishing settings.
type Site struct {
	Node
	BaseURL string `yaml:"base_url" doc:"Dirección http(s) completa donde se publica el sitio, terminada en \"/\". El código QR de la lista de verificación lleva ahí; sin ella, el QR contiene el código de versión."`
}

// MarkdownOpts configures the Markdown renderer.
type MarkdownOpts struct {
	Node
	AllowHTML bool `yaml:"allow_html" doc:"Deja pasar a las páginas el HTML escrito dentro del Markdown. Desactivado por omisión: ese HTML se descarta."`
}

// Decree is the administrative act (decreto alcaldicio) that approves the manual.
type Decree struct {
	Node
	Kind         string       `yaml:"kind" pauta:"required" doc:"Tipo de acto, en mayúsculas, p. ej. \"DECRETO ALCALDICIO\"."`
	Number       int          `yaml:"number" pauta:"required" doc:"Número del acto, mayor que cero."`
	Date         Date         `yaml:"date" pauta:"required" doc:"Fecha del acto, AAAA-MM-DD (p. ej. 2025-01-15); el procedimiento rige desde ese día."`
	Place        string       `yaml:"place" pauta:"required" doc:"Lugar, en mayúsculas, que se imprime antes de la fecha: \"EJEMPLO\" da \"EJEMPLO, 15 ENE 2025\"."`
	Subject      string       `yaml:"subject" pauta:"required" doc:"La materia del acto, en mayúsculas."`
	Opening      string       `yaml:"opening" pauta:"required" doc:"Fórmula de apertura, p. ej. \"Esta Alcaldía decretó hoy lo siguiente:\"."`
	Vistos       []*Paragraph `yaml:"vistos" pauta:"required" doc:"VISTOS: las bases legales, un párrafo cada una."`
	Considerando []*Paragraph `yaml:"considerando" pauta:"required" doc:"CONSIDERANDO: los motivos, un párrafo cada uno."`
	Resolutions  []*Paragraph `yaml:"resolutions" pauta:"required" doc:"DECRETO: los puntos resolutivos; se numeran cuando hay más de uno."`
	Numbering    Numbering    `yaml:"numbering" doc:"Numera 1.-, 2.-, … los párrafos de VISTOS o de CONSIDERANDO, como lo hacen muchos decretos; por omisión van sin número."`
	Closing      string       `yaml:"closing" pauta:"required" doc:"Fórmula de cierre, p. ej. \"ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-\"."`
	Signatories  []*Signatory `yaml:"signatories" pauta:"required" doc:"Quienes firman, de izquierda a derecha como en el papel: primero la Secretaría Municipal (ministro de fe), al final el Alcalde."`
	Initials     string       `yaml:"initials" doc:"Línea de iniciales: quienes firman y revisan en mayúsculas, quien transcribe en minúsculas, p. ej. \"ABC/DEF/ghi.\"."`
	Distribution []string     `yaml:"distribution" doc:"DISTRIBUCIÓN: quiénes reciben copia, una línea cada uno."`
}

// Numbering says which parts of the decree number their paragraphs "1.-", "2.-", as many
// decrees do. The resolutive points need no key: they are numbered whenever there are more
// than one.
type Numbering struct {
	Node
	Vistos       bool `yaml:"vistos" doc:"true numera los párrafos de VISTOS: 1.-, 2.-, …"`
	Considerando bool `yaml:"considerando" doc:"true numera los párrafos de CONSIDERANDO: 1.-, 2.-, …"`
}

// Paragraph is one numbered or bulleted paragraph of the decree.
type Paragraph struct {
	Node
	ID   string   `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Text Markdown `yaml:"text" pauta:"required" doc:"El párrafo, en Markdown."`
}

// Signatory signs the decree.
type Signatory struct {
	Node
	ID     string `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Name   string `yaml:"name" pauta:"required" doc:"Nombre completo, como se imprime bajo la firma."`
	Role   string `yaml:"role" pauta:"required" doc:"Cargo, p. ej. \"ALCALDE\"."`
	Acting bool   `yaml:"acting" doc:"true cuando firma como subrogante: el cargo se imprime con \"(S)\"."`
}

// RoleLine is the role as printed under the signature.
func (s *Signatory) RoleLine() string {
	if s.Acting {
		return s.Role + " (S)"
	}
	return s.Role
}

// Manual is the procedure's manual: the decree's annex and the site's main page.
type Manual struct {
	Node
	Title string `yaml:"title" pauta:"required" doc:"Título del manual."`
	// ShortTitle names the site in browser tabs and the page header, where the full title of
	// an official manual is usually too long.
	ShortTitle string     `yaml:"short_title" doc:"Nombre corto para las pestañas del navegador y el encabezado, p. ej. \"Préstamo de equipos\"; por omisión, el título."`
	Sections   []*Section `yaml:"sections" pauta:"required" doc:"Secciones de primer nivel, en orden de lectura."`
}

// Section is a part of the manual: a heading with text, a list of items, sub-sections, and
// what the session checklist records for it. A numbered section's sub-sections are its steps.
type Section struct {
	Node
	ID       string     `yaml:"id" pauta:"required" doc:"Id estable: el ancla de la dirección y la clave que empareja las versiones."`
	Title    string     `yaml:"title" pauta:"required" doc:"Encabezado, sin su número."`
	Text     Markdown   `yaml:"text" doc:"Texto bajo el encabezado, en Markdown."`
	List     string     `yaml:"list" doc:"Cómo se marcan los ítems: \"bullets\" (viñetas, por omisión) o \"letters\" (a, b, c)."`
	Items    []*Item    `yaml:"items" doc:"Los ítems de la sección, en orden; cada uno con id y text."`
	Numbered bool       `yaml:"numbered" doc:"Numera las subsecciones 1, 2, 3 (los pasos de un procedimiento)."`
	Label    string     `yaml:"label" doc:"Cómo cita la lista de verificación una subsección numerada, p. ej. \"paso\" da \"paso 3b\"."`
	Sections []*Section `yaml:"sections" doc:"Subsecciones, en orden; a lo más cuatro niveles en total."`
	Fields   []*Field   `yaml:"fields" doc:"Campos que la lista de verificación pide llenar para esta sección."`
	Checks   []*Check   `yaml:"checks" doc:"Puntos que la lista de verificación pide marcar para esta sección."`

	// Filled in by Load.
	Number string // "3" for the third sub-section of a numbered section, else ""
	Parent *Section
	Depth  int // 1 for top-level sections
}

// Item is one entry of a section's list.
type Item struct {
	Node
	ID   string   `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Text Markdown `yaml:"text" pauta:"required" doc:"El ítem, en Markdown."`

	// Filled in by Load.
	Marker  string // "a", "b" for lettered lists, "" for bullets
	Section *Section
}

// Field is a blank the technician fills in on the checklist.
type Field struct {
	Node
	ID      string   `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Label   string   `yaml:"label" pauta:"required" doc:"Rótulo impreso sobre el espacio para escribir. Nunca pida una contraseña, clave, PIN ni otro secreto: pauta rechaza ese campo."`
	Type    string   `yaml:"type" doc:"\"text\" (por omisión), \"date\", \"time\" o \"choice\"."`
	Options []string `yaml:"options" doc:"Para type choice: las opciones, cada una impresa con una casilla."`
	Width   int      `yaml:"width" doc:"Ancho en cuartos de página, de 1 a 4 (por omisión 1; 4 para choice)."`
	Lines   int      `yaml:"lines" doc:"Líneas para escribir, de 1 a 6 (por omisión 1)."`
	Phase   string   `yaml:"phase" doc:"Id de la fase de la lista de verificación donde se imprime el campo; sin él, el campo va en los datos de la sesión, arriba."`

	Section *Section
}

// Check is one line of the checklist, ticked Sí / No / N/A.
type Check struct {
	Node
	ID    string   `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Phase string   `yaml:"phase" pauta:"required" doc:"Id de la fase de la lista de verificación (punto de pausa) a la que pertenece."`
	Text  string   `yaml:"text" pauta:"required" doc:"Lo que se verifica, en una frase breve."`
	From  []string `yaml:"from" doc:"Ids de los ítems (o secciones) de los que proviene; sin él, la sección donde está escrito."`

	Section *Section
	Sources []Source // resolved From, in order
}

// Source is a part of the manual a check comes from.
type Source struct {
	Section *Section
	Item    *Item // nil when the check cites a whole section
}

// Checklist describes the blank session checklist.
type Checklist struct {
	Node
	Code         string       `yaml:"code" pauta:"required" doc:"Código del formulario impreso en el encabezado, p. ej. \"SR-01\"."`
	Title        string       `yaml:"title" pauta:"required" doc:"Título del formulario."`
	Instructions string       `yaml:"instructions" doc:"Una línea sobre cómo llenarlo."`
	Phases       []*Phase     `yaml:"phases" pauta:"required" doc:"Puntos de pausa, en el orden del trabajo."`
	Observations string       `yaml:"observations" doc:"Encabezado de las líneas de observaciones."`
	Signatures   []*Signature `yaml:"signatures" pauta:"required" doc:"Bloques de firma, de izquierda a derecha."`
}

// Phase is a pause point of the checklist: the checks done together at one moment of the work.
type Phase struct {
	Node
	ID    string `yaml:"id" pauta:"required" doc:"Id estable, citado por verificaciones y campos."`
	Title string `yaml:"title" pauta:"required" doc:"Título del bloque, p. ej. \"Antes de conectar\"."`
	Hint  string `yaml:"hint" doc:"Cuándo hacerlo; se imprime junto al título."`

	Checks []*Check // in task order, filled in by Load
	Fields []*Field
}

// Signature is a signature block of the checklist.
type Signature struct {
	Node
	ID    string   `yaml:"id" pauta:"required" doc:"Id estable: letras minúsculas sin tildes, cifras y guiones, único en todo el archivo. Consérvelo aunque cambie la redacción: une las versiones."`
	Title string   `yaml:"title" pauta:"required" doc:"Quién firma, p. ej. \"Técnico de soporte\"."`
	Lines []string `yaml:"lines" doc:"Líneas del bloque; por omisión Nombre, RUT, Cargo / unidad, Fecha, Firma."`
}

// defaultSignatureLines are the lines of a signature block when the source names none.
func defaultSignatureLines() []string {
	return []string{"Nombre", "RUT", "Cargo / unidad", "Fecha", "Firma"}
}

// Page is a further Markdown page of the site.
type Page struct {
	Node
	ID    string `yaml:"id" pauta:"required" doc:"Id estable; la página se escribe como ID.html."`
	File  string `yaml:"file" pauta:"required" doc:"Ruta del archivo Markdown, relativa a procedure.yaml, p. ej. \"content/como-usar.md\"."`
	Title string `yaml:"title" doc:"Título; sin él, el primer encabezado \"# \" del archivo."`

	// Body is the file's Markdown, read once by Load.
	Body Markdown
}

// ParagraphNumber is how the decree numbers the i-th paragraph (from 0) of a numbered part:
// "1.-", as on paper.
func ParagraphNumber(i int) string { return fmt.Sprintf("%d.-", i+1) }

// NumberedVistos reports whether the VISTOS print numbered.
func (d *Decree) NumberedVistos() bool { return d.Numbering.Vistos }

// NumberedConsiderando reports whether the CONSIDERANDO print numbered.
func (d *Decree) NumberedConsiderando() bool { return d.Numbering.Considerando }

// NumberedResolutions reports whether the resolutive points print numbered: when there is
// more than one.
func (d *Decree) NumberedResolutions() bool { return len(d.Resolutions) > 1 }

// DecreeTitle is the decree's heading: "DECRETO ALCALDICIO N° 2387".
func (d *Decree) Title() string { return fmt.Sprintf("%s N° %d", d.Kind, d.Number) }

// Citation names the decree in running text: "Decreto Alcaldicio N° 2387 del 02-08-2024".
func (d *Decree) Citation() string {
	return fmt.Sprintf("%s N° %d del %s", sentenceCase(d.Kind), d.Number, d.Date.Numeric())
}

// LongCitation is the decree as running text on the pages names it, its date written as in
// the sentence around it and "N° 2387" kept on one line: "Decreto Alcaldicio N° 2387 del 2 de
// agosto de 2024".
func (d *Decree) LongCitation() string {
	return fmt.Sprintf("%s N°\u00a0%d del %s", sentenceCase(d.Kind), d.Number, d.Date.Long())
}

func sentenceCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// Ref is how the checklist cites a section: "paso 3" for a step of a numbered section with a
// label, else the section's title.
func (s *Section) Ref() string {
	if s.Number != "" && s.Parent != nil && s.Parent.Label != "" {
		return s.Parent.Label + " " + s.Number
	}
	if s.Number != "" {
		return s.Number
	}
	return s.Title
}

// CitedNumber is the section's number as the manual's pages show it, with the label the
// checklist cites it by: "Paso 3", "Req. 2" (a section without a label: "3"), so "paso 3b"
// on the sheet is found on the page.
func (s *Section) CitedNumber() string {
	if s.Number == "" || s.Parent == nil || s.Parent.Label == "" {
		return s.Number
	}
	r := []rune(s.Ref())
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// CitedHeading is the heading as the manual's pages show it: "Paso 3. Inicio de Sesión en
// AnyDesk". The decree's PDF keeps Heading, the annex's own numbering.
func (s *Section) CitedHeading() string {
	if n := s.CitedNumber(); n != "" {
		return n + ". " + s.Title
	}
	return s.Title
}

// Heading is the section's heading as printed: "3. Inicio de Sesión en AnyDesk".
func (s *Section) Heading() string {
	if s.Number != "" {
		return s.Number + ". " + s.Title
	}
	return s.Title
}

// Ref cites the source: "paso 3b", "Req. 2", "Procedimiento de Emergencia".
func (src Source) Ref() string {
	if src.Item != nil && src.Item.Marker != "" {
		return src.Section.Ref() + src.Item.Marker
	}
	return src.Section.Ref()
}

// Ref cites where the check comes from: "paso 3b, 4a"; a run of steps under one label names
// the label once.
func (c *Check) Ref() string {
	var parts []string
	lastLabel := ""
	for _, src := range c.Sources {
		r := src.Ref()
		label := ""
		if src.Section.Number != "" && src.Section.Parent != nil {
			label = src.Section.Parent.Label
		}
		if label != "" && label == lastLabel {
			r = strings.TrimPrefix(r, label+" ")
		}
		lastLabel = label
		if !slices.Contains(parts, r) {
			parts = append(parts, r)
		}
	}
	return strings.Join(parts, ", ")
}

// Walk calls fn for every section of the manual in document order.
func (m *Manual) Walk(fn func(*Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Sections)
		}
	}
	walk(m.Sections)
}

// PhaseLetter is the letter a phase is known by on the sheet and on the web: "A", "B", …;
// past the 26th phase, its number.
func (cl *Checklist) PhaseLetter(ph *Phase) string {
	for i, q := range cl.Phases {
		if q == ph {
			if i < 26 {
				return string(rune('A' + i))
			}
			return fmt.Sprint(i + 1)
		}
	}
	return ""
}

// ItemRef is the number a check is printed with on the sheet, its phase's letter and its
// place in the phase: "A5". The manual's pages cite the same, so a technician goes from one
// to the other. It is "" for a check of no phase of cl.
func (cl *Checklist) ItemRef(c *Check) string {
	for _, ph := range cl.Phases {
		for n, q := range ph.Checks {
			if q == c {
				l := cl.PhaseLetter(ph)
				if len(l) > 1 {
					l += "." // "27.3", not "273"
				}
				return fmt.Sprintf("%s%d", l, n+1)
			}
		}
	}
	return ""
}
