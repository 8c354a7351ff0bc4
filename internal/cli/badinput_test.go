package cli

// The catalogue of bad inputs: testdata/bad/*.txtar. Each case is something a careless or
// hostile user does, and what pauta must answer: the exit code, the Spanish message that
// says where (file:line:column) and what to do, and nothing written, changed or lost.
//
// A case is a txtar archive. Its files are the bad input, written over the base project;
// its comment holds one directive per line, run in this order:
//
//	# text                    a comment: say what the user did and why pauta must refuse it
//	base none                 start from an empty folder instead of testdata/projects/minimal
//	unix                      the case needs /dev/zero or FIFOs: skipped on other systems
//	setup pauta ARGS…         before the good build: a command that must succeed (e.g. publish)
//	setup replace FILE OLD NEW
//	setup rm FILE
//	                          (then, unless the base is none, `pauta build` makes a good site
//	                          in public/, and then the archive's files are written)
//	replace FILE OLD NEW      replace the one occurrence of OLD in FILE (a second one, or
//	                          none, fails the case: the case no longer tests what it says)
//	rm FILE                   remove a file or folder of the project
//	mkfifo FILE               make a FIFO
//	symlink NAME TARGET       make a symbolic link NAME pointing to TARGET
//	truncate FILE SIZE        make FILE SIZE bytes long (sparse: takes no disk)
//	pauta ARGS…               the command under test, exactly one per case
//	exit N                    its exit code: 1 source or refused operation, 2 command line
//	stderr TEXT               TEXT (the rest of the line, as is) appears in standard error;
//	                          give the positioned line, e.g. procedure.yaml:7:9: decree.date…
//	stdout TEXT               TEXT appears in standard output
//	check-differs REASON      for a build case: pauta check does not give build's verdict,
//	                          and why (a known gap to close, then delete this line)
//
// Arguments are separated by spaces; one with spaces, quotes or escapes is written as a Go
// string literal: replace procedure.yaml "  number: 10" "  number: [10". Commands run in
// the project folder, so paths are relative to it, as a user would type them.
//
// Every case also requires: a message in standard error, never "error interno", and every
// file of the folder (the project, public/, any output named) byte-identical to before the
// command, none added or removed (lock files, *.lock, aside: they stay by design). A case
// whose command is `pauta build` and exits 1 is also run as `pauta check`, which must exit 1
// too and print every stderr line that names a project file (procedure.yaml:…, content/….md:…).
//
// Add a case by adding a file; `go test ./internal/cli -run TestBadInput/NAME` runs one.
// After an intended change of wording, `go test ./internal/cli -run TestBadInput -update-bad`
// rewrites each case's exit and stderr lines with what pauta now says: read the diff, since
// the catalogue is only worth what its reviewed messages are.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var updateBad = flag.Bool("update-bad", false, "rewrite the exit and stderr lines of testdata/bad/*.txtar with what pauta says now")

// badCase is one parsed archive.
type badCase struct {
	base   string // "minimal" or "none"
	setup  [][]string
	steps  [][]string
	args   []string
	exit   int
	stderr []string
	stdout []string
	files  []txtar.File
	unix   bool
	// checkDiffers, when set, says why check does not (yet) give build's verdict.
	checkDiffers string
}

