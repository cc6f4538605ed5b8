package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"
)

// Limits on what a scenario file may hold. They are far above any real
// scenario and stop hostile or broken input early: the whole file is read
// into memory, so it is capped; the parser refuses deep nesting before it
// builds anything; and aliases are counted as they are expanded, so that a
// "billion laughs" file (each anchor aliasing the previous one ten times) is
// refused after a bounded amount of work.
const (
	MaxFileSize   = 8 << 20 // bytes in a scenario file or a --set value
	maxDepth      = 64      // nesting of mappings and lists
	maxAliasNodes = 100_000 // values reached through aliases
)

// Pos is where a value was given: a position in the scenario file, or the
// --set assignment that gave it (File "--set path=value", Line 0).
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) errorf(path, format string, args ...any) *Error {
	return &Error{File: p.File, Line: p.Line, Col: p.Col, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// newLimits returns the loader limits used for every parse: depth at most
// maxDepth, and alias expansion within maxAliasNodes and the library's
// default ratio of aliased to constructed values. The parser applies the
// depth limit; decoder.count applies the alias limit, because expansion
// happens in the decoder, not in the parser.
func newLimits() *loaderlimits.Plugin {
	def := loaderlimits.New()
	return loaderlimits.New(
		loaderlimits.DepthValue(maxDepth),
		loaderlimits.AliasFunc(func(aliasCount, constructCount int) error {
			if aliasCount > maxAliasNodes {
				return fmt.Errorf("excessive aliasing: more than %d values reached through aliases", maxAliasNodes)
			}
			return def.CheckAlias(aliasCount, constructCount)
		}),
	)
}

// parseDocument parses data as exactly one YAML document and returns its
// root node, or nil for an empty document.
func parseDocument(file string, data []byte) (root *yaml.Node, e *Error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: file, Msg: fmt.Sprintf("%d bytes is more than the limit of %d bytes (%d MiB)", len(data), MaxFileSize, MaxFileSize>>20)}
	}
	if e := checkText(file, data); e != nil {
		return nil, e
	}
	// The parser reports bad input with errors; a panic would be a bug in
	// it, and is reported as an error rather than crashing the program.
	defer func() {
		if r := recover(); r != nil {
			root, e = nil, &Error{File: file, Msg: fmt.Sprintf("yaml: cannot parse: %v", r)}
		}
	}()
	ld, err := yaml.NewLoader(bytes.NewReader(data), yaml.WithPlugin(newLimits()))
	if err != nil {
		panic(err) // the options are fixed, so this is a programming error
	}
	var doc yaml.Node
	if err := ld.Load(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, yamlError(file, err)
	}
	var next yaml.Node
	switch err := ld.Load(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlError(file, err)
	default:
		at := &next
		if len(next.Content) > 0 {
			at = next.Content[0]
		}
		return nil, &Error{File: file, Line: at.Line, Col: at.Column,
			Msg: "a second YAML document (after ---); a scenario is one document"}
	}
	root = &doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		root = doc.Content[0]
	}
	if isNull(root) {
		return nil, nil
	}
	return root, nil
}

