package registro

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LedgerFile is the ledger of folios printed, relative to the project: pauta checklist adds
// a line for every batch printed with folios, and the register compares it with the folios
// returned.
const LedgerFile = "content/folios.csv"

const ledgerHeader = "fecha;desde;hasta;versión\n"

// AppendLedger adds a batch to the ledger at path, creating it with its header line when
// missing. The line goes in one write to a file opened for appending, which the system makes
// atomic for a line this short: two batches printed at once both land, whole, one after the
// other.
func AppendLedger(path string, is Issued) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := createWithHeader(path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	line := fmt.Sprintf("%s;%d;%d;%s\n", is.Date, is.From, is.To, is.Code)
	_, err = f.WriteString(line)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadLedger reads the ledger in src; a missing ledger is an empty one. A line that cannot be
// read is an error naming it, since a folio range lost would show as folios not returned.
func ReadLedger(src fs.FS) ([]Issued, error) {
	b, err := fs.ReadFile(src, LedgerFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Issued
	for i, line := range strings.Split(string(bytes.TrimPrefix(b, []byte("\ufeff"))), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || i == 0 && strings.HasPrefix(line, "fecha;") {
			continue
		}
		parts := strings.Split(line, ";")
		if len(parts) != 4 {
			return nil, &LedgerError{Line: i + 1, Msg: "se esperaban 4 columnas separadas por «;»: fecha;desde;hasta;versión"}
		}
		from, err1 := strconv.Atoi(parts[1])
		to, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || from < 1 || to < from || to-from > 1_000_000 {
			return nil, &LedgerError{Line: i + 1, Msg: fmt.Sprintf("folios «%s» a «%s» no válidos: use dos números, el primero no mayor que el segundo", parts[1], parts[2])}
		}
		out = append(out, Issued{Date: parts[0], From: from, To: to, Code: parts[3]})
	}
	return out, nil
}

// LedgerError is a line of the ledger that cannot be read.
type LedgerError struct {
	Line int
	Msg  string
}

func (e *LedgerError) Error() string { return fmt.Sprintf("%s:%d:1: %s", LedgerFile, e.Line, e.Msg) }

// createWithHeader creates the ledger with its header line unless it exists. The header is
// written to a temporary file first and linked into place, which fails if the ledger
// appeared meanwhile: no batch can land before the header.
func createWithHeader(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".folios-*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(ledgerHeader)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		if lerr := os.Link(tmp.Name(), path); lerr != nil && !errors.Is(lerr, fs.ErrExist) {
			err = lerr
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
