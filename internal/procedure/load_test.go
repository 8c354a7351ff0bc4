package procedure

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"
)

func minimal(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func project(src string) fstest.MapFS {
	return fstest.MapFS{
		"procedure.yaml":   {Data: []byte(src)},
		"content/ayuda.md": {Data: []byte("# Ayuda\n\nTexto de ayuda.\n")},
	}
}

// loadFails loads src and checks that the load fails with a report holding each of want.
func loadFails(t *testing.T, name, src string, want []string) {
	t.Helper()
	_, err := Load(project(src), DefaultFile)
	if err == nil {
		t.Errorf("%s: no error", name)
		return
	}
	report := err.Error()
	for _, w := range want {
		if !strings.Contains(report, w) {
			t.Errorf("%s: report lacks %q:\n%s", name, w, report)
		}
	}
}

func TestLoadRequinoa(t *testing.T) {
	p, err := Load(os.DirFS("../.."), DefaultFile)
	if err != nil {
		t.Fatalf("the repo's procedure.yaml does not load:\n%v", err)
	}
	steps := 0
	for _, s := range p.Manual.Sections {
		if s.ID == "procedimientos" {
			steps = len(s.Sections)
		}
	}
	if steps != 7 {
		t.Errorf("procedimientos has %d steps, the decree's manual has 7", steps)
	}
	if got := p.Decree.Citation(); got != "Decreto Alcaldicio N° 2387 del 02-08-2024" {
		t.Errorf("citation = %q", got)
	}
	if got := p.Decree.Place + ", " + p.Decree.Date.Stamp(); got != "REQUÍNOA, 02 AGO 2024" {
		t.Errorf("place and date = %q", got)
	}
	if got := p.Decree.Signatories[0].RoleLine(); got != "SECRETARIA MUNICIPAL (S)" {
		t.Errorf("first signatory's role = %q, want the subrogante mark", got)
	}
	if _, ok := NormalizeCode(p.Code); !ok {
		t.Errorf("version code %q is not of the form XXXX-XXXX", p.Code)
	}
}

func TestLoadMinimal(t *testing.T) {
	p, err := Load(project(minimal(t)), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Checklist.Phases[0].Checks[0]
	if c.Ref() != "paso 1a" {
		t.Errorf("check ref = %q, want paso 1a", c.Ref())
	}
	if p.Pages[0].Title != "Ayuda" {
		t.Errorf("page title = %q, want the first heading", p.Pages[0].Title)
	}
	if got := p.Checklist.Signatures[0].Lines; len(got) != 5 {
		t.Errorf("signature lines default to %v", got)
	}
}

func TestVersionCode(t *testing.T) {
	base := minimal(t)
	code := func(src string) string {
		t.Helper()
		p, err := Load(project(src), DefaultFile)
		if err != nil {
			t.Fatal(err)
		}
		return p.Code
	}
	orig := code(base)
	tests := []struct {
		name string
		src  string
		same bool
	}{
		{"comment added", "# a comment\n" + base, true},
		{"key order", strings.Replace(base, "  name: NOMBRE APELLIDO\n      role: ALCALDE", "  role: ALCALDE\n      name: NOMBRE APELLIDO", 1), true},
		{"quoted scalar", strings.Replace(base, "text: Probar.", "text: \"Probar.\"", 1), true},
		{"folded block", strings.Replace(base, "text: Probar.", "text: >-\n        Probar.", 1), true},
		{"one word changed", strings.Replace(base, "text: Probar.", "text: Probar bien.", 1), false},
		{"date changed", strings.Replace(base, "2025-03-04", "2025-03-05", 1), false},
		// The search settings tune the site, not the approved text.
		{"search settings added", base + "search:\n  keywords:\n    objetivo: [meta]\n", true},
		{"search settings first", "search:\n  synonyms:\n    - words: [meta, fin]\n" + base, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(tt.src); (got == orig) != tt.same {
				t.Errorf("code %s vs original %s; want same=%v", got, orig, tt.same)
			}
		})
	}
}

// A source with search settings also has the code with them, as pauta computed it when they
// were part of it: the versions published then are recorded with it.
func TestCodeWithSearch(t *testing.T) {
	base := minimal(t)
	plain, err := Load(project(base), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	if plain.CodeWithSearch != "" {
		t.Errorf("no search settings, yet a code with them: %s", plain.CodeWithSearch)
	}
	src := base + "search:\n  keywords:\n    objetivo: [meta]\n"
	p, err := Load(project(src), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	// The code of the whole tree, as canonicalHash always wrote it.
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	want := versionCode(canonicalHash(root.Content[0]), p.Pages)
	if p.CodeWithSearch != want || p.Code == want || p.Code != plain.Code {
		t.Errorf("code %s, with search %s; want %s without search (as with none) and %s with it", p.Code, p.CodeWithSearch, plain.Code, want)
	}
}

// TestBadInput: every mistake is reported at its line and column with what to do, all of them
// at once, and nothing panics.
func TestBadInput(t *testing.T) {
	base := minimal(t)
	tests := []struct {
		name  string
		src   string
		pages map[string]string // replaces content/ayuda.md when set
		want  []string          // each a line of the report, or a prefix of it
	}{
		{"unknown key with suggestion",
			strings.Replace(base, "      title: Objetivo", "      titel: Objetivo", 1),
			nil, []string{
				`procedure.yaml:29:7: manual.sections[1]: clave desconocida "titel" — ¿quiso decir "title"?`,
			}},
		{"spanish key",
			strings.Replace(base, "  code: PR-01", "  codigo: PR-01", 1),
			nil, []string{`procedure.yaml:52:3: checklist: clave desconocida "codigo" — ¿quiso decir "code"?`}},
		{"duplicate id",
			strings.Replace(base, "- id: razon", "- id: objetivo", 1),
			nil, []string{`procedure.yaml:28:11: sección: id "objetivo" repetido — cada id debe ser único; el primero está en la línea 15`}},
		{"missing required field",
			strings.Replace(base, "  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-\n", "", 1),
			nil, []string{`procedure.yaml:5:3: decree: falta la clave obligatoria "closing"`}},
		{"impossible date",
			strings.Replace(base, "2025-03-04", "2025-02-30", 1),
			nil, []string{`procedure.yaml:7:9: decree.date: "2025-02-30" no es una fecha válida — escriba la fecha como AAAA-MM-DD`}},
		{"empty step",
			strings.Replace(base, "          list: letters\n          items:\n            - id: primero-a\n              text: Hacer algo.\n", "", 1),
			nil, []string{`procedure.yaml:36:11: el paso "primero" no tiene texto, ítems ni subsecciones — agregue text:, items: o sections:, o quite esa parte del manual`}},
		{"dangling reference",
			strings.Replace(base, "from: [primero-a]", "from: [primero-b]", 1),
			nil, []string{`procedure.yaml:50:21: la verificación "hecho" cita "primero-b", que no existe — ¿quiso decir "primero-a"?`}},
		{"unknown phase",
			strings.Replace(base, "phase: antes", "phase: durante", 1),
			nil, []string{`procedure.yaml:48:22: la fase "durante" no existe — use una de las fases de checklist.phases: antes`}},
		{"missing content file",
			strings.Replace(base, "content/ayuda.md", "content/falta.md", 1),
			nil, []string{`procedure.yaml:62:11: no existe el archivo de contenido content/falta.md`}},
		{"content page without title",
			base, map[string]string{"content/ayuda.md": "Sin título.\n"},
			[]string{`content/ayuda.md:1:1: la página no tiene título`}},
		{"invalid utf-8",
			strings.Replace(base, "Probar.", "Prob\xe1r.", 1),
			nil, []string{`procedure.yaml:30:17: el texto no es UTF-8 válido — guarde el archivo con codificación UTF-8`}},
		{"invalid utf-8 in page",
			base, map[string]string{"content/ayuda.md": "# Ayuda\n\nma\xf1ana\n"},
			[]string{`content/ayuda.md:3:3: el texto no es UTF-8 válido`}},
		{"yaml syntax error",
			strings.Replace(base, "  number: 10", "  number: [10", 1),
			nil, []string{`procedure.yaml:5:1: YAML no válido: la lista entre corchetes no se cierra: falta una coma o el «]» — separe los elementos`}},
		{"yaml syntax error, item outside its list",
			strings.Replace(base, "      text: La Ley N° 18.695.\n", "      text: La Ley N° 18.695.\n    extra: x\n", 1),
			nil, []string{`procedure.yaml:11:1: YAML no válido: se esperaba otro elemento de la lista, que empiece con «- » — revise la sangría`}},
		{"yaml syntax error, unclosed quote",
			strings.Replace(base, "  place: EJEMPLO", "  place: \"EJEMPLO", 1),
			nil, []string{`procedure.yaml:4:1: YAML no válido: se esperaba una clave («nombre: valor») a la misma sangría que las anteriores — revise desde esa línea la sangría`}},
		{"yaml syntax error on the first line, which yaml.v3 does not number",
			strings.Replace(base, "pauta: 1", "pauta: 1: 2", 1),
			nil, []string{`procedure.yaml:1:1: YAML no válido: hay un «: » donde no puede empezar una clave`}},
		{"tab indentation",
			strings.Replace(base, "  number: 10", "\tnumber: 10", 1),
			nil, []string{`procedure.yaml:6:1: YAML no válido: tabulador en la sangría — sangre con espacios`}},
		{"empty file", "", nil, []string{`procedure.yaml: el archivo está vacío`}},
		{"only comments", "# nada\n", nil, []string{`procedure.yaml: el archivo está vacío`}},
		{"alias", strings.Replace(base, "  name: Municipalidad de Ejemplo", "  name: &n Municipalidad de Ejemplo\n  unit: *n", 1),
			nil, []string{`procedure.yaml:4:9: organization.unit: los alias YAML no se admiten`}},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
			nil, []string{`procedure.yaml:1:1: el archivo: clave desconocida "a"`}},
		{"two documents", base + "---\npauta: 1\n", nil, []string{`procedure.yaml:63:1: el archivo tiene más de un documento YAML`}},
		{"wrong type", strings.Replace(base, "  number: 10", "  number: diez", 1),
			nil, []string{`procedure.yaml:6:11: decree.number: "diez" no es un número entero`}},
		{"list expected", strings.Replace(base, "    - id: ley-base\n      text: La Ley N° 18.695.", "    La Ley N° 18.695.", 1),
			nil, []string{`procedure.yaml:12:5: decree.vistos: se esperaba una lista y se encontró el valor "La Ley N° 18.695." — escriba una lista`}},
		{"secret field", strings.Replace(base, "              label: Fecha\n              type: date", "              label: Contraseña de AnyDesk", 1),
			nil, []string{`procedure.yaml:43:15: el campo "fecha" anotaría una contraseña — registre solo que la verificación se hizo`}},
		{"choice without options", strings.Replace(base, "type: date", "type: choice", 1),
			nil, []string{`procedure.yaml:43:15: el campo "fecha" de tipo choice necesita opciones`}},
		{"bad id", strings.Replace(base, "- id: objetivo", "- id: Objetivo General", 1),
			nil, []string{`procedure.yaml:28:11: sección: id "Objetivo General" no válido — use minúsculas sin tildes, cifras y guiones, p. ej. objetivo-general`}},
		{"reserved id", strings.Replace(base, "- id: objetivo", "- id: resultados", 1),
			nil, []string{`procedure.yaml:28:11: sección: el id "resultados" está reservado`}},
		{"phase without checks", strings.Replace(base, "  phases:\n", "  phases:\n    - id: extra\n      title: Extra\n", 1),
			nil, []string{`procedure.yaml:55:7: la fase "extra" no tiene verificaciones`}},
		{"base url not absolute", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: www.ejemplo.cl\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "www.ejemplo.cl" no es una dirección http(s) completa`}},
		{"base url with a quote", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: 'https://www.ejemplo.cl/x\"onmouseover=/'\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "https://www.ejemplo.cl/x\"onmouseover=/" contiene el carácter '"' en la posición 25 — una dirección no lleva espacios`}},
		{"base url with angle brackets", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: https://www.ejemplo.cl/<script>/\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "https://www.ejemplo.cl/<script>/" contiene el carácter '<' en la posición 24`}},
		{"base url with a space", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: https://www.ejemplo.cl/mi manual/\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "https://www.ejemplo.cl/mi manual/" contiene un espacio en la posición 26 — una dirección no lleva espacios ni " < > \ ^ ` + "`" + ` { | }; escriba cada uno como %XX (un espacio es %20)`}},
		{"base url with a tab", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: \"https://www.ejemplo.cl/\\t/\"\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "https://www.ejemplo.cl/\t/" contiene el carácter invisible U+0009 en la posición 24`}},
		{"base url with a password", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: https://ana:clave@www.ejemplo.cl/\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "https://ana:clave@www.ejemplo.cl/" lleva usuario o contraseña — borre el usuario`}},
		{"base url of another scheme", strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: javascript:alert(1)//\n", 1),
			nil, []string{`procedure.yaml:3:13: site.base_url "javascript:alert(1)//" no es una dirección http(s) completa`}},
		{"format version", strings.Replace(base, "pauta: 1", "pauta: 2", 1),
			nil, []string{`procedure.yaml:1:8: versión de formato 2 desconocida`}},
		{"several errors sorted", strings.Replace(strings.Replace(base, "2025-03-04", "2025-13-01", 1), "      title: Objetivo", "      titulo: Objetivo", 1),
			nil, []string{`procedure.yaml:7:9: decree.date: "2025-13-01" no es una fecha válida`, `procedure.yaml:29:7: manual.sections[1]: clave desconocida "titulo" — ¿quiso decir "title"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := project(tt.src)
			for name, body := range tt.pages {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := Load(fsys, DefaultFile)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load returned %v, want an ErrorList", err)
			}
			lines := strings.Split(list.Error(), "\n")
			for i, want := range tt.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d of the report:\n got: %s\nwant: %s…\nwhole report:\n%s", i+1, at(lines, i), want, list.Error())
				}
			}
		})
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

func TestTooBig(t *testing.T) {
	fsys := project(minimal(t))
	fsys["procedure.yaml"] = &fstest.MapFile{Data: make([]byte, MaxSourceSize+1)}
	_, err := Load(fsys, DefaultFile)
	if err == nil || !strings.Contains(err.Error(), "procedure.yaml: el archivo pesa más de 32 MB") {
		t.Fatalf("err = %v", err)
	}
}

func TestMissingSource(t *testing.T) {
	_, err := Load(fstest.MapFS{}, DefaultFile)
	var list ErrorList
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "procedure.yaml: no existe") {
		t.Fatalf("err = %v", err)
	}
}
