package procedure

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem in the source that its author must fix. It prints as
// "procedure.yaml:12:5: message — what to do".
type Error struct {
	File string
	Pos  Pos
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Col)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// ErrorList is every problem found in one load, reported together so an author fixes them in
// one pass rather than one run per mistake.
type ErrorList []*Error

func (l *ErrorList) add(file string, pos Pos, hint, format string, args ...any) {
	*l = append(*l, &Error{File: file, Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// sort orders the list by file and position and drops exact repeats.
func (l *ErrorList) sort() {
	sort.SliceStable(*l, func(i, j int) bool {
		a, b := (*l)[i], (*l)[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := (*l)[:0]
	for i, e := range *l {
		if i > 0 && e.Error() == (*l)[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// maxReported bounds the printed list: past it, the first errors are the ones to fix.
const maxReported = 50

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == maxReported {
			fmt.Fprintf(&b, "(y %d errores más)\n", len(l)-maxReported)
			break
		}
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
