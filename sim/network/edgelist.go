package network

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// HeaderMode says whether the first data line of an edge list is a header.
type HeaderMode int

const (
	// HeaderAuto treats the first data line as a header when one of its first
	// two fields is not an integer while both fields of the second data line
	// are. A file with string labels and a header therefore needs HeaderYes,
	// and an auto-detected header must have two fields like the data.
	HeaderAuto HeaderMode = iota
	// HeaderYes always skips the first data line.
	HeaderYes
	// HeaderNo reads the first data line as an edge.
	HeaderNo
)

// ReadOptions configures ReadEdgeList.
type ReadOptions struct {
	Name   string     // source name for error messages, e.g. the file path; "input" if empty
	Header HeaderMode // header detection; the zero value is HeaderAuto
}

// ReadInfo reports what ReadEdgeList found besides the graph.
type ReadInfo struct {
	Labels     []string // Labels[id] is the text of node id, in order of first appearance
	SelfLoops  int64    // lines whose two labels were equal, dropped
	Duplicates int64    // edges seen again (in either direction) after their first line, dropped
	Lines      int64    // physical lines read, including header, comments and blank lines
}

// maxLineBytes bounds a line so that a file without newlines cannot make the
// reader buffer without limit.
const maxLineBytes = 1 << 20

type separator int

const (
	sepUnknown separator = iota
	sepComma
	sepTab
	sepSpace
)

func (s separator) String() string {
	return [...]string{"unknown", "commas", "tabs", "spaces"}[s]
}

// ReadEdgeList reads an undirected edge list, one edge per line:
//
//   - Fields are separated by commas, tabs or runs of spaces and tabs. The
//     first line that is not blank or a comment (the header, if there is
//     one) decides for the whole file: commas if it has a comma, else tabs
//     if it has a tab, else whitespace. A later line that uses
//     another separator is an error. With commas or tabs, spaces around a
//     field are trimmed and spaces inside it are kept ("New York"); labels
//     can contain neither commas nor tabs, and there is no quoting.
//   - A line ends at LF, CRLF or a lone CR (old Mac files), so that a file
//     saved by any editor reads the same; CR then CR is two line ends.
//   - Lines that are blank or whose first non-blank character is '#' are
//     skipped. A UTF-8 byte-order mark at the start is ignored.
//   - The first two fields are the endpoints; further fields (weights,
//     timestamps) are ignored. A line with fewer than two fields, or an empty
//     field among the first two, is an error.
//   - The first data line may be a header, see HeaderMode.
//   - Labels are arbitrary text compared exactly ("7" and "07" are different
//     nodes) and numbered 0..N-1 in order of first appearance; integer labels
//     are not used as ids. ReadInfo.Labels maps ids back to labels.
//   - Self loops and repeated edges (in either direction) are dropped and
//     counted in ReadInfo, since the model's graph is simple.
//
// Errors name the source and line, as in "edges.csv:12: need two fields, got 1".
// A file without edges, a line longer than 1 MiB, a NUL byte (binary
// content, such as a compressed file) and more than 2^31-1 distinct labels
// are errors.
//
// Cost: one pass with a hash map from label to id (the labels are
// arbitrary text, so a map is needed here), then FromEdges-style CSR
// construction; 8 bytes per edge line plus the labels.
func ReadEdgeList(r io.Reader, opts ReadOptions) (*Graph, ReadInfo, error) {
	name := opts.Name
	if name == "" {
		name = "input"
	}
	er := &edgeReader{name: name, ids: make(map[string]int32)}
	lr := &lineReader{r: r}
	var (
		info       ReadInfo
		dataLines  int // data lines seen so far
		pending    [2]string
		pendingOK  bool
		pendingLno int64
	)
	for {
		line, err := lr.next()
		if len(line) == 0 && err == io.EOF {
			break
		}
		info.Lines++
		lno := info.Lines
		if err == errLineTooLong || len(line) > maxLineBytes {
			return nil, info, fmt.Errorf("%s:%d: line longer than %d bytes", name, lno, maxLineBytes)
		}
		if err != nil && err != io.EOF {
			return nil, info, fmt.Errorf("%s:%d: %w", name, lno, err)
		}
		if bytes.IndexByte(line, 0) >= 0 {
			return nil, info, fmt.Errorf("%s:%d: binary content (a NUL byte): an edge list must be text (is the file compressed?)", name, lno)
		}
		if lno == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			if err == io.EOF {
				break
			}
			continue
		}
		dataLines++
		if er.sep == sepUnknown {
			er.sep = detectSeparator(line)
		}
		a, b, ferr := er.fields(line)
		switch {
		case dataLines == 1 && opts.Header == HeaderYes:
			// Header: its fields need not be valid.
		case ferr != nil:
			return nil, info, fmt.Errorf("%s:%d: %w", name, lno, ferr)
		case dataLines == 1 && opts.Header == HeaderAuto && !(isInteger(a) && isInteger(b)):
			// Maybe a header: decided by the next data line.
			pending = [2]string{string(a), string(b)}
			pendingOK, pendingLno = true, lno
		case dataLines == 2 && pendingOK:
			pendingOK = false
			if !(isInteger(a) && isInteger(b)) {
				// Not a header after all: the file has string labels.
				if err := er.edge([]byte(pending[0]), []byte(pending[1]), pendingLno, &info); err != nil {
					return nil, info, err
				}
			}
			fallthrough
		default:
			if err := er.edge(a, b, lno, &info); err != nil {
				return nil, info, err
			}
		}
		if err == io.EOF {
			break
		}
	}
	if pendingOK { // a single data line is an edge, not a header
		if err := er.edge([]byte(pending[0]), []byte(pending[1]), pendingLno, &info); err != nil {
			return nil, info, err
		}
	}
	info.Labels = er.labels
	if len(er.pairs) == 0 {
		if info.SelfLoops > 0 {
			return nil, info, fmt.Errorf("%s: no edges (%d self loops dropped)", name, info.SelfLoops)
		}
		return nil, info, fmt.Errorf("%s: no edges", name)
	}
	g, dups := fromPairs(len(er.labels), er.pairs, false)
	info.Duplicates = dups
	return g, info, nil
}