// checkText refuses input that is not UTF-8 text, with the position of the
// first offending byte (the YAML reader reports these without a position).
func checkText(file string, data []byte) *Error {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &Error{File: file, Line: line, Col: col,
				Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); a scenario must be UTF-8 text", data[i])}
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f, r >= 0x80 && r <= 0x9f && r != 0x85, r == 0xfffe, r == 0xffff:
			return &Error{File: file, Line: line, Col: col,
				Msg: fmt.Sprintf("binary content (control character U+%04X); a scenario must be UTF-8 text", r)}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

// yamlError turns an error of the YAML library into an *Error, using the
// position the library exposes in *yaml.LoadError.
func yamlError(file string, err error) *Error {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return &Error{File: file, Msg: "yaml: " + err.Error()}
	}
	msg := le.Message
	if strings.Contains(msg, "exceeded max depth") {
		msg = fmt.Sprintf("nesting deeper than %d levels", maxDepth)
	} else if le.ContextMsg != "" {
		if le.ContextMark.Line > 0 && le.ContextMark != le.Mark {
			msg += fmt.Sprintf(" (%s at line %d, column %d)", le.ContextMsg, le.ContextMark.Line, le.ContextMark.Column)
		} else {
			msg += " (" + le.ContextMsg + ")"
		}
	}
	return &Error{File: file, Line: le.Mark.Line, Col: le.Mark.Column, Msg: "yaml: " + msg}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// decoder walks a YAML node tree into Go values by reflection, following the
// yaml tags of the schema and its strict rules (see doc.go). It records the
// position of every value it stores, by field path, and collects errors
// instead of stopping at the first.
type decoder struct {
	file string
	at   *Pos      // when set, the position of everything (a --set value)
	pos  *posTable // field path → where it was given
	errs *errorSet

	limits                     *loaderlimits.Plugin
	aliasDepth                 int
	aliasCount, constructCount int
	stop                       bool // a limit was hit: stop walking
	reported                   map[Error]bool
}

func newDecoder(file string, pos *posTable, errs *errorSet) *decoder {
	return &decoder{file: file, pos: pos, errs: errs, limits: newLimits()}
}

func (d *decoder) posOf(n *yaml.Node) Pos {
	if d.at != nil {
		return *d.at
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	e := d.posOf(n).errorf(path, format, args...)
	// A mistake inside an anchored value is reported once, at the first
	// path that uses it, however often it is aliased or merged.
	key := Error{File: e.File, Line: e.Line, Col: e.Col, Msg: e.Msg}
	if d.at == nil && e.Line > 0 {
		if d.reported[key] {
			return
		}
		if d.reported == nil {
			d.reported = make(map[Error]bool)
		}
		d.reported[key] = true
	}
	d.errs.add(e)
	if d.errs.full() {
		d.stop = true
	}
}

func (d *decoder) record(n *yaml.Node, path string) {
	if d.pos != nil {
		d.pos.set(path, d.posOf(n))
	}
}

// count applies the alias limits to one more value constructed.
func (d *decoder) count(n *yaml.Node) bool {
	if d.stop {
		return false
	}
	d.constructCount++
	if d.aliasDepth > 0 {
		d.aliasCount++
	}
	if err := d.limits.CheckAlias(d.aliasCount, d.constructCount); err != nil {
		d.errorf(n, "", "%v", err)
		d.stop = true
		return false
	}
	return true
}

// follow returns the node an alias names (n itself if it is not an alias)
// and how many aliases it followed; the caller counts the values it decodes
// from there as aliased, and subtracts that number from aliasDepth after.
func (d *decoder) follow(n *yaml.Node) (*yaml.Node, int) {
	k := 0
	for n.Kind == yaml.AliasNode && n.Alias != nil && k <= maxDepth {
		n = n.Alias
		k++
	}
	d.aliasDepth += k
	return n, k
}

// field decodes the value of a mapping key into v: null (or an empty value)
// means the key is absent, and leaves v at its zero value.
func (d *decoder) field(n *yaml.Node, v reflect.Value, path string) {
	if d.stop {
		return
	}
	target, k := d.follow(n)
	defer func() { d.aliasDepth -= k }()
	if isNull(target) {
		v.SetZero()
		return
	}
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		d.value(target, p.Elem(), path)
		v.Set(p)
	} else {
		d.value(target, v, path)
	}
	if k > 0 {
		d.record(n, path) // point at the alias, where the value is used
	}
}

// value decodes n (not an alias) into v and records its position.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if d.stop || !d.count(n) {
		return
	}
	if !d.checkTag(n, path) {
		return
	}
	d.record(n, path)
	switch {
	case v.Type() == distType && n.Kind == yaml.ScalarNode:
		d.distShorthand(n, v, path)
	case v.Type() == valueType: // a sweep value: any YAML, kept as text
		if text, ok := d.setText(n, path); ok {
			v.SetString(text)
		}
	case v.Kind() == reflect.Struct:
		d.structValue(n, v, path)
	case v.Kind() == reflect.Slice:
		d.slice(n, v, path)
	case v.Kind() == reflect.Map:
		d.setMap(n, v, path)
	default:
		d.scalar(n, v, path)
	}
}

// checkTag refuses explicit tags other than the core schema's.
func (d *decoder) checkTag(n *yaml.Node, path string) bool {
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp":
		return true
	}
	d.errorf(n, path, "unsupported tag %s", truncate(n.Tag))
	return false
}

// pair is one key: value entry of a mapping.
type pair struct {
	key  string
	k, v *yaml.Node
}

