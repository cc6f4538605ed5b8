// Package inputfile opens the files a user gives connact to read (a
// scenario, an edge list) and refuses what is not a regular file.
//
// A named pipe with no writer makes open(2) wait, and a process blocked
// in open does not see Go's signal handling: Ctrl-C did nothing. A
// character device such as /dev/zero never ends, a folder cannot be read
// as text, and a socket cannot be opened. The file is therefore opened
// non-blocking, which returns at once whatever it is, and checked with
// fstat on the descriptor opened (not a stat of the name before it, which
// another process could replace in between) before a byte is read.
package inputfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError is a path that names something other than a regular
// file (after symbolic links): a user's mistake.
type NotRegularError struct {
	Path string
	Kind string // what it is, as Kind says it: "a named pipe (FIFO)"
}

func (e *NotRegularError) Error() string {
	return e.Path + ": is " + e.Kind + ", not a regular file"
}

// Kind names, for a message, what a file of mode m is.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}

// Open opens path for reading if it is a regular file. For anything else
// it returns a *NotRegularError, without waiting: not for a writer of a
// named pipe, not for a device. The error of a path that cannot be opened
// at all is os.Open's (a *fs.PathError).
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		// open(2) of a Unix socket fails (ENXIO) rather than open it: say
		// what the path is, not "no such device or address".
		if st, serr := os.Stat(path); serr == nil && !st.Mode().IsRegular() && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, &NotRegularError{Path: path, Kind: Kind(st.Mode())}
		}
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Kind: Kind(st.Mode())}
	}
	// O_NONBLOCK means nothing to a regular file's reads: the file is read
	// as os.Open would have it.
	return f, st, nil
}
