package cli

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/csv"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdfsign/sign"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/testtool"
)

// pypdf finds a Python with pypdf (Debian's python3-pypdf), or skips.
func pypdf(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import pypdf").Run() == nil {
			return py
		}
	}
	testtool.Missing(t, "python3 with pypdf not found (install python3-pypdf)")
	return ""
}

// registroProject copies the repository's own project, which has a published version.
func registroProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proyecto")
	for _, p := range []string{"procedure.yaml", "content"} {
		from := filepath.Join("..", "..", p)
		if info, err := os.Stat(from); err == nil && info.IsDir() {
			if err := copyDir(from, filepath.Join(dir, p)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type signer struct {
	name string
	key  crypto.Signer
	cert *x509.Certificate
}

// newSigner makes a self-signed certificate for name, as a test CA would issue.
func newSigner(t *testing.T, name string) signer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return signer{name, key, cert}
}

func (s signer) sign(t *testing.T, in, out string) {
	t.Helper()
	err := sign.SignFile(in, out, sign.SignData{
		Signature: sign.SignDataSignature{
			Info:     sign.SignDataSignatureInfo{Name: s.name, Reason: "Lista de verificación", Date: time.Now()},
			CertType: sign.ApprovalSignature,
		},
		Signer: s.key, DigestAlgorithm: crypto.SHA256, Certificate: s.cert,
	})
	if err != nil {
		t.Fatalf("signing %s: %v", in, err)
	}
}

// TestRegistro: a folder of checklists printed by pauta, filled with pypdf and signed with
// pdfsign, each case reported as such, and the complete one with no problem.
func TestRegistro(t *testing.T) {
	py := pypdf(t)
	proj := registroProject(t)
	work := t.TempDir()
	in := filepath.Join(work, "sesiones")
	os.MkdirAll(filepath.Join(in, "marzo"), 0o755)
	blank := func(folio int) string {
		name := filepath.Join(work, "blanco-"+itoa(folio)+".pdf")
		if code, _, errOut := run(t, "checklist", "--src", proj, "--fillable", "--folio-start", itoa(folio), "-o", name); code != 0 {
			t.Fatalf("checklist: %s", errOut)
		}
		return name
	}
	// The batch 47–48 is printed, and never comes back.
	if code, _, errOut := run(t, "checklist", "--src", proj, "--fillable", "--copies", "2", "--folio-start", "47", "-o", filepath.Join(work, "lote.pdf")); code != 0 {
		t.Fatal(errOut)
	}
	lines := []string{"solicitud-recibida", "presencial-no-posible", "tecnico-disponible", "anydesk-operativo",
		"id-entregado-por-usuario", "identidad-verificada", "autorizacion-confirmada", "problema-diagnosticado",
		"comunicacion-mantenida", "solo-informacion-relacionada", "politicas-cumplidas", "sesion-cerrada",
		"resumen-entregado", "usuario-informado", "alternativas-exploradas", "visita-asignada"}
	// Each line is one radio group named after its number (checklist.ItemField), valued
	// Si, No or NA, as pauta prints it; a change to "" leaves a line or field empty.
	refs := lineRefs(t, proj)
	fill := func(folio int, out string, change map[string]string) {
		t.Helper()
		prefix := "folio" + pad4(folio) + "-"
		vals := map[string]string{
			"fecha": "15-03-2025", "hora-inicio": "10:00", "hora-termino": "10:40", "nombre-tecnico": "Ana Técnica",
			"usuario-final": "Luis Usuario", "unidad": "DIDECO", "problema-reportado": "=HYPERLINK(\"http://malo\")",
			"observaciones": "Sin novedad.", "tecnico-nombre": "Ana Técnica", "usuario-nombre": "Luis Usuario",
		}
		for _, l := range lines {
			vals[l] = "Si"
		}
		for k, v := range change {
			if v == "" {
				delete(vals, k)
			} else {
				vals[k] = v
			}
		}
		args := []string{filepath.Join("testdata", "registro", "fill.py"), blank(folio), out}
		for k, v := range vals {
			if ref, ok := refs[k]; ok {
				k = checklist.ItemField(ref)
			}
			args = append(args, prefix+k+"="+v)
		}
		if b, err := exec.Command(py, args...).CombinedOutput(); err != nil {
			t.Fatalf("fill.py: %v\n%s", err, b)
		}
	}
	ana, luis := newSigner(t, "Ana Técnica"), newSigner(t, "Luis Usuario")
	signBoth := func(filled, out string) {
		mid := filled + ".1"
		ana.sign(t, filled, mid)
		luis.sign(t, mid, out)
	}
	tmp := func(n string) string { return filepath.Join(work, n) }

	fill(41, tmp("completa"), nil)
	// A "No" explained in the observations is no problem.
	fill(39, tmp("radio"), map[string]string{"tecnico-disponible": "No", "observaciones": "No había técnico; se atendió al día siguiente."})
	signBoth(tmp("radio"), filepath.Join(in, "radio.pdf"))
	fill(38, tmp("radio-sin"), map[string]string{"sesion-cerrada": ""})
	signBoth(tmp("radio-sin"), filepath.Join(in, "radio-sin-responder.pdf"))
	signBoth(tmp("completa"), filepath.Join(in, "completa.pdf"))
	fill(42, tmp("no"), map[string]string{"anydesk-operativo": "No", "observaciones": ""})
	signBoth(tmp("no"), filepath.Join(in, "marzo", "no-sin-explicar.pdf"))
	fill(43, tmp("sin"), map[string]string{"identidad-verificada": ""})
	signBoth(tmp("sin"), filepath.Join(in, "sin-responder.pdf"))
	fill(44, tmp("rep"), nil)
	signBoth(tmp("rep"), filepath.Join(in, "repetida-1.pdf"))
	copyFile(t, filepath.Join(in, "repetida-1.pdf"), filepath.Join(in, "repetida-2.pdf"))
	fill(45, filepath.Join(in, "sin-firmas.pdf"), nil)
	fill(46, tmp("mod"), nil)
	signBoth(tmp("mod"), tmp("mod.pdf"))
	fill(40, tmp("add"), nil)
	signBoth(tmp("add"), tmp("add.pdf"))
	// Modified after signing: a byte of the signed content changed, and, in another copy,
	// bytes added after the last signature.
	b, _ := os.ReadFile(tmp("mod.pdf"))
	// pypdf writes ':' as the octal escape \072.
	typed := `(10\07240)`
	if !strings.Contains(string(b), typed) {
		t.Fatal("the end time is not in the file as pypdf writes it: the tampering below would change nothing")
	}
	changed := []byte(strings.Replace(string(b), typed, `(11\07240)`, 1))
	os.WriteFile(filepath.Join(in, "modificada.pdf"), changed, 0o644)
	b, _ = os.ReadFile(tmp("add.pdf"))
	os.WriteFile(filepath.Join(in, "agregada.pdf"), append(b, "\n% agregado después de firmar\n"...), 0o644)
	// Bad input.
	os.WriteFile(filepath.Join(in, "texto.pdf"), []byte("esto no es un PDF\n"), 0o644)
	whole, _ := os.ReadFile(filepath.Join(in, "completa.pdf"))
	os.WriteFile(filepath.Join(in, "truncada.pdf"), whole[:len(whole)/3], 0o644)
	if out, err := exec.Command(py, "testdata/registro/fill.py", "--encrypt", filepath.Join(in, "completa.pdf"), filepath.Join(in, "cifrada.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	if out, err := exec.Command(py, "testdata/registro/fill.py", "--other", filepath.Join(in, "otra.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}

	before := tree(t, in)
	out := filepath.Join(work, "registro")
	code, _, errOut := run(t, "registro", in, "-o", out, "--fuente", proj)
	if code != 0 {
		t.Fatalf("registro: exit %d\n%s", code, errOut)
	}
	if after := tree(t, in); after != before {
		t.Errorf("registro changed its input:\n%s\n---\n%s", before, after)
	}
	raw, err := os.ReadFile(filepath.Join(out, "registro.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "\ufeff") {
		t.Error("registro.csv has no byte order mark")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff")))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, head)
		return -1
	}
	problems := map[string]string{}
	byFile := map[string][]string{}
	for _, row := range rows[1:] {
		problems[row[0]] += row[len(row)-1]
		byFile[row[0]] = row
	}
	tests := []struct{ file, want string }{
		{"completa.pdf", ""},
		{"radio.pdf", ""},
		{"radio-sin-responder.pdf", "línea C1 sin responder"},
		{"marzo/no-sin-explicar.pdf", "línea A4 marcada «No» sin explicación en las observaciones"},
		{"sin-responder.pdf", "línea A6 sin responder"},
		{"repetida-1.pdf", "folio 44 repetido (también en repetida-2.pdf)"},
		{"repetida-2.pdf", "folio 44 repetido (también en repetida-1.pdf)"},
		{"sin-firmas.pdf", "falta la firma de Técnico de soporte; falta la firma de Usuario final"},
		{"modificada.pdf", "el archivo cambió después de firmar"},
		{"agregada.pdf", "el archivo fue modificado después de la última firma"},
		{"texto.pdf", "no se leyó: no es un PDF"},
		{"truncada.pdf", "no se leyó: el PDF está dañado"},
		{"cifrada.pdf", "no se leyó: el PDF está cifrado"},
		{"otra.pdf", "no se leyó: el PDF no tiene campos de formulario"},
	}
	for _, tt := range tests {
		got, ok := problems[tt.file]
		switch {
		case !ok:
			t.Errorf("%s: not in the register", tt.file)
		case tt.want == "" && got != "":
			t.Errorf("%s: problems %q, want none", tt.file, got)
		case !strings.Contains(got, tt.want):
			t.Errorf("%s: problems %q, want %q", tt.file, got, tt.want)
		}
	}
	if len(rows)-1 != len(tests) {
		t.Errorf("register has %d rows, want %d", len(rows)-1, len(tests))
	}
	ok := byFile["completa.pdf"]
	if got := ok[col("Firma Técnico de soporte: firmante")]; got != "Ana Técnica" {
		t.Errorf("technician's signer %q, want Ana Técnica", got)
	}
	if got := ok[col("Firma Usuario final: firmante")]; got != "Luis Usuario" {
		t.Errorf("user's signer %q, want Luis Usuario", got)
	}
	if got := ok[col("Firma Usuario final: verificada")] + ok[col("Firma Usuario final: cubre todo el archivo")]; got != "SíSí" {
		t.Errorf("user's signature verified+whole %q, want SíSí", got)
	}
	if got := byFile["radio.pdf"][col("A3 El técnico tiene disponibilidad para atender en forma remota")]; got != "No" {
		t.Errorf("radio.pdf A3 %q, want No", got)
	}
	if got := ok[col("Folio")]; got != "41" {
		t.Errorf("folio %q, want 41", got)
	}
	if got := ok[col("A1 El usuario final solicitó asistencia al departamento de soporte técnico")]; got != "Sí" {
		t.Errorf("A1 %q, want Sí", got)
	}
	if got := ok[col("Problema reportado")]; got != `'=HYPERLINK("http://malo")` {
		t.Errorf("formula cell %q, want it behind a quote", got)
	}
	summary, _ := os.ReadFile(filepath.Join(out, "registro.html"))
	if !strings.Contains(string(summary), "Impresos y no devueltos: 47–48.") {
		t.Error("registro.html does not list folios 47–48 as not returned")
	}
	if pdftotext := testtool.Require(t, "pdftotext", "poppler-utils"); pdftotext != "" {
		text, err := exec.Command(pdftotext, "-layout", filepath.Join(out, "registro.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Impresos y no devueltos: 47–48.", "Devueltos más de una vez: 44.", "texto.pdf: no es un PDF", "Versión "} {
			if !strings.Contains(string(text), want) {
				t.Errorf("registro.pdf does not say %q:\n%s", want, text)
			}
		}
	}
	// The same folder, the same bytes.
	first := tree(t, out)
	if code, _, errOut := run(t, "registro", in, "-o", out, "--fuente", proj); code != 0 {
		t.Fatal(errOut)
	}
	if again := tree(t, out); again != first {
		t.Errorf("a second register of the same folder differs:\n%s\n---\n%s", first, again)
	}
}

func itoa(n int) string { return strings.TrimLeft(pad4(n), "0") }

func pad4(n int) string {
	s := "0000" + strings.TrimSpace(strings.Repeat(" ", 0)+big.NewInt(int64(n)).String())
	return s[len(s)-4:]
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRegistroCommandLine: what the command refuses, with which exit code, and the progress
// line of a big folder.
func TestRegistroCommandLine(t *testing.T) {
	proj := registroProject(t)
	in := filepath.Join(t.TempDir(), "sesiones")
	os.MkdirAll(in, 0o755)
	for i := range 120 {
		os.WriteFile(filepath.Join(in, "s"+itoa(i+1)+".pdf"), []byte("no es un PDF"), 0o644)
	}
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no folder", []string{"registro"}, ExitUsage, "indique la carpeta"},
		{"not a folder", []string{"registro", filepath.Join(in, "s1.pdf"), "--fuente", proj}, ExitUsage, "no es una carpeta"},
		{"inside public", []string{"registro", in, "--fuente", proj, "-o", filepath.Join(proj, "public", "registro")}, ExitUsage, "public/"},
		{"nothing published", []string{"registro", in, "--fuente", empty, "-o", filepath.Join(t.TempDir(), "r")}, ExitSource, "no tiene versiones publicadas"},
		{"progress", []string{"registro", in, "--fuente", proj, "-o", filepath.Join(t.TempDir(), "r")}, ExitOK, "pauta: 120 de 120 archivos leídos…"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d %q, want %d and %q", tt.name, code, errOut, tt.code, tt.want)
		}
	}
}

// lineRefs maps each check id of the project's checklist to its printed number ("A5").
func lineRefs(t *testing.T, proj string) map[string]string {
	t.Helper()
	p, err := site.Load(os.DirFS(proj))
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]string{}
	for _, ph := range p.Checklist.Phases {
		for _, c := range ph.Checks {
			refs[c.ID] = p.Checklist.ItemRef(c)
		}
	}
	return refs
}
