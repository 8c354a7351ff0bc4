package registro

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestLedger: batches appended at once all land, whole, and read back as printed; a line
// that cannot be read is named by its line number.
func TestLedger(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, LedgerFile)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := AppendLedger(path, Issued{Date: "2026-12-01", From: 100*i + 1, To: 100*i + 50, Code: "3962-1CE9"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := ReadLedger(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 20 {
		t.Fatalf("%d batches read, want 20", len(got))
	}
	seen := map[int]bool{}
	for _, is := range got {
		if is.To != is.From+49 || is.Code != "3962-1CE9" {
			t.Errorf("batch read as %+v", is)
		}
		seen[is.From] = true
	}
	if len(seen) != 20 {
		t.Errorf("batches repeated or lost: %v", seen)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), ledgerHeader) || strings.Count(string(b), "fecha;") != 1 {
		t.Errorf("header missing or repeated:\n%s", b)
	}
	os.WriteFile(path, append(b, "2026-12-02;9;3;X\n"...), 0o644)
	if _, err := ReadLedger(os.DirFS(dir)); err == nil || !strings.Contains(err.Error(), LedgerFile+":22:1:") {
		t.Errorf("bad line: error %v, want it at line 22", err)
	}
}
