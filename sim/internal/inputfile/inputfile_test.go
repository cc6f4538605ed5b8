package inputfile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOpen: a regular file (or a link to one) opens; a named pipe with no
// writer, a character device, a folder and a socket are refused at once
// with a *NotRegularError naming what they are; a missing file is
// os.Open's error. A named pipe opened blocking would hang the test: each
// case runs under a deadline.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "scenario.yaml")
	if err := os.WriteFile(regular, []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	link := filepath.Join(dir, "link-to-fifo")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "link-to-regular")
	if err := os.Symlink(regular, good); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, kind string // kind "" = opens
		missing          bool
	}{
		{name: "regular file", path: regular},
		{name: "link to a regular file", path: good},
		{name: "named pipe without a writer", path: fifo, kind: "a named pipe (FIFO)"},
		{name: "link to a named pipe", path: link, kind: "a named pipe (FIFO)"},
		{name: "character device", path: "/dev/zero", kind: "a character device"},
		{name: "folder", path: dir, kind: "a folder"},
		{name: "socket", path: sock, kind: "a socket"},
		{name: "missing", path: filepath.Join(dir, "nope"), missing: true},
	} {
		if _, err := os.Stat(tc.path); tc.path == "/dev/zero" && err != nil {
			t.Logf("%s: skipped: %v", tc.name, err)
			continue
		}
		type opened struct {
			f   *os.File
			st  fs.FileInfo
			err error
		}
		done := make(chan opened, 1)
		start := time.Now()
		go func() {
			f, st, err := Open(tc.path)
			done <- opened{f, st, err}
		}()
		var o opened
		select {
		case o = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Open(%s) still blocked after 5s", tc.name, tc.path)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: Open took %v", tc.name, d)
		}
		var nr *NotRegularError
		switch {
		case tc.missing:
			if !errors.Is(o.err, fs.ErrNotExist) {
				t.Errorf("%s: error %v, want fs.ErrNotExist", tc.name, o.err)
			}
		case tc.kind == "":
			if o.err != nil || o.f == nil || !o.st.Mode().IsRegular() {
				t.Errorf("%s: Open = %v, %v, want the open regular file", tc.name, o.f, o.err)
				break
			}
			b := make([]byte, 4)
			if n, err := o.f.Read(b); err != nil || string(b[:n]) != "name" {
				t.Errorf("%s: read %q, %v", tc.name, b[:n], err)
			}
			o.f.Close()
		case !errors.As(o.err, &nr) || nr.Kind != tc.kind || nr.Path != tc.path || o.f != nil:
			t.Errorf("%s: Open = %v, %v; want a *NotRegularError for %s", tc.name, o.f, o.err, tc.kind)
		case o.err.Error() != tc.path+": is "+tc.kind+", not a regular file":
			t.Errorf("%s: message %q", tc.name, o.err)
		}
	}
}
