package scenario

import (
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
	distType       = reflect.TypeFor[Dist]()
	valueType      = reflect.TypeFor[Value]()
	populationType = reflect.TypeFor[Population]()
	eventType      = reflect.TypeFor[Event]()
	networkType    = reflect.TypeFor[Network]()
)
