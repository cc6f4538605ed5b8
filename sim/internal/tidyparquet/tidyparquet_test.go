package tidyparquet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestSchemaOrder: the schema keeps the CSV's column order (parquet.Group,
// a map, would sort it).
func TestSchemaOrder(t *testing.T) {
	s := schema([]Column{{Name: "z", Kind: Int64}, {Name: "a", Kind: String}, {Name: "m", Kind: Double, Dict: true}}).String()
	if iz, ia, im := strings.Index(s, " z"), strings.Index(s, " a"), strings.Index(s, " m"); iz < 0 || !(iz < ia && ia < im) {
		t.Errorf("schema out of order:\n%s", s)
	}
}

// TestWriteFile: a CSV written as Parquet reads back with parquet-go to the
// same values, NA as null, in the same order, over several row groups; a
// value that does not fit its column's type is a *kindError naming it, and
// nothing is left behind.
func TestWriteFile(t *testing.T) {
	defer func(n int64) { RowGroup = n }(RowGroup)
	RowGroup = 2
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.parquet")
	csv := "id,label,x\n1,a,0.5\n2,b,NA\n3,a,-1e300\n4,c,2\n5,b,3\n"
	if err := os.WriteFile(src, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "id", Kind: Int64}, {Name: "label", Kind: String}, {Name: "x", Kind: Double}}
	if err := writeFile(src, dst, cols, map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pf.RowGroups()); got != 3 {
		t.Errorf("%d row groups, want 3", got)
	}
	if v, ok := pf.Lookup("k"); !ok || v != "v" {
		t.Errorf("metadata k = %q, %v", v, ok)
	}
	var got []string
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		buf := make([]parquet.Row, 8)
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				var fields []string
				for _, v := range r {
					if v.IsNull() {
						fields = append(fields, "NA")
					} else {
						fields = append(fields, v.String())
					}
				}
				got = append(got, strings.Join(fields, ","))
			}
			if err != nil {
				break
			}
		}
		rows.Close()
	}
	want := "1,a,0.5 2,b,NA 3,a,-1e+300 4,c,2 5,b,3"
	if strings.Join(got, " ") != want {
		t.Errorf("read back %q, want %q", strings.Join(got, " "), want)
	}

	// A label in the id column.
	if err := os.WriteFile(src, []byte("id,label,x\n1,a,0.5\nnine,b,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ke *kindError
	if err := writeFile(src, filepath.Join(dir, "u.parquet"), cols, nil); !errors.As(err, &ke) || ke.Col != 0 || ke.Value != "nine" {
		t.Errorf("err %v, want a kindError for column 0, \"nine\"", err)
	}
	if wider(Int64, "nine") != String || wider(Int64, "1.5") != Double {
		t.Errorf("wider: %v, %v", wider(Int64, "nine"), wider(Int64, "1.5"))
	}
	if _, err := os.Stat(filepath.Join(dir, "u.parquet.tmp")); err == nil {
		t.Error("a temporary file was left behind")
	}
}