// pairs returns the entries of mapping n, reporting duplicate and malformed
// keys. Merge keys (<<: *anchor) are honoured: merged entries come after the
// explicit ones and never replace them.
func (d *decoder) pairs(n *yaml.Node, path string) []pair {
	var out []pair
	seen := make(map[string]*yaml.Node)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content) && !d.stop; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kt, ka := d.follow(k)
		d.aliasDepth -= ka
		if kt.Kind != yaml.ScalarNode || isNull(kt) {
			what := "null"
			if kt.Kind != yaml.ScalarNode {
				what = describe(kt)
			}
			d.errorf(k, path, "a key must be a name, got %s", what)
			continue
		}
		if kt.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if first := seen[kt.Value]; first != nil {
			d.errorf(k, path, "duplicate key %q (first at line %d)", truncate(kt.Value), first.Line)
			continue
		}
		seen[kt.Value] = k
		out = append(out, pair{kt.Value, k, v})
	}
	for _, m := range merges {
		for _, src := range d.mergeSources(m, path) {
			for _, p := range d.pairs(src, path) {
				if seen[p.key] == nil {
					seen[p.key] = p.k
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// mergeSources returns the mappings named by the value of a merge key: one
// mapping or a list of them, directly or through aliases.
func (d *decoder) mergeSources(n *yaml.Node, path string) []*yaml.Node {
	t, k := d.follow(n)
	defer func() { d.aliasDepth -= k }()
	if !d.count(t) {
		return nil
	}
	switch t.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{t}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range t.Content {
			ct, ck := d.follow(c)
			d.aliasDepth -= ck
			if !d.count(ct) {
				return nil
			}
			if ct.Kind != yaml.MappingNode {
				d.errorf(c, path, "a merge (<<) takes a mapping or a list of mappings, got %s", describe(ct))
				continue
			}
			out = append(out, ct)
		}
		return out
	}
	d.errorf(n, path, "a merge (<<) takes a mapping or a list of mappings, got %s", describe(t))
	return nil
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.typeError(n, v, path)
		return
	}
	info := infoOf(v.Type())
	for _, p := range d.pairs(n, path) {
		i, ok := info.index[p.key]
		if !ok {
			d.errorf(p.k, path, "%s", unknownMsg("key", truncate(p.key), info.keys))
			continue
		}
		d.field(p.v, v.Field(i), childPath(path, p.key))
		if d.stop {
			return
		}
	}
}

// distShorthand decodes a bare number as a constant distribution.
func (d *decoder) distShorthand(n *yaml.Node, v reflect.Value, path string) {
	var f float64
	if !d.float(n, &f, path, "a number or a mapping such as {dist: uniform, min: 0, max: 1}") {
		return
	}
	v.Set(reflect.ValueOf(Dist{Kind: DistConstant, Value: f}))
	d.record(n, childPath(path, "dist"))
	d.record(n, childPath(path, "value"))
}

func (d *decoder) slice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.typeError(n, v, path)
		return
	}
	if len(n.Content) == 0 {
		v.SetZero() // an empty list is the same as nil, so round trips are exact
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		if d.stop {
			return
		}
		p := indexPath(path, i)
		t, k := d.follow(c)
		if isNull(t) {
			d.aliasDepth -= k
			d.errorf(c, p, "expected %s, got null", want(v.Type().Elem()))
			continue
		}
		d.value(t, s.Index(i), p)
		d.aliasDepth -= k
		if k > 0 {
			d.record(c, p)
		}
	}
	v.Set(s)
}

// setMap decodes Condition.Set: keys are field paths (checked when the set
// is applied) and each value is kept as YAML text (see setText).
func (d *decoder) setMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.typeError(n, v, path)
		return
	}
	ps := d.pairs(n, path)
	if len(ps) == 0 {
		v.SetZero()
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(ps))
	for _, p := range ps {
		if d.stop {
			return
		}
		text, ok := d.setText(p.v, mapKeyPath(path, p.key))
		if !ok {
			continue
		}
		d.record(p.v, mapKeyPath(path, p.key))
		m.SetMapIndex(reflect.ValueOf(p.key), reflect.ValueOf(text))
	}
	v.Set(m)
}

// setText returns the YAML text of a value in a condition's set: a plain
// scalar as written, null as "null", and anything else (quoted strings,
// lists, mappings) as flow YAML, so that parsing the text gives back the
// same value.
func (d *decoder) setText(n *yaml.Node, path string) (string, bool) {
	t, k := d.follow(n)
	defer func() { d.aliasDepth -= k }()
	if !d.count(t) || !d.checkTag(t, path) {
		return "", false
	}
	if t.Kind == yaml.ScalarNode && t.Style == 0 {
		if isNull(t) {
			return "null", true
		}
		return t.Value, true
	}
	c, ok := d.expand(t, path, 0)
	if !ok {
		return "", false
	}
	out, err := yaml.Dump(c, yaml.WithLineWidth(-1))
	if err != nil {
		d.errorf(n, path, "cannot write the value back as YAML: %v", err)
		return "", false
	}
	return strings.TrimSuffix(string(out), "\n"), true
}

