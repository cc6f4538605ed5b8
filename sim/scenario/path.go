package scenario

import (
	"maps"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Field paths name a place in a Scenario the way a user writes it in --set:
// keys joined by dots, list elements by [i] and map entries by ["key"], e.g.
// population.groups[1].share or conditions[0].set["population.size"].

func childPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func mapKeyPath(path, key string) string {
	return path + "[" + strconv.Quote(key) + "]"
}

// parentPath returns path without its last element ("" for a top-level key).
func parentPath(path string) string {
	last := 0 // start of the last element
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			last = i
			i++
		case '[':
			last = i
			if i+1 < len(path) && path[i+1] == '"' {
				q, err := strconv.QuotedPrefix(path[i+1:])
				if err != nil {
					return path[:last]
				}
				i += 1 + len(q)
			} else {
				i++
			}
		default:
			i++
		}
	}
	return path[:last]
}

// underPath reports whether p is path itself or lies inside it.
func underPath(p, path string) bool {
	if path == "" {
		return true
	}
	if !strings.HasPrefix(p, path) {
		return false
	}
	rest := p[len(path):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// structInfo lists the YAML keys of a struct type in declaration order.
type structInfo struct {
	keys  []string
	index map[string]int // key → field index
}

var structInfos sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{index: make(map[string]int)}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		si.keys = append(si.keys, key)
		si.index[key] = i
	}
	structInfos.Store(t, si)
	return si
}

var (
	distType  = reflect.TypeFor[Dist]()
	valueType = reflect.TypeFor[Value]()
	// snapshotStepType is written back as the YAML it holds (resolved.go).
	snapshotStepType = reflect.TypeFor[SnapshotStep]()
	populationType   = reflect.TypeFor[Population]()
	eventType        = reflect.TypeFor[Event]()
	networkType      = reflect.TypeFor[Network]()
	sweepParamType   = reflect.TypeFor[SweepParam]()
	sweepSampleType  = reflect.TypeFor[SweepSample]()
	sweepType        = reflect.TypeFor[Sweep]()
	priorType        = reflect.TypeFor[Prior]()
	fitObserveType   = reflect.TypeFor[FitObserve]()
	fitType          = reflect.TypeFor[Fit]()
	fitParamType     = reflect.TypeFor[FitParam]()
	frameType        = reflect.TypeFor[Frame]()
)

// posTable holds where each field was given, by field path. A copy of a
// validated scenario (a condition, a sweep point, a --set on it) gets a
// table of its own over its parent's: its own entries, and the subtrees of
// the parent it replaced, so that a copy costs nothing however large the
// file (copying the table made loading quadratic: conditions × file).
type posTable struct {
	own    map[string]Pos
	cut    []string // paths whose parent entries are replaced
	parent *posTable
	depth  int
}

func newPosTable(m map[string]Pos) *posTable { return &posTable{own: m} }

// maxPosDepth bounds the chain of tables: deeper, a copy is flattened.
const maxPosDepth = 8

func (t *posTable) get(path string) (Pos, bool) {
	for ; t != nil; t = t.parent {
		if p, ok := t.own[path]; ok {
			return p, true
		}
		for _, c := range t.cut {
			if underPath(path, c) {
				return Pos{}, false
			}
		}
	}
	return Pos{}, false
}

func (t *posTable) set(path string, p Pos) { t.own[path] = p }

// deleteUnder forgets path and every path inside it.
func (t *posTable) deleteUnder(path string) {
	for p := range t.own {
		if underPath(p, path) {
			delete(t.own, p)
		}
	}
	if t.parent != nil {
		t.cut = append(t.cut, path)
	}
}

// child returns a table over t.
func (t *posTable) child() *posTable {
	if t.depth >= maxPosDepth {
		return &posTable{own: t.flatten()}
	}
	return &posTable{own: make(map[string]Pos), parent: t, depth: t.depth + 1}
}

// flatten returns every entry of t in one map.
func (t *posTable) flatten() map[string]Pos {
	if t.parent == nil {
		return maps.Clone(t.own)
	}
	m := t.parent.flatten()
	for p := range m {
		for _, c := range t.cut {
			if underPath(p, c) {
				delete(m, p)
				break
			}
		}
	}
	maps.Copy(m, t.own)
	return m
}