// errLineTooLong is a line longer than maxLineBytes.
var errLineTooLong = errors.New("line too long")

// lineReader splits its input into lines at every line end in use: LF
// (Unix), CRLF (Windows) and a lone CR (classic Mac OS, and some
// spreadsheet exports). bufio.Reader.ReadSlice stops at one byte only: a
// file of CR line ends was read as one line, and its CRs ended up inside
// labels. CR then LF is one line end, even when they arrive in separate
// reads.
type lineReader struct {
	r       io.Reader
	buf     []byte // buf[lo:hi] is read and not yet returned
	lo, hi  int
	err     error // the reader's error once it has returned one (io.EOF at the end), sticky
	afterCR bool  // the last line ended with CR: a LF right after it belongs to that end
}

// next returns the next line without its line end, valid until the next
// call, and nil or, for a last line that has no line end, the error that
// ended it (io.EOF at the end of the input, after which it returns nil,
// io.EOF). A line longer than maxLineBytes returns errLineTooLong; the
// buffer never holds more than that and a line end.
func (lr *lineReader) next() ([]byte, error) {
	scanned := 0 // buf[lo:lo+scanned] has no line end
	empty := 0   // reads in a row that returned nothing
	for {
		data := lr.buf[lr.lo:lr.hi]
		if lr.afterCR && len(data) > 0 {
			lr.afterCR = false
			if data[0] == '\n' {
				lr.lo++
				data = data[1:]
			}
		}
		for i := scanned; i < len(data); i++ {
			if c := data[i]; c == '\n' || c == '\r' {
				lr.lo += i + 1
				lr.afterCR = c == '\r'
				return data[:i], nil
			}
		}
		scanned = len(data)
		if lr.err != nil {
			lr.lo = lr.hi
			if len(data) == 0 {
				return nil, lr.err
			}
			return data, lr.err
		}
		if len(data) > maxLineBytes {
			return nil, errLineTooLong
		}
		// Room for more: the unread data moves to the front, and the
		// buffer grows, up to a maximal line and its line end.
		if lr.lo > 0 {
			lr.hi = copy(lr.buf, data)
			lr.lo = 0
		}
		if lr.hi == len(lr.buf) {
			nb := make([]byte, min(max(2*len(lr.buf), 64<<10), maxLineBytes+1))
			copy(nb, lr.buf[:lr.hi])
			lr.buf = nb
		}
		n, err := lr.r.Read(lr.buf[lr.hi:])
		lr.hi += n
		if err != nil {
			lr.err = err
		} else if n == 0 {
			if empty++; empty >= 100 {
				lr.err = io.ErrNoProgress
			}
		}
	}
}

