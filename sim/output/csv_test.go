package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableAppend writes a table, cuts it back to its header with
// AppendTable (as a sweep's resume cuts to its checkpoint) and appends: the
// sizes that Sync and RowSize give are the file's, and a size beyond the
// file is refused.
func TestTableAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.csv")
	header := []string{"name", "x, y"}
	tb, err := CreateTable(path, header)
	if err != nil {
		t.Fatal(err)
	}
	hsize, err := tb.Sync()
	if err != nil || hsize != RowSize(header) || hsize != int64(len("name,\"x, y\"\n")) {
		t.Fatalf("header size %d (%v), RowSize %d", hsize, err, RowSize(header))
	}
	tb.Begin()
	tb.Text("a")
	tb.Number(0.1, false)
	if err := tb.End(); err != nil {
		t.Fatal(err)
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := AppendTable(path, 1000); err == nil || !strings.Contains(err.Error(), "shorter") {
		t.Errorf("AppendTable beyond the file: %v", err)
	}
	tb, err = AppendTable(path, hsize)
	if err != nil {
		t.Fatal(err)
	}
	tb.Begin()
	tb.Text("b")
	tb.Int(2)
	if err := tb.End(); err != nil {
		t.Fatal(err)
	}
	size, err := tb.Sync()
	if err == nil {
		err = tb.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if want := "name,\"x, y\"\nb,2\n"; string(b) != want || size != int64(len(want)) {
		t.Errorf("after the append: %q (size %d), want %q", b, size, want)
	}
}