// expand copies n with aliases replaced by what they name, collections in
// flow style and positions and comments dropped.
func (d *decoder) expand(n *yaml.Node, path string, depth int) (*yaml.Node, bool) {
	t, k := d.follow(n)
	defer func() { d.aliasDepth -= k }()
	if depth > maxDepth {
		d.errorf(n, path, "nesting deeper than %d levels", maxDepth)
		return nil, false
	}
	if t.Kind == yaml.AliasNode || !d.count(t) || !d.checkTag(t, path) {
		return nil, false
	}
	c := &yaml.Node{Kind: t.Kind, Tag: t.Tag, Value: t.Value, Style: t.Style &^ yaml.TaggedStyle}
	if t.Kind != yaml.ScalarNode {
		c.Style = yaml.FlowStyle
	}
	for _, x := range t.Content {
		e, ok := d.expand(x, path, depth+1)
		if !ok {
			return nil, false
		}
		c.Content = append(c.Content, e)
	}
	return c, true
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.typeError(n, v, path)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Float64:
		var f float64
		if d.float(n, &f, path, "a number") {
			v.SetFloat(f)
		}
	case reflect.Int, reflect.Int64:
		if i, ok := d.integer(n, path); ok {
			if v.OverflowInt(i) {
				d.errorf(n, path, "%s is too large for an integer", truncate(n.Value))
				return
			}
			v.SetInt(i)
		}
	case reflect.Uint64:
		if u, ok := d.unsigned(n, path); ok {
			v.SetUint(u)
		}
	case reflect.Bool:
		var b bool
		if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			d.errorf(n, path, "expected true or false, got %s", describe(n))
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("scenario: cannot decode into %s at %s", v.Type(), path))
	}
}

// number returns the value of a numeric scalar: int, uint64 or float64.
func (d *decoder) number(n *yaml.Node, path, wantWhat string) (any, bool) {
	switch n.ShortTag() {
	case "!!int", "!!float":
		var x any
		if err := n.Decode(&x); err == nil {
			switch x.(type) {
			case int, uint64, float64:
				return x, true
			}
		}
	case "!!str":
		if n.Style == 0 {
			if _, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); errors.Is(err, strconv.ErrRange) {
				d.errorf(n, path, "%s is out of the range of numbers", truncate(n.Value))
				return nil, false
			}
		}
	}
	d.errorf(n, path, "expected %s, got %s", wantWhat, describe(n))
	return nil, false
}

func (d *decoder) float(n *yaml.Node, f *float64, path, wantWhat string) bool {
	x, ok := d.number(n, path, wantWhat)
	if !ok {
		return false
	}
	switch x := x.(type) {
	case int:
		*f = float64(x)
	case uint64:
		*f = float64(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			d.errorf(n, path, "expected a finite number, got %s", truncate(n.Value))
			return false
		}
		*f = x + 0 // -0 reads as 0, so that a resolved scenario reads back the same
	}
	return true
}

// integer accepts integers and numbers with an integral value such as 1e3.
func (d *decoder) integer(n *yaml.Node, path string) (int64, bool) {
	x, ok := d.number(n, path, "an integer")
	if !ok {
		return 0, false
	}
	switch x := x.(type) {
	case int:
		return int64(x), true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) || x != math.Trunc(x) {
			d.errorf(n, path, "expected an integer, got %s", truncate(n.Value))
			return 0, false
		}
		if x >= -(1<<63) && x < 1<<63 {
			return int64(x), true
		}
	}
	d.errorf(n, path, "%s is too large for an integer", truncate(n.Value))
	return 0, false
}

func (d *decoder) unsigned(n *yaml.Node, path string) (uint64, bool) {
	x, ok := d.number(n, path, "a non-negative integer")
	if !ok {
		return 0, false
	}
	switch x := x.(type) {
	case int:
		if x >= 0 {
			return uint64(x), true
		}
	case uint64:
		return x, true
	case float64:
		if x >= 0 && x == math.Trunc(x) && x < 1<<64 {
			return uint64(x), true
		}
		if x >= 0 && x == math.Trunc(x) {
			d.errorf(n, path, "%s is too large for a 64-bit unsigned integer", truncate(n.Value))
			return 0, false
		}
	}
	d.errorf(n, path, "expected a non-negative integer, got %s", truncate(n.Value))
	return 0, false
}

func (d *decoder) typeError(n *yaml.Node, v reflect.Value, path string) {
	d.errorf(n, path, "expected %s, got %s", want(v.Type()), describe(n))
}

// want describes what a Go type accepts, for "expected ..." messages.
func want(t reflect.Type) string {
	if t == distType {
		return "a number or a mapping such as {dist: uniform, min: 0, max: 1}"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return want(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.Uint64:
		return "a non-negative integer"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping"
	}
	return t.String()
}

// describe says what a node is, for "got ..." messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "string " + strconv.Quote(truncate(n.Value))
		case "!!int", "!!float":
			return "number " + truncate(n.Value)
		case "!!bool":
			return "boolean " + n.Value
		case "!!null":
			return "null"
		case "!!timestamp":
			return "date " + truncate(n.Value)
		}
		return fmt.Sprintf("%s %q", n.Tag, truncate(n.Value))
	}
	return "nothing"
}

// truncate shortens text quoted in messages.
func truncate(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