// edgeReader is the state of ReadEdgeList between lines.
type edgeReader struct {
	name   string
	sep    separator
	ids    map[string]int32
	labels []string
	pairs  []int32 // interleaved endpoints of the non-loop edge lines
}

// edge records one edge line with labels a and b.
func (er *edgeReader) edge(a, b []byte, lno int64, info *ReadInfo) error {
	u, err := er.id(a, lno)
	if err != nil {
		return err
	}
	v, err := er.id(b, lno)
	if err != nil {
		return err
	}
	if u == v {
		info.SelfLoops++
		return nil
	}
	er.pairs = append(er.pairs, u, v)
	return nil
}

// id returns the dense id of label, assigning the next one on first sight.
func (er *edgeReader) id(label []byte, lno int64) (int32, error) {
	if id, ok := er.ids[string(label)]; ok { // no allocation for the lookup
		return id, nil
	}
	if len(er.labels) >= maxNodes {
		return 0, fmt.Errorf("%s:%d: more than %d nodes", er.name, lno, maxNodes)
	}
	id := int32(len(er.labels))
	s := string(label)
	er.ids[s] = id
	er.labels = append(er.labels, s)
	return id, nil
}

// detectSeparator picks the file's separator from its first data line.
func detectSeparator(line []byte) separator {
	switch {
	case bytes.IndexByte(line, ',') >= 0:
		return sepComma
	case bytes.IndexByte(line, '\t') >= 0:
		return sepTab
	default:
		return sepSpace
	}
}

// fields returns the first two fields of a data line under the file's
// separator, or an error describing why the line is malformed.
func (er *edgeReader) fields(line []byte) (a, b []byte, err error) {
	var got [2][]byte
	nf := 0
	switch er.sep {
	case sepComma, sepTab:
		sep, other, otherSep := byte(','), byte('\t'), sepTab
		if er.sep == sepTab {
			sep, other, otherSep = '\t', ',', sepComma
		}
		if bytes.IndexByte(line, other) >= 0 {
			return nil, nil, fmt.Errorf("mixed separators: line has %s, file uses %s", otherSep, er.sep)
		}
		rest := line
		for {
			f, tail, more := bytes.Cut(rest, []byte{sep})
			f = bytes.Trim(f, " ")
			if nf < 2 {
				got[nf] = f
			}
			nf++
			if !more {
				break
			}
			rest = tail
		}
		if nf == 1 && bytes.ContainsAny(got[0], " ") {
			return nil, nil, fmt.Errorf("mixed separators: line has spaces, file uses %s", er.sep)
		}
		if nf >= 2 {
			for i, f := range got {
				if len(f) == 0 {
					return nil, nil, fmt.Errorf("empty label in field %d", i+1)
				}
			}
		}
	default:
		if bytes.IndexByte(line, ',') >= 0 {
			return nil, nil, fmt.Errorf("mixed separators: line has commas, file uses spaces")
		}
		rest := line
		for {
			rest = bytes.TrimLeft(rest, " \t")
			if len(rest) == 0 {
				break
			}
			end := bytes.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			if nf < 2 {
				got[nf] = rest[:end]
			}
			nf++
			rest = rest[end:]
		}
	}
	if nf < 2 {
		return nil, nil, fmt.Errorf("need two fields, got %d", nf)
	}
	return got[0], got[1], nil
}

// isInteger reports whether b is an optionally signed run of decimal digits.
func isInteger(b []byte) bool {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
