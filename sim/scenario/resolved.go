package scenario

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v4"
)

// resolved writes the scenario as YAML: every field in schema order, nil
// pointers left out, a distribution with only its family's parameters and an
// event with only its type's fields (the others are refused when given),
// network.file relative to Dir, and a condition's set values as the YAML
// they hold.
func (l *Loaded) resolved() []byte {
	root := l.encode(reflect.ValueOf(l.Scenario).Elem())
	out, err := yaml.Dump(root, yaml.WithIndent(2))
	if err != nil {
		panic(fmt.Sprintf("scenario: cannot write the resolved scenario: %v", err))
	}
	return out
}

func (l *Loaded) encode(v reflect.Value) *yaml.Node {
	if v.Type() == valueType || v.Type() == snapshotStepType {
		return setValueNode(v.String())
	}
	switch v.Kind() {
	case reflect.Struct:
		return l.encodeStruct(v)
	case reflect.Pointer:
		return l.encode(v.Elem())
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if k := v.Type().Elem().Kind(); k != reflect.Struct || v.Len() == 0 {
			n.Style = yaml.FlowStyle
		}
		for i := range v.Len() {
			n.Content = append(n.Content, l.encode(v.Index(i)))
		}
		return n
	case reflect.Map: // Condition.Set
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if v.Len() == 0 {
			n.Style = yaml.FlowStyle
		}
		m := v.Interface().(map[string]string)
		for _, k := range slices.Sorted(maps.Keys(m)) {
			n.Content = append(n.Content, str(k), setValueNode(m[k]))
		}
		return n
	case reflect.String:
		return str(v.String())
	case reflect.Float64:
		s := fmtFloat(v.Float())
		tag := "!!float"
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
	case reflect.Int, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Uint64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatUint(v.Uint(), 10)}
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	}
	panic(fmt.Sprintf("scenario: cannot encode %s", v.Type()))
}

func (l *Loaded) encodeStruct(v reflect.Value) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	info := infoOf(v.Type())
	keys := info.keys
	switch v.Type() {
	case distType:
		n.Style = yaml.FlowStyle
		if r, ok := rowOf(distKindTable, distKindRow.key, v.Interface().(Dist).Kind); ok {
			keys = append([]string{"dist"}, r.params...)
		}
	case priorType:
		n.Style = yaml.FlowStyle
		if ks, ok := priorParams[v.Interface().(Prior).Dist]; ok {
			keys = append([]string{"dist"}, ks...)
		}
	case eventType:
		e := v.Interface().(Event)
		if r, ok := rowOf(eventTypeTable, eventTypeRow.key, e.Type); ok {
			keys = append([]string{"step", "type"}, r.fields...)
		}
		if e.Type == EventRemoveHubs || e.Type == EventRemovePeriphery { // count or share, whichever was given
			if e.Count != 0 {
				keys = []string{"step", "type", "count"}
			} else {
				keys = []string{"step", "type", "share"}
			}
		}
		if e.Type == EventArrest { // count or share, and a mechanism only when given
			keys = []string{"step", "type", "by", "share"}
			if e.Count != 0 {
				keys[3] = "count"
			}
			if e.Mechanism != "" {
				keys = append(keys, "mechanism")
			}
			keys = append(keys, "backlash")
		}
	}
	for _, key := range keys {
		f := v.Field(info.index[key])
		if f.Kind() == reflect.Pointer && f.IsNil() {
			continue
		}
		if v.Type() == populationType && key == "groups" && !l.has("population.groups") {
			// Groups that were not given (the default group "all", or
			// those made from group_count) are left to be made again, so
			// that the resolved scenario can still sweep group_count.
			continue
		}
		if v.Type() == sweepType && key == "design" && f.String() == "" {
			// Read into the zip groups at load (readDesign): never
			// written, so that sweeps without one resolve as before.
			continue
		}
		if v.Type() == sweepType && key == "populations" && (f.String() == "" || f.String() == "shared") {
			// Opt-in: left out at its default, so that the resolved
			// scenario (and hash) of every sweep is as before it existed.
			continue
		}
		if v.Type() == fitParamType && key == "label" && f.String() == "" {
			continue
		}
		if v.Type() == fitObserveType && (key == "statistics" && f.Len() == 0 || key == "series" && f.String() == "") {
			continue // one or the other
		}
		if v.Type() == fitObserveType && (key == "replicates" || key == "shares") && f.IsZero() {
			// Shares of runs: left out when not given, so that the
			// resolved scenario (and hash) of a series or statistics fit
			// is as it was before they existed.
			continue
		}
		if v.Type() == fitObserveType && slices.Contains(shareExcluded, key) && v.FieldByName("Shares").Len() > 0 {
			continue // a fit by shares of runs has no series, time axis or scale
		}
		if v.Type() == fitType && key == "data" && v.FieldByName("Observe").FieldByName("Shares").Len() > 0 {
			continue // nor a data file: its targets are its shares
		}
		if v.Type() == sweepParamType && (key == "label" && f.String() == "" || key == "also" && f.Len() == 0) {
			// Left out when not given, so that the resolved scenario (and
			// its hash) of a sweep without labels or shared fields is as
			// it was before they existed.
			continue
		}
		if v.Type() == scenarioType && key == "common_random_numbers" && !f.Bool() {
			// Opt-in: left out when false, so that the resolved scenario
			// (and hash) of a scenario without it is as it was before it
			// existed.
			continue
		}
		if v.Type() == scenarioType && key == "actions" && f.Len() == 0 ||
			v.Type() == outcomeType && (key == "combine" || key == "substitution") && f.IsZero() ||
			v.Type() == actionType && (key == "skills" || key == "ladder") && f.Len() == 0 {
			// Actions (opt-in): left out when not given, so that the
			// resolved scenario (and hash) of a scenario without them is
			// as it was before they existed.
			continue
		}
		if v.Type() == organisationType && optInAtDefault(key, f) {
			// An organisation's economy (incentive_cost, overhead,
			// allocation, churn, convert, convert_cost) is left out at
			// its defaults, so that the resolved scenario (and hash) of
			// an organisation without one is as it was before it existed.
			continue
		}
		if v.Type() == sweepSampleType && key == "levels" {
			// Morris's grid only: left out otherwise, so that the resolved
			// scenario (and hash) of a random or lhs design is as before
			// levels existed; the default made explicit for morris.
			s := v.Interface().(SweepSample)
			if r, ok := rowOf(sampleMethodTable, sampleMethodRow.key, s.Method); !ok || !r.levels {
				continue
			}
			if s.Levels == 0 {
				n.Content = append(n.Content, str(key), l.encode(reflect.ValueOf(defaultMorrisLevels)))
				continue
			}
		}
		if v.Type() == frameType && (key == "novelty" || key == "novelty_factor") && v.Interface().(Frame).Novelty == "once" {
			// Written only for a frame that renews with decaying
			// novelty, so that the resolved scenario (and hash) of every
			// other frame is as before novelty existed.
			continue
		}
		if v.Type() == networkType && key == "nodes" && f.String() == "" {
			continue // opt-in: every scenario without it resolves as before
		}
		if v.Type() == networkType && (key == "exponent" && f.Float() == 2.5 || key == "min_degree" && f.Int() == 2) &&
			v.Interface().(Network).Model != NetworkConfiguration {
			// The configuration model's parameters: left out at their
			// defaults for the other models, so that the resolved
			// scenario (and hash) of every scenario without one is as it
			// was before it existed (the defaults table's values).
			continue
		}
		val := l.encode(f)
		if v.Type() == networkType && (key == "file" || key == "nodes") && f.String() != "" {
			val = str(l.relative(f.String()))
		}
		if v.Type() == networkType && key == "audience" {
			// Generated, never read from a file (validation): its empty
			// file is left out.
			for i := 0; i+1 < len(val.Content); i += 2 {
				if val.Content[i].Value == "file" {
					val.Content = slices.Delete(val.Content, i, i+2)
					break
				}
			}
		}
		n.Content = append(n.Content, str(key), val)
	}
	return n
}

