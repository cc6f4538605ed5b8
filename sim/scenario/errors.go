package scenario

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// maxErrors is how many errors one load reports before it stops with
// "too many errors", as the Go compiler does: past that point the later
// errors are usually consequences of the first ones.
const maxErrors = 20

// Error is a mistake in a scenario, positioned at the field it concerns.
//
// File is the scenario file as given (or "--set path=value" for a command
// line override); Line and Col are 1-based and 0 when unknown; Path is the
// field path such as population.groups[1].share, empty for errors about the
// file as a whole.
type Error struct {
	File      string
	Line, Col int
	Path      string
	Msg       string
}

// Error formats e as FILE:LINE:COL: path: msg, leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Col > 0 {
				fmt.Fprintf(&b, ":%d", e.Col)
			}
		}
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is several errors, sorted by position.
type ErrorList []*Error

// Error returns the errors one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// IsUserError reports whether err is a mistake in the scenario or in an
// override (an *Error or an ErrorList, possibly wrapped), which the command
// line reports with exit code 2, rather than a failure of the program.
func IsUserError(err error) bool {
	var e *Error
	var l ErrorList
	return errors.As(err, &e) || errors.As(err, &l)
}

// errorSet collects errors, dropping exact duplicates (an anchored mapping
// merged or aliased twice reports its mistakes once).
type errorSet struct {
	list ErrorList
	seen map[Error]bool
}

func (s *errorSet) add(e *Error) {
	if s.seen == nil {
		s.seen = make(map[Error]bool)
	}
	if s.seen[*e] {
		return
	}
	s.seen[*e] = true
	s.list = append(s.list, e)
}

func (s *errorSet) full() bool { return len(s.list) >= 4*maxErrors }

// err returns nil, the single error, or the sorted list capped at maxErrors.
func (s *errorSet) err() error {
	return finishErrors(s.list)
}

func finishErrors(list ErrorList) error {
	if len(list) == 0 {
		return nil
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		// Command line overrides (File "--set ...") come after the file,
		// in the order given.
		if sa, sb := isSetFile(a.File), isSetFile(b.File); sa != sb || sa {
			return !sa && sb
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	if len(list) > maxErrors {
		last := list[maxErrors-1]
		list = append(list[:maxErrors:maxErrors], &Error{File: last.File, Msg: "too many errors"})
	}
	if len(list) == 1 {
		return list[0]
	}
	return list
}

func isSetFile(file string) bool { return strings.HasPrefix(file, "--set ") }
