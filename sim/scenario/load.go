package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/connact/connact/sim/internal/inputfile"
	"go.yaml.in/yaml/v4"
)

// Loaded is a scenario read from a file, with its defaults applied and
// validated, and the positions of the values it was given.
type Loaded struct {
	Scenario *Scenario // defaults applied, validated
	File     string    // path as given
	Dir      string    // folder that relative paths (network.file) are relative to
	Raw      []byte    // original bytes of the file

	pos *posTable // field path → where it was given; absent = default

	// valid says that the scenario has been validated (finish) and not
	// changed since. A copy of a valid scenario shares the parts it does
	// not change (copy on write) and records in touched the top-level
	// keys it changes, so that finish applies the defaults and checks
	// again only what depends on them: each condition then costs what it
	// changes, not the whole file. touched is nil when everything must be
	// checked.
	valid   bool
	touched map[string]bool
}

// topKey is the top-level key of a field path.
func topKey(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// touches reports whether the field(s) under top-level key must be
// defaulted and checked again.
func (l *Loaded) touches(keys ...string) bool {
	if l.touched == nil {
		return true
	}
	for _, k := range keys {
		if l.touched[k] {
			return true
		}
	}
	return false
}

// own makes the top-level field of path l's own before it is changed: a
// copy of a valid scenario shares its fields with the original until then.
func (l *Loaded) own(path string) {
	if l.touched == nil {
		return
	}
	key := topKey(path)
	if l.touched[key] {
		return
	}
	l.touched[key] = true
	v := reflect.ValueOf(l.Scenario).Elem()
	if i, ok := infoOf(v.Type()).index[key]; ok {
		f := v.Field(i)
		f.Set(deepCopy(f))
	}
}

// Load reads a scenario file, applies the defaults and validates it. A
// mistake in the file is reported as an *Error or an ErrorList (see
// IsUserError); a missing file as "FILE: no such file".
func Load(path string) (*Loaded, error) {
	return LoadWithSet(path, nil)
}

// LoadWithSet is Load with overrides (see ApplySet) applied before the
// scenario is validated, so that an override can repair a file.
func LoadWithSet(path string, set []string) (*Loaded, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	l, err := decodeLoaded(path, data, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if len(set) > 0 {
		l.applyDefaults() // so that a path into a default (groups[0]) exists
		if err := l.applySet(set); err != nil {
			return nil, err
		}
	}
	if err := l.finish(); err != nil {
		return nil, err
	}
	return l, nil
}

// Parse reads a scenario from data; name is used in error messages and dir
// is the folder that relative paths are relative to.
func Parse(name string, data []byte, dir string) (*Loaded, error) {
	l, err := decodeLoaded(name, data, dir)
	if err != nil {
		return nil, err
	}
	if err := l.finish(); err != nil {
		return nil, err
	}
	return l, nil
}

// readFile reads a scenario file. Only a regular file is read
// (inputfile.Open): a named pipe, a device or a folder is refused at once,
// naming what it is, rather than waited on or read without end.
func readFile(path string) ([]byte, error) {
	f, st, err := inputfile.Open(path)
	if err != nil {
		var nr *inputfile.NotRegularError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, &Error{File: path, Msg: "no such file"}
		case errors.As(err, &nr):
			return nil, &Error{File: path, Msg: "is " + nr.Kind + ", not a scenario file"}
		}
		return nil, &Error{File: path, Msg: strings.TrimPrefix(err.Error(), "open "+path+": ")}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	if len(data) > MaxFileSize && st.Size() > int64(len(data)) {
		// Say how large the file is, not how much of it was read.
		return nil, &Error{File: path, Msg: fmt.Sprintf("%d bytes is more than the limit of %d bytes (%d MiB)", st.Size(), MaxFileSize, MaxFileSize>>20)}
	}
	return data, nil
}

// decodeLoaded parses and decodes data, without defaults or validation.
func decodeLoaded(name string, data []byte, dir string) (*Loaded, error) {
	if dir == "" {
		dir = "."
	}
	l := &Loaded{Scenario: &Scenario{}, File: name, Dir: dir, Raw: data, pos: newPosTable(make(map[string]Pos))}
	root, e := parseDocument(name, data)
	if e != nil {
		return nil, e
	}
	if root == nil {
		return nil, &Error{File: name, Msg: "empty scenario (expected a mapping with at least name and a frame or an organisation)"}
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: name, Line: root.Line, Col: root.Column,
			Msg: "expected a mapping (key: value lines) at the top, got " + describe(root)}
	}
	errs := &errorSet{}
	newDecoder(name, l.pos, errs).value(root, reflect.ValueOf(l.Scenario).Elem(), "")
	if err := errs.err(); err != nil {
		return nil, err
	}
	return l, nil
}

// finish applies the defaults, resolves the network file, validates, and
// checks that every condition's set applies to a valid scenario.
func (l *Loaded) finish() error {
	if err := l.readDesign(); err != nil {
		return err
	}
	l.applyDefaults()
	l.resolveFiles()
	if err := l.validate(); err != nil {
		return err
	}
	// Valid now: each condition is a copy on write of it, checked for
	// what the condition changes.
	l.valid, l.touched = true, nil
	var all ErrorList
	for i := range l.Scenario.Conditions {
		if _, err := l.condition(i); err != nil {
			var list ErrorList
			var one *Error
			switch {
			case errors.As(err, &list):
				all = append(all, list...)
			case errors.As(err, &one):
				all = append(all, one)
			}
		}
	}
	if err := finishErrors(all); err != nil {
		l.valid = false
		return err
	}
	return nil
}

// resolveFiles makes network.file and network.nodes absolute, relative to
// Dir.
func (l *Loaded) resolveFiles() {
	for _, f := range []*string{&l.Scenario.Network.File, &l.Scenario.Network.Nodes} {
		if *f == "" || filepath.IsAbs(*f) {
			continue
		}
		p := filepath.Join(l.Dir, filepath.FromSlash(*f))
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		*f = p
	}
}

// clone returns a copy of l that can be changed without changing l: a
// copy on write of a valid scenario (see Loaded.valid), else a deep copy.
func (l *Loaded) clone() *Loaded {
	c := *l
	if !l.valid {
		c.Scenario = l.Scenario.Clone()
		c.pos = newPosTable(l.pos.flatten())
		c.touched = nil
		return &c
	}
	s := *l.Scenario
	c.Scenario = &s
	c.pos = l.pos.child()
	c.valid, c.touched = false, map[string]bool{}
	return &c
}

// Pos returns where the field at path was given, or where its nearest given
// parent was when it was not (a default).
func (l *Loaded) Pos(path string) Pos {
	for p := path; ; p = parentPath(p) {
		if pos, ok := l.pos.get(p); ok {
			return pos
		}
		if p == "" {
			return Pos{File: l.File}
		}
	}
}

// has reports whether the field at path was given (in the file or by --set).
func (l *Loaded) has(path string) bool {
	_, ok := l.pos.get(path)
	return ok
}

// Given reports whether the field at path was given in the file or by an
// override, rather than set by a default.
func (l *Loaded) Given(path string) bool { return l.has(path) }

// Errorf returns an error positioned at the field at path, for mistakes
// found after loading (such as a bad line in the network file).
func (l *Loaded) Errorf(path, format string, args ...any) *Error {
	return l.Pos(path).errorf(path, format, args...)
}

// Resolved returns the scenario as YAML with every default explicit, keys
// in schema order and distributions as mappings. Parse accepts it back and
// gives an identical Scenario (with the same dir: network.file is written
// relative to Dir).
func (l *Loaded) Resolved() []byte {
	return l.resolved()
}

// Hash returns the hex SHA-256 of Resolved(): it identifies the scenario
// whatever the formatting, comments or defaults left out of the file.
func (l *Loaded) Hash() string {
	sum := sha256.Sum256(l.Resolved())
	return hex.EncodeToString(sum[:])
}

// Condition returns a copy of the scenario with the set overrides of
// condition i applied, with defaults and validation applied again (Load has
// already checked that this succeeds). Without conditions, Condition(0)
// returns the scenario itself.
func (l *Loaded) Condition(i int) (*Scenario, error) {
	n := len(l.Scenario.Conditions)
	if n == 0 && i == 0 {
		return l.Scenario, nil
	}
	if i < 0 || i >= max(n, 1) {
		return nil, fmt.Errorf("scenario: condition %d does not exist (%d conditions)", i, n)
	}
	c, err := l.condition(i)
	if err != nil {
		return nil, err
	}
	return c.Scenario, nil
}

// ConditionNames returns the names of the conditions in order, or
// ["default"] when there are none.
func (l *Loaded) ConditionNames() []string {
	if len(l.Scenario.Conditions) == 0 {
		return []string{"default"}
	}
	names := make([]string, len(l.Scenario.Conditions))
	for i, c := range l.Scenario.Conditions {
		names[i] = c.Name
	}
	return names
}

// condition applies condition i's set, in sorted key order, to a copy.
// Errors in an entry are positioned at the entry; errors found when
// validating the result say which condition they come from.
func (l *Loaded) condition(i int) (*Loaded, error) {
	c := l.clone()
	cond := l.Scenario.Conditions[i]
	setPath := childPath(indexPath("conditions", i), "set")
	errs := &errorSet{}
	for _, key := range slices.Sorted(maps.Keys(cond.Set)) {
		at := l.Pos(mapKeyPath(setPath, key))
		if key == "conditions" || strings.HasPrefix(key, "conditions.") || strings.HasPrefix(key, "conditions[") {
			errs.add(at.errorf(mapKeyPath(setPath, key), "a condition cannot change the conditions"))
			continue
		}
		c.assign(key, cond.Set[key], at, mapKeyPath(setPath, key), errs)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	// A condition's scenario has no sweep of its own: the sweep is checked
	// once, against the base scenario, and each of its levels is then
	// checked under every condition (sweep.go). Checking it here again would
	// apply the other conditions on top of this one.
	c.Scenario.Sweep = nil
	c.Scenario.Fit = nil // likewise the fit, checked once
	c.applyDefaults()
	c.resolveFiles()
	if err := c.validate(); err != nil {
		var list ErrorList
		var one *Error
		if errors.As(err, &one) {
			list = ErrorList{one}
		} else {
			errors.As(err, &list)
		}
		for _, e := range list {
			e.Msg = fmt.Sprintf("in condition %q: %s", cond.Name, e.Msg)
		}
		return nil, finishErrors(list)
	}
	return c, nil
}

// Clone returns a deep copy of s.
func (s *Scenario) Clone() *Scenario {
	c := deepCopy(reflect.ValueOf(s).Elem())
	out := c.Addr().Interface().(*Scenario)
	return out
}

func deepCopy(v reflect.Value) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			c.Field(i).Set(deepCopy(v.Field(i)))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			c.Set(deepCopy(v.Elem()).Addr())
		}
	case reflect.Slice:
		if !v.IsNil() {
			s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				s.Index(i).Set(deepCopy(v.Index(i)))
			}
			c.Set(s)
		}
	case reflect.Map:
		if !v.IsNil() {
			m := reflect.MakeMapWithSize(v.Type(), v.Len())
			for it := v.MapRange(); it.Next(); {
				m.SetMapIndex(it.Key(), deepCopy(it.Value()))
			}
			c.Set(m)
		}
	default:
		c.Set(v)
	}
	return c
}