// organisationType is the type of an organisation.
var (
	organisationType = reflect.TypeFor[Organisation]()
	scenarioType     = reflect.TypeFor[Scenario]()
	outcomeType      = reflect.TypeFor[Outcome]()
	actionType       = reflect.TypeFor[Action]()
)

// optInAtDefault reports whether key of an organisation is one of its
// economy's fields and f holds that field's default.
func optInAtDefault(key string, f reflect.Value) bool {
	switch key {
	case "incentive_cost", "overhead", "churn", "convert", "convert_cost":
		return f.Float() == 0
	case "allocation":
		return f.String() == AllocationIncentivesFirst
	}
	return false
}

// relative writes an absolute network file path relative to Dir, so that
// the resolved scenario, and its hash, do not depend on where the project
// sits on disk.
func (l *Loaded) relative(path string) string {
	dir, err := filepath.Abs(l.Dir)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

func str(s string) *yaml.Node {
	n := &yaml.Node{}
	n.SetString(s)
	return n
}

// setValueNode returns the YAML a condition's set value holds (see
// decoder.setText), so that reading the resolved file gives the same text.
func setValueNode(text string) *yaml.Node {
	n, err := parseDocument("set", []byte(text))
	switch {
	case err != nil:
		return str(text)
	case n == nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return n
}

// Shown is Resolved with the sweep's own defaults made explicit too, for a
// reader (connact validate): sweep.replicates 0 as the replicates a point
// runs, a parameter's empty name as its column name and an empty metric as
// peak_share. Resolved keeps the sweep section as written: it is the
// scenario's identity (Hash, the scenario.yaml of every folder), which
// filling these in would change for every existing folder.
func (l *Loaded) Shown() []byte {
	sw := l.Scenario.Sweep
	if sw == nil {
		return l.Resolved()
	}
	c := *l
	c.Scenario = l.Scenario.Clone()
	sw = c.Scenario.Sweep
	if sw.Replicates == 0 {
		sw.Replicates = l.Scenario.Replicates
	}
	if sw.Metric == "" {
		sw.Metric = "peak_share"
	}
	name := func(ps []SweepParam) {
		for k := range ps {
			if ps[k].Name == "" {
				ps[k].Name = ColumnName(ps[k].Path)
			}
		}
	}
	name(sw.Parameters)
	for _, g := range sw.Zip {
		name(g)
	}
	return c.resolved()
}
