package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the tests run this binary as pauta itself: with PAUTA_TEST_MAIN set, it is
// pauta, so a test can start real processes and kill them.
func TestMain(m *testing.M) {
	if os.Getenv("PAUTA_TEST_MAIN") != "" {
		main()
		return
	}
	os.Exit(m.Run())
}

func pauta(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PAUTA_TEST_MAIN=1")
	return cmd
}

// TestParallelBuildsAndKills starts several builds of two different sources into one folder
// at once, kills some of them at random moments, and after every round requires the folder
// to hold one build's site whole, byte for byte: never one source's pages with the other's
// decreto.pdf, never files missing.
func TestParallelBuildsAndKills(t *testing.T) {
	dir := t.TempDir()
	srcs := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	for _, s := range srcs {
		copyDir(t, "../../testdata/projects/minimal", s)
	}
	edit(t, filepath.Join(srcs[1], "procedure.yaml"), "text: Probar.", "text: Probar otra vez.")

	// One reference build of each source: what a whole site of it is.
	var refs []map[string]string
	var codes []string
	for i, s := range srcs {
		ref := filepath.Join(dir, fmt.Sprintf("ref-%d", i))
		var stderr bytes.Buffer
		cmd := pauta("build", "--src", s, "--out", ref)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("reference build of %s: %v\n%s", s, err, stderr.String())
		}
		code := regexp.MustCompile(`versión ([0-9A-F]{4}-[0-9A-F]{4})`).FindStringSubmatch(stderr.String())
		if code == nil {
			t.Fatalf("no version code in %q", stderr.String())
		}
		codes = append(codes, code[1])
		if b, _ := os.ReadFile(filepath.Join(ref, "index.html")); !bytes.Contains(b, []byte(code[1])) {
			t.Fatalf("reference %d: index.html does not show its version code %s", i, code[1])
		}
		refs = append(refs, manifest(t, ref))
	}
	if codes[0] == codes[1] {
		t.Fatalf("the two sources have the same version code %s: the test could not tell them apart", codes[0])
	}
	for _, name := range []string{"index.html", "decreto.pdf", "checklist.pdf"} {
		if refs[0][name] == refs[1][name] {
			t.Fatalf("%s is the same in both sources: the test could not tell a mix", name)
		}
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x9a07a))
	out := filepath.Join(dir, "public")
	completed, killed, waited := 0, 0, 0
	const rounds = 20
	for round := range rounds {
		type build struct {
			cmd    *exec.Cmd
			stderr *bytes.Buffer
			src    int
			kill   bool
			done   chan error
		}
		var builds []*build
		for range 2 + rng.IntN(3) {
			b := &build{src: rng.IntN(2), kill: rng.IntN(2) == 0, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
			b.cmd = pauta("build", "--src", srcs[b.src], "--out", out)
			b.cmd.Stderr = b.stderr
			if err := b.cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { b.done <- b.cmd.Wait() }()
			builds = append(builds, b)
		}
		for _, b := range builds {
			if !b.kill {
				continue
			}
			// Anywhere from before the build starts to after it ends.
			select {
			case err := <-b.done:
				b.done <- err
			case <-time.After(time.Duration(rng.IntN(80)) * time.Millisecond):
				b.cmd.Process.Signal(syscall.SIGKILL)
			}
		}
		for _, b := range builds {
			err := <-b.done
			if strings.Contains(b.stderr.String(), "esperando a que termine otra construcción en") {
				waited++
			}
			if b.kill {
				if err != nil {
					killed++
				}
				continue
			}
			if err != nil {
				t.Fatalf("round %d: a build nobody killed failed: %v\n%s", round, err, b.stderr.String())
			}
			completed++
		}
		got := manifest(t, out)
		if len(got) == 0 && completed == 0 {
			continue // every build so far was killed before its swap: no site yet, and none half
		}
		if !same(got, refs[0]) && !same(got, refs[1]) {
			t.Fatalf("round %d: %s is not one build's site whole:\n%s", round, out, describe(got, refs))
		}
	}
	t.Logf("%d rounds: %d builds completed, %d killed, %d waited for another", rounds, completed, killed, waited)
	if killed == 0 {
		t.Error("no build was killed: the test did not exercise a kill")
	}

	// One last build finds the leftovers of the killed ones and removes them.
	if b, err := pauta("build", "--src", srcs[0], "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("last build: %v\n%s", err, b)
	}
	if got := manifest(t, out); !same(got, refs[0]) {
		t.Fatalf("last build: not the site of its source:\n%s", describe(got, refs))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".pauta-staging-") {
			t.Errorf("staging folder left after a build completed: %s", e.Name())
		}
	}
}

// pauta checklist -o /dev/stdout writes the PDF to the standard output, a pipe here, as
// -o - does.
func TestChecklistToStdout(t *testing.T) {
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skipf("no /dev/stdout here: %v", err)
	}
	// As root a rename into /dev succeeds, and a pauta that renamed over /dev/stdout would
	// replace the machine's; /dev/fd/1 takes the same path in pauta and no rename can reach
	// it, as /dev/fd leads into /proc.
	stdout := "/dev/stdout"
	if os.Geteuid() == 0 {
		stdout = "/dev/fd/1"
	}
	src := filepath.Join(t.TempDir(), "p")
	copyDir(t, "../../testdata/projects/minimal", src)
	for _, o := range []string{stdout, "-"} {
		var stdout, stderr bytes.Buffer
		cmd := pauta("checklist", "--src", src, "-o", o)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("-o %s: %v\n%s", o, err, stderr.String())
		}
		if !bytes.HasPrefix(stdout.Bytes(), []byte("%PDF-")) || !bytes.Contains(stdout.Bytes(), []byte("%%EOF")) {
			t.Errorf("-o %s: the standard output got %d bytes, not a whole PDF", o, stdout.Len())
		}
	}
}

// manifest is every file under dir and its SHA-256.
func manifest(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && os.IsNotExist(err) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// describe says, file by file, which reference each file matches.
func describe(got map[string]string, refs []map[string]string) string {
	names := map[string]bool{}
	for k := range got {
		names[k] = true
	}
	for _, r := range refs {
		for k := range r {
			names[k] = true
		}
	}
	var lines []string
	for k := range names {
		from := "neither"
		switch {
		case got[k] == "":
			from = "missing"
		case got[k] == refs[0][k] && got[k] == refs[1][k]:
			from = "both"
		case got[k] == refs[0][k]:
			from = "source a"
		case got[k] == refs[1][k]:
			from = "source b"
		}
		lines = append(lines, fmt.Sprintf("  %-28s %s", k, from))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
