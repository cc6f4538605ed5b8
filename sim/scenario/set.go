package scenario

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ApplySet applies overrides given as path=value (the --set flag, and each
// entry of a condition's set), then applies the defaults and validates again.
//
// The path names a field as in the error messages: keys joined by dots and
// list elements by [i], e.g. population.size, organisations[0].reach or
// frames[1].width; the element must exist. The value is YAML, read with the
// same strict rules as the file: population.size=5000,
// population.threshold={dist: normal, mean: 0.2, sd: 0.05},
// outputs.formats=[svg, pdf]. A whole list or distribution can be replaced;
// an empty value or null removes the field, so that its default applies.
// An overridden field counts as given.
//
// Assignments apply in order. On error l is left unchanged and the error
// (an *Error or ErrorList) names the assignment:
//
//	--set population.sizee=5000: unknown field "sizee" (did you mean "size"?)
//
// On success l.Scenario is replaced by the new scenario.
func ApplySet(l *Loaded, assignments []string) error {
	c := l.clone()
	if err := c.applySet(assignments); err != nil {
		return err
	}
	if err := c.finish(); err != nil {
		return err
	}
	*l = *c
	return nil
}

// applySet applies the assignments without defaults or validation.
func (l *Loaded) applySet(assignments []string) error {
	errs := &errorSet{}
	for _, a := range assignments {
		at := Pos{File: "--set " + Echo(a)}
		path, value, ok := strings.Cut(a, "=")
		if !ok {
			errs.add(at.errorf("", "expected path=value, as in population.size=5000"))
			continue
		}
		l.assign(strings.TrimSpace(path), value, at, "", errs)
	}
	return errs.err()
}

// assign decodes the YAML text value into the field at path. Errors about
// the path itself are reported at errPath, errors in the value at the field;
// all at position at.
func (l *Loaded) assign(path, value string, at Pos, errPath string, errs *errorSet) {
	segs, err := parseSetPath(path)
	if err != nil {
		errs.add(at.errorf(errPath, "%v", err))
		return
	}
	if segs[0].key != "" {
		l.own(segs[0].key) // before navigate allocates on the way
	}
	v, canon, msg := navigate(reflect.ValueOf(l.Scenario).Elem(), segs, true)
	if msg != "" {
		errs.add(at.errorf(errPath, "%s", msg))
		return
	}
	node, perr := parseDocument(at.File, []byte(value))
	if perr != nil {
		if perr.Col > 0 {
			perr.Msg += fmt.Sprintf(" (in the value, line %d, column %d)", perr.Line, perr.Col)
		}
		errs.add(at.errorf(canon, "%s", perr.Msg))
		return
	}
	l.pos.deleteUnder(canon)
	for p := parentPath(canon); p != ""; p = parentPath(p) {
		if _, ok := l.pos.get(p); !ok {
			l.pos.set(p, at)
		}
	}
	v.SetZero() // a value replaces what was there: {dist: normal} keeps no max
	if node == nil {
		return
	}
	d := newDecoder(at.File, l.pos, errs)
	d.at = &at
	d.field(node, v, canon)
}

// maxEcho is how much of a command line argument a message repeats.
const maxEcho = 60

// Echo shortens an argument repeated in a message (the --set assignment
// that names an error's place, a sweep point's values, a --max-memory
// value) to its first 60 bytes and its length: a 100 KB value would bury
// the message.
func Echo(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	cut := maxEcho
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}

// pathSeg is one step of a field path: a key, or an index in a list.
type pathSeg struct {
	key   string
	index int // when key is ""
}

// parseSetPath splits a path such as organisations[0].reach (or, the same,
// organisations.0.reach).
func parseSetPath(path string) ([]pathSeg, error) {
	bad := func(why string) error {
		return fmt.Errorf("bad field path %q: %s (expected a path such as population.size or organisations[0].reach)", truncate(path), why)
	}
	if path == "" {
		return nil, bad("empty")
	}
	var segs []pathSeg
	for i := 0; i < len(path); {
		j := i
		for j < len(path) && (path[j] >= 'a' && path[j] <= 'z' || path[j] >= 'A' && path[j] <= 'Z' || path[j] >= '0' && path[j] <= '9' || path[j] == '_') {
			j++
		}
		if j == i {
			return nil, bad(fmt.Sprintf("expected a key at offset %d", i))
		}
		if n, err := strconv.Atoi(path[i:j]); err == nil && len(segs) > 0 {
			// frames.0.width is frames[0].width: no schema key is a number,
			// and the dotted form needs no quoting inside YAML flow mappings.
			segs = append(segs, pathSeg{index: n})
		} else {
			segs = append(segs, pathSeg{key: path[i:j]})
		}
		i = j
		for i < len(path) && path[i] == '[' {
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				return nil, bad("missing ]")
			}
			n, err := strconv.Atoi(path[i+1 : i+end])
			if err != nil || n < 0 || strings.HasPrefix(path[i+1:i+end], "+") {
				return nil, bad(fmt.Sprintf("index %q is not a number", path[i+1:i+end]))
			}
			segs = append(segs, pathSeg{index: n})
			i += end + 1
		}
		if i < len(path) {
			if path[i] != '.' || i+1 == len(path) {
				return nil, bad(fmt.Sprintf("unexpected %q at offset %d", path[i], i))
			}
			i++
		}
	}
	return segs, nil
}

// navigate follows segs from v and returns the field they name, with its
// canonical path; on failure it returns a message. With alloc, nil pointers
// on the way are allocated (a group's distribution that was not given).
func navigate(v reflect.Value, segs []pathSeg, alloc bool) (reflect.Value, string, string) {
	path := ""
	for _, s := range segs {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !alloc {
					return v, path, path + " is not set"
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if s.key == "" {
			if v.Kind() != reflect.Slice {
				return v, path, fmt.Sprintf("%s is not a list", path)
			}
			if s.index >= v.Len() {
				if v.Len() == 0 {
					return v, path, fmt.Sprintf("index %d is out of range (%s is empty)", s.index, path)
				}
				if v.Len() == 1 {
					return v, path, fmt.Sprintf("index %d is out of range (%s has 1 entry, index 0)", s.index, path)
				}
				return v, path, fmt.Sprintf("index %d is out of range (%s has %d entries, 0..%d)", s.index, path, v.Len(), v.Len()-1)
			}
			v, path = v.Index(s.index), indexPath(path, s.index)
			continue
		}
		switch v.Kind() {
		case reflect.Struct:
			info := infoOf(v.Type())
			i, ok := info.index[s.key]
			if !ok {
				return v, path, unknownMsg("field", truncate(s.key), info.keys)
			}
			v, path = v.Field(i), childPath(path, s.key)
		case reflect.Slice:
			return v, path, fmt.Sprintf("%s is a list: give an index, as in %s[0].%s", path, path, s.key)
		case reflect.Map:
			return v, path, fmt.Sprintf("cannot set inside %s: replace the whole mapping, as in %s={...}", path, path)
		default:
			return v, path, fmt.Sprintf("%s is %s and has no field %q", path, want(v.Type()), truncate(s.key))
		}
	}
	return v, path, ""
}