func TestBadInput(t *testing.T) {
	names, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 40 {
		t.Errorf("the catalogue has %d cases; issue 11 asks for at least 40", len(names))
	}
	base, err := filepath.Abs("../../testdata/projects/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		name, err := filepath.Abs(name) // the case runs in its own folder
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			c, err := parseBadCase(name)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			code, stderr := runBadCase(t, c, base)
			if *updateBad && !t.Skipped() {
				if err := rewriteExpectations(name, code, stderr); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func runBadCase(t *testing.T, c *badCase, base string) (code int, stderr string) {
	if c.unix && runtime.GOOS == "windows" {
		t.Skip("needs /dev/zero and FIFOs")
	}
	dir := t.TempDir()
	if c.base == "minimal" {
		if err := copyDir(base, dir); err != nil {
			t.Fatal(err)
		}
	}
	// Commands read "." and write "public" as a user's would; t.Chdir keeps the test serial.
	t.Chdir(dir)
	for _, step := range c.setup {
		doStep(t, dir, step)
	}
	if c.base == "minimal" {
		if code, _, stderr := run(t, "build"); code != ExitOK {
			t.Fatalf("the good site does not build (exit %d):\n%s", code, stderr)
		}
	}
	for _, f := range c.files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range c.steps {
		doStep(t, dir, step)
	}

	before := snapshot(t, dir)
	code, stdout, stderr := run(t, c.args...)
	if *updateBad {
		return code, stderr
	}
	cmdline := "pauta " + strings.Join(c.args, " ")
	if code != c.exit {
		t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", cmdline, code, c.exit, stdout, stderr)
	}
	for _, want := range c.stderr {
		if !strings.Contains(stderr, want) {
			t.Errorf("%s: standard error lacks\n  %s\nit says:\n%s", cmdline, want, stderr)
		}
	}
	for _, want := range c.stdout {
		if !strings.Contains(stdout, want) {
			t.Errorf("%s: standard output lacks\n  %s\nit says:\n%s", cmdline, want, stdout)
		}
	}
	if strings.TrimSpace(stderr) == "" || strings.Contains(stderr, "error interno") {
		t.Errorf("%s: want a message for the user, got:\n%s", cmdline, stderr)
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("%s changed the folder:\n%s", cmdline, lineDiff(before, after))
	}
	if c.args[0] != "build" || c.exit != ExitSource || c.checkDiffers != "" {
		return code, stderr
	}
	// What build refuses about the source, check finds, at the same places.
	checkArgs := []string{"check"}
	for i, a := range c.args {
		switch {
		case a == "--src" && i+1 < len(c.args):
			checkArgs = append(checkArgs, a, c.args[i+1])
		case strings.HasPrefix(a, "--src="):
			checkArgs = append(checkArgs, a)
		}
	}
	checkCode, _, checkErr := run(t, checkArgs...)
	if checkCode != code {
		t.Errorf("pauta check: exit %d, but %s exits %d\ncheck says:\n%s", checkCode, cmdline, code, checkErr)
	}
	for _, want := range c.stderr {
		if sourcePos.MatchString(want) && !strings.Contains(checkErr, want) {
			t.Errorf("pauta check does not report what %s does:\n  %s\ncheck says:\n%s", cmdline, want, checkErr)
		}
	}
	return code, stderr
}

// rewriteExpectations replaces the exit and stderr lines of the case in name with code and
// every line of stderr, where the first of the old lines stood.
func rewriteExpectations(name string, code int, stderr string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var out []string
	written := false
	lines := strings.Split(string(b), "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") {
			out = append(out, lines[i:]...)
			break
		}
		if line == "exit" || strings.HasPrefix(line, "exit ") || strings.HasPrefix(line, "stderr ") {
			if !written {
				out = append(out, fmt.Sprintf("exit %d", code))
				for _, l := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
					if l = strings.TrimRight(l, " "); l != "" {
						out = append(out, "stderr "+l)
					}
				}
				written = true
			}
			continue
		}
		out = append(out, line)
	}
	return os.WriteFile(name, []byte(strings.Join(out, "\n")), 0o644)
}

// sourcePos starts a message about a file of the project: "procedure.yaml:7:9: …".
var sourcePos = regexp.MustCompile(`^[^\s:]+\.(yaml|md)(:\d+:\d+)?: `)

// doStep runs one directive that prepares the folder.
func doStep(t *testing.T, dir string, step []string) {
	t.Helper()
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	switch step[0] {
	case "pauta":
		if code, stdout, stderr := run(t, step[1:]...); code != ExitOK {
			t.Fatalf("setup %q: exit %d\n%s%s", step, code, stdout, stderr)
		}
	case "replace":
		b, err := os.ReadFile(path(step[1]))
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(b, []byte(step[2])); n != 1 {
			t.Fatalf("replace: %q occurs %d times in %s, want once", step[2], n, step[1])
		}
		if err := os.WriteFile(path(step[1]), bytes.Replace(b, []byte(step[2]), []byte(step[3]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	case "rm":
		if err := os.RemoveAll(path(step[1])); err != nil {
			t.Fatal(err)
		}
	case "mkfifo":
		if err := mkfifo(path(step[1])); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	case "symlink":
		if err := os.Symlink(step[2], path(step[1])); err != nil {
			t.Fatal(err)
		}
	case "truncate":
		size, err := strconv.ParseInt(step[2], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if f, err := os.OpenFile(path(step[1]), os.O_CREATE|os.O_WRONLY, 0o644); err != nil {
			t.Fatal(err)
		} else {
			f.Close()
		}
		if err := os.Truncate(path(step[1]), size); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot lists every file under dir with its kind and, for a regular file, its SHA-256,
// without reading anything that is not a regular file (a FIFO would block). Folders are
// listed through their files, and lock files are left out: a lock lives in a file that stays
// (an flock is released, not deleted), and its folder is made to hold it.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(d.Name(), ".lock") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		line := rel + " " + d.Type().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			line += " -> " + target
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			// A case's huge sparse file is told by its size and time: hashing it takes seconds.
			if info.Size() > 64<<20 {
				line += fmt.Sprintf(" %d bytes %s", info.Size(), info.ModTime())
				break
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			line += " " + hex.EncodeToString(sum[:8])
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// lineDiff lists the lines only in a (-) and only in b (+).
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !inb[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ina[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// parseBadCase reads one archive of the catalogue; see the top of the file for the format.
func parseBadCase(name string) (*badCase, error) {
	a, err := txtar.ParseFile(name)
	if err != nil {
		return nil, err
	}
	c := &badCase{base: "minimal", exit: -1, files: a.Files}
	arity := map[string]int{"replace": 3, "rm": 1, "mkfifo": 1, "symlink": 2, "truncate": 2}
	for i, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		bad := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", i+1, fmt.Sprintf(format, args...))
		}
		switch word {
		case "stderr", "stdout":
			if rest == "" {
				return nil, bad("%s without text", word)
			}
			if word == "stderr" {
				c.stderr = append(c.stderr, rest)
			} else {
				c.stdout = append(c.stdout, rest)
			}
			continue
		case "exit":
			n, err := strconv.Atoi(rest)
			if err != nil {
				return nil, bad("exit %q is not a number", rest)
			}
			c.exit = n
			continue
		case "unix":
			c.unix = true
			continue
		case "check-differs":
			if rest == "" {
				return nil, bad("check-differs without a reason")
			}
			c.checkDiffers = rest
			continue
		case "base":
			if rest != "none" && rest != "minimal" {
				return nil, bad("base %q: want none or minimal", rest)
			}
			c.base = rest
			continue
		}
		setup := word == "setup"
		if setup {
			line = rest
		}
		step, err := splitArgs(line)
		if err != nil {
			return nil, bad("%v", err)
		}
		if len(step) == 0 {
			return nil, bad("setup without a step")
		}
		switch n, known := arity[step[0]]; {
		case step[0] == "pauta" && !setup:
			if c.args != nil {
				return nil, bad("a second command: a case has one")
			}
			c.args = step[1:]
			continue
		case step[0] == "pauta":
		case !known:
			return nil, bad("unknown directive %q", step[0])
		case len(step)-1 != n:
			return nil, bad("%s takes %d arguments, got %d", step[0], n, len(step)-1)
		}
		if setup {
			c.setup = append(c.setup, step)
		} else {
			c.steps = append(c.steps, step)
		}
	}
	switch {
	case c.args == nil:
		return nil, fmt.Errorf("no pauta command")
	case c.exit < 0:
		return nil, fmt.Errorf("no exit code")
	case c.exit == ExitOK || c.exit == ExitInternal:
		return nil, fmt.Errorf("exit %d: a bad input is refused with 1 or 2", c.exit)
	case len(c.stderr) == 0:
		return nil, fmt.Errorf("no stderr line: say what message the user must read")
	}
	return c, nil
}

// splitArgs splits a directive at spaces; an argument written as a Go string literal may hold
// spaces, quotes and escapes.
func splitArgs(line string) ([]string, error) {
	var args []string
	for {
		line = strings.TrimLeft(line, " \t")
		if line == "" {
			return args, nil
		}
		if line[0] == '"' || line[0] == '`' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, fmt.Errorf("bad quoted argument in %s", line)
			}
			s, _ := strconv.Unquote(q)
			args = append(args, s)
			line = line[len(q):]
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		args = append(args, word)
		line = rest
	}
}
