package output

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/connact/connact/sim/internal/inputfile"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/connact/connact/sim/runner"
)

// This file is the one place that decides what connact may write and
// replace — run, sweep and merge folders, charts, profiles — how a new
// folder is put in place, and how an interrupted process's leftovers are
// found and removed. Nothing a user made is lost: --force replaces only
// what connact wrote, and an old folder is removed only after the new one
// is in place, and then only the files connact writes.

// RefusedError reports a path that connact will not write or replace, and
// why: a user mistake (exit code 2).
type RefusedError struct {
	Path string
	Why  string // completes the sentence that starts with Path
}

func (e *RefusedError) Error() string { return e.Path + " " + e.Why }

const (
	replaceFolders = "connact --force replaces only its own output folders"
	tmpInfix       = ".tmp-" // .NAME.tmp-*: a folder being written
	oldInfix       = ".old-" // .NAME.old-*: a folder being replaced
)

// Files of a sweep folder (named by package sweep, which imports this one;
// its TestOwnedNames checks that they agree).
const manifestFile = "manifest.json"

// Files of a fit folder (named by package sim/fit, which imports this one;
// its TestOwnedNames checks that they agree). A fit folder holds fitFile,
// its tables and charts, and a sweep folder per generation (generation-0,
// generation-1, ...) and for the predictive check (predictive).
const fitFile = "fit.json"

var fitFiles = []string{fitFile, "posterior.csv", "posterior_summary.csv", "generations.csv", "predictive.csv"}

// fitPart names the sweep folders inside a fit folder, and fitNext the
// scenario of the next one that a fit prepared for a cluster (fit.yaml
// beside them).
var (
	fitPart = regexp.MustCompile(`^(generation-(0|[1-9][0-9]{0,5})|predictive)$`)
	fitNext = regexp.MustCompile(`^(generation-(0|[1-9][0-9]{0,5})|predictive)\.yaml(\.tmp)?$`)
)

// SensitivityFile is the table of an analysis folder (sim/analyse), which
// a sweep folder may hold as its sub-folder AnalysisFolder.
const (
	SensitivityFile = "sensitivity.csv"
	AnalysisFolder  = "sensitivity"
)

var sweepFiles = []string{"runs.csv", "points.csv", "point_timeseries.csv", "runs_timeseries.csv", manifestFile, "progress.json", DataPackageFile}

// ownedNames are the fixed names connact writes into a run or sweep folder:
// the files, the JSON files' temporary names (written beside and renamed)
// and the Parquet copies.
var ownedNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []string{TimeseriesFile, GroupsFile, SummaryFile, AggregateFile, SummaryAggregateFile, ContrastsFile, ScenarioFile, MetaFile, SensitivityFile, AgentsFile, AgentsParquetFile} {
		m[n] = true
	}
	for _, n := range sweepFiles {
		m[n] = true
		if strings.HasSuffix(n, ".json") {
			m[n+".tmp"] = true
		}
	}
	m[MetaFile+".tmp"] = true
	for _, n := range fitFiles {
		m[n] = true
		m[n+".tmp"] = true
	}
	return m
}()

var (
	// Charts of a run folder (DrawRun: with actions also actions, and
	// plot --compare's default compare_<metric>; plot --network's
	// network, network_degree and network_core) and of a sweep folder
	// (DrawSweep, whose participation facets may come in pages
	// participation_p1, _p2...). And of an analysis folder (sim/analyse):
	// indices_*, morris_*.
	chartName = regexp.MustCompile(`^(participation(_p[0-9]+)?|cumulative|members|actions|network|network_degree|network_core|compare_[a-z]+|sweep_.+|heatmap_.+|indices_.+|morris_.+|posterior_.+)\.(svg|png|pdf)$`)
	// Parquet copies of a sweep's tables, and their temporary names.
	parquetName = regexp.MustCompile(`^(runs|points|point_timeseries|runs_timeseries)\.parquet(\.tmp)?$`)
	// What plot and --profile write into their temporary folders.
	tempName = regexp.MustCompile(`^(chart\.(svg|png|pdf)|(cpu|mem)\.pprof)$`)
	// A temporary or aside folder of connact's: .NAME.tmp-123, .NAME.old-1a2b3c4d.
	leftoverName = regexp.MustCompile(`^\.(.+)\.(tmp|old)-[0-9a-f]+$`)
)

// IsChart reports whether a file called name, starting with head, is a
// chart connact could have written: SVG, PNG or PDF by its first bytes,
// matching its extension.
func IsChart(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".svg":
		h := bytes.TrimLeft(head, " \t\r\n\ufeff")
		return bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<svg"))
	case ".png":
		return bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n"))
	case ".pdf":
		return bytes.HasPrefix(head, []byte("%PDF-"))
	}
	return false
}

// IsProfile reports whether head starts a gzip-compressed file, as the
// pprof profiles are.
func IsProfile(_ string, head []byte) bool { return bytes.HasPrefix(head, []byte{0x1f, 0x8b}) }

// owned reports whether the file name in dir is one connact writes into
// its folders (temp: also into its temporary folders).
func owned(dir, name string, temp bool) bool {
	switch {
	case ownedNames[name]:
		return true
	case chartName.MatchString(name) || (temp && tempName.MatchString(name) && strings.HasPrefix(name, "chart.")):
		return IsChart(name, readHead(filepath.Join(dir, name)))
	case fitNext.MatchString(name):
		return regularFile(filepath.Join(dir, fitFile))
	case parquetName.MatchString(name):
		return strings.HasSuffix(name, ".tmp") || bytes.HasPrefix(readHead(filepath.Join(dir, name)), []byte("PAR1"))
	case temp && tempName.MatchString(name):
		return IsProfile(name, readHead(filepath.Join(dir, name)))
	}
	return false
}

func readHead(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, 64)
	n, _ := io.ReadFull(f, b)
	return b[:n]
}

// describe names what a path of mode m is, for a message.
func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a file"
	}
	return inputfile.Kind(m)
}

// resolve is path made absolute, with symbolic links followed where it
// exists.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

func within(inner, outer string) bool {
	return inner == outer || strings.HasPrefix(inner, strings.TrimSuffix(outer, string(filepath.Separator))+string(filepath.Separator))
}

// checkPlace refuses the paths that are never an output, whatever they
// hold: the root folder, the home folder, the working directory and any
// folder that contains one of them.
func checkPlace(path string) error {
	r := resolve(path)
	refuse := func(why string) error {
		return &RefusedError{Path: path, Why: why + "; connact writes its output to a folder or file of its own: choose another path, such as results/NAME"}
	}
	if r == string(filepath.Separator) || filepath.Dir(r) == r {
		return refuse("is the root folder")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		switch h := resolve(home); {
		case r == h:
			return refuse("is your home folder")
		case within(h, r):
			return refuse("contains your home folder")
		}
	}
	if wd, err := os.Getwd(); err == nil {
		switch w := resolve(wd); {
		case r == w:
			return refuse("is the working directory")
		case within(w, r):
			return refuse("contains the working directory")
		}
	}
	if base := filepath.Base(filepath.Clean(path)); base == "." || base == ".." || base == string(filepath.Separator) {
		return refuse("names no folder or file of its own") // a folder above; its name is not its own
	}
	return nil
}

// folderWhy says why the existing dir is not a folder connact may
// replace, or "" when it is one: a real folder (not a link) holding
// connact's manifest.json (a sweep) or meta.json (a run), and nothing but
// files connact writes.
func folderWhy(dir string) string {
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Sprintf("cannot be read (%v)", err)
	}
	if !fi.IsDir() {
		return "is " + describe(fi.Mode()) + ", not a folder connact wrote; " + replaceFolders
	}
	switch {
	case regularFile(filepath.Join(dir, fitFile)):
		if why := checkJSON(filepath.Join(dir, fitFile), &fitManifest{}); why != "" {
			return why
		}
	case regularFile(filepath.Join(dir, manifestFile)):
		if why := checkJSON(filepath.Join(dir, manifestFile), &sweepManifest{}); why != "" {
			return why
		}
	case regularFile(filepath.Join(dir, MetaFile)):
		// A run's meta.json, or an analysis folder's (sim/analyse).
		if why := checkJSON(filepath.Join(dir, MetaFile), &runMeta{}); why != "" {
			if checkJSON(filepath.Join(dir, MetaFile), &analysisMeta{}) != "" {
				return why
			}
		}
	default:
		return "is not a folder connact wrote (no meta.json or manifest.json); " + replaceFolders
	}
	if foreign := foreignEntries(dir, false); len(foreign) > 0 {
		return "holds " + list(foreign) + ", which connact did not write; move it out of the folder or choose another path (" + replaceFolders + ")"
	}
	return ""
}

func regularFile(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular()
}

// foreignEntries lists what dir holds that connact does not write there.
func foreignEntries(dir string, temp bool) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return []string{fmt.Sprintf("something unreadable (%v)", err)}
	}
	var foreign []string
	for _, e := range ents {
		switch {
		case !temp && e.IsDir() && isAnalysis(dir, e.Name()):
			// A sweep's analysis (connact analyse DIR), connact's own.
		case e.IsDir() && isFitPart(dir, e.Name()):
			// A fit's generation or predictive sweep, connact's own.
		case e.IsDir():
			foreign = append(foreign, "the folder "+e.Name())
		case !e.Type().IsRegular():
			foreign = append(foreign, e.Name()+" ("+describe(e.Type())+")")
		case !owned(dir, e.Name(), temp):
			foreign = append(foreign, e.Name())
		}
	}
	return foreign
}

func list(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

// sweepManifest and runMeta are the fields that make a manifest.json or a
// run's meta.json connact's.
type sweepManifest struct {
	Version *string          `json:"connact_version"`
	Hash    string           `json:"scenario_hash"`
	Points  *int             `json:"points"`
	Shard   *json.RawMessage `json:"shard"`
}

type runMeta struct {
	Version *string     `json:"connact_version"`
	Hash    string      `json:"scenario_hash"`
	Seed    *uint64     `json:"scenario_seed"`
	Runs    *[]struct{} `json:"runs"` // zero-sized elements: no memory per run
}

// analysisMeta is what makes an analysis folder's meta.json connact's
// (sim/analyse.Meta).
type analysisMeta struct {
	Version  *string `json:"connact_version"`
	Analysis string  `json:"analysis"`
	Hash     string  `json:"scenario_hash"`
}

// fitManifest is what makes a fit folder's fit.json connact's
// (sim/fit.Manifest).
type fitManifest struct {
	Version *string `json:"connact_version"`
	Hash    string  `json:"scenario_hash"`
	Data    string  `json:"data_sha256"`
}

func (m *fitManifest) valid() bool {
	return m.Version != nil && *m.Version != "" && isHash(m.Hash) && isHash(m.Data)
}

// isFitPart reports whether dir/name is a sweep folder of a fit folder
// dir (named generation-N or predictive) that connact wrote: its own
// manifest.json and nothing connact does not write.
func isFitPart(dir, name string) bool {
	if !fitPart.MatchString(name) || !regularFile(filepath.Join(dir, fitFile)) || checkJSON(filepath.Join(dir, fitFile), &fitManifest{}) != "" {
		return false
	}
	sub := filepath.Join(dir, name)
	fi, err := os.Lstat(sub)
	if err != nil || !fi.IsDir() || !regularFile(filepath.Join(sub, manifestFile)) || checkJSON(filepath.Join(sub, manifestFile), &sweepManifest{}) != "" {
		return false
	}
	return len(foreignEntries(sub, false)) == 0
}

func (m *analysisMeta) valid() bool {
	return m.Version != nil && *m.Version != "" && m.Analysis != "" && isHash(m.Hash)
}

// isAnalysis reports whether dir/name is an analysis folder connact wrote
// (its sub-folder AnalysisFolder, holding nothing else), which a sweep
// folder may hold and --force replaces with it.
func isAnalysis(dir, name string) bool {
	sub := filepath.Join(dir, name)
	if name != AnalysisFolder || !regularFile(filepath.Join(sub, MetaFile)) || checkJSON(filepath.Join(sub, MetaFile), &analysisMeta{}) != "" {
		return false
	}
	fi, err := os.Lstat(sub)
	return err == nil && fi.IsDir() && len(foreignEntries(sub, false)) == 0
}

type connactJSON interface{ valid() bool }

func (m *sweepManifest) valid() bool {
	return m.Version != nil && *m.Version != "" && isHash(m.Hash) && m.Points != nil && m.Shard != nil
}

func (m *runMeta) valid() bool {
	return m.Version != nil && *m.Version != "" && isHash(m.Hash) && m.Seed != nil && m.Runs != nil
}

func isHash(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 32
}

// checkJSON says why path is not connact's JSON file v, or "".
func checkJSON(path string, v connactJSON) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("cannot be checked: %v", err)
	}
	defer f.Close()
	if err := json.NewDecoder(f).Decode(v); err != nil || !v.valid() {
		return fmt.Sprintf("is not a folder connact wrote (%s is not connact's: no connact_version, scenario_hash, ...); %s", filepath.Base(path), replaceFolders)
	}
	return ""
}

// CheckDir reports whether dir may be written as a new run or sweep folder:
// it must not exist, or, with force, be a folder connact wrote (see
// folderWhy), and it is never the root folder, the home folder, the
// working directory or a folder containing one of them. Its errors are
// *ExistsError and *RefusedError, both user mistakes.
func CheckDir(dir string, force bool) error {
	dir = filepath.Clean(dir)
	if err := checkPlace(dir); err != nil {
		return err
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	why := folderWhy(dir)
	switch {
	case why == "" && !force:
		return &ExistsError{Dir: dir}
	case why != "" && !force:
		return &RefusedError{Path: dir, Why: "already exists and " + why}
	case why != "":
		return &RefusedError{Path: dir, Why: why}
	}
	return nil
}

// CheckFile reports whether path may be written as a file: it must not
// exist, or, with force, be a regular file (never a symbolic link, a
// device or a folder) that ours recognises, by its name and first bytes,
// as one connact writes; what names such a file in messages ("chart").
func CheckFile(path string, force bool, what string, ours func(name string, head []byte) bool) error {
	if err := checkPlace(path); err != nil {
		return err
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	only := "connact --force replaces only a " + what + " file it wrote"
	switch {
	case !fi.Mode().IsRegular():
		return &RefusedError{Path: path, Why: "is " + describe(fi.Mode()) + ", not a " + what + " file; choose another path (" + only + ", and never writes through a link)"}
	case !ours(path, readHead(path)):
		return &RefusedError{Path: path, Why: "already exists and is not a " + what + " file connact wrote; choose another path (" + only + ")"}
	case !force:
		return &RefusedError{Path: path, Why: "already exists; choose another path or pass --force to replace it"}
	}
	return nil
}

// rename is os.Rename; tests make it fail.
var rename = os.Rename

// TempDir is a hidden folder, .NAME.tmp-*, beside an output path: connact
// writes there and renames the result into place when it is complete, so
// that an interrupted or failed command leaves no half-written output. The
// folder is locked (flock) while this process holds the TempDir, which
// tells a later connact (RemoveLeftovers) that it is not an interrupted
// process's leftover; the lock follows the folder when it is renamed.
type TempDir struct {
	Path      string
	lock      *os.File
	installed bool
}

// NewTempDir creates and locks a temporary folder beside path.
func NewTempDir(path string) (*TempDir, error) {
	path = filepath.Clean(path)
	if err := checkPlace(path); err != nil {
		return nil, err
	}
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := mkdirTemp(parent, "."+filepath.Base(path)+tmpInfix)
	if err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		os.Remove(dir)
		return nil, err
	}
	return &TempDir{Path: dir, lock: lock}, nil
}

// mkdirTemp is os.MkdirTemp with mode 0755 (less the umask) instead of
// 0700: the folder becomes the user's results folder, as readable as any
// folder they make (and as a sweep folder always was), whichever command
// writes it. The name ends in random hex digits, as leftoverName expects.
func mkdirTemp(parent, prefix string) (string, error) {
	for {
		b := make([]byte, 8)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		dir := filepath.Join(parent, prefix+hex.EncodeToString(b))
		err := os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue // 2^64 names: taken only by chance
		}
		return dir, err
	}
}

// Install renames the folder to final, which must pass CheckDir(final,
// force) — checked again now, since it may have changed while the command
// ran. An existing final is first moved aside (.NAME.old-*), and removed
// only once the new folder is in place: if the rename fails, it is put
// back. The lock is kept (see Release).
func (t *TempDir) Install(final string, force bool) error {
	final = filepath.Clean(final)
	if err := CheckDir(final, force); err != nil {
		return err
	}
	old, oldLock, err := moveAside(final)
	if err != nil {
		return err
	}
	if err := rename(t.Path, final); err != nil {
		if old != "" {
			if rerr := os.Rename(old, final); rerr != nil {
				err = fmt.Errorf("%w (putting the old folder back failed too: %v; it is kept as %s)", err, rerr, old)
			}
			oldLock.Close()
		}
		return err
	}
	t.Path, t.installed = final, true
	if old != "" {
		// Only connact's files: something added since the check keeps the
		// folder, and RemoveLeftovers reports it later.
		removeOwned(old)
		oldLock.Close()
	}
	return nil
}

// moveAside renames an existing final to .NAME.old-XXXXXXXX beside it,
// locked, unless a running connact holds its lock (a sweep being written).
func moveAside(final string) (string, *os.File, error) {
	if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	lock, err := tryLockDir(final)
	if errors.Is(err, errLocked) {
		return "", nil, &RefusedError{Path: final, Why: "is being written by a running connact; wait for it to end or stop it first"}
	}
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	old := filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+oldInfix+hex.EncodeToString(b))
	if err := os.Rename(final, old); err != nil {
		lock.Close()
		return "", nil, err
	}
	return old, lock, nil
}

// InstallFile renames the file name of the folder to path, which must pass
// CheckFile(path, force, what, ours), checked again now.
func (t *TempDir) InstallFile(name, path string, force bool, what string, ours func(string, []byte) bool) error {
	if err := CheckFile(path, force, what, ours); err != nil {
		return err
	}
	return rename(filepath.Join(t.Path, name), path)
}

// CheckPlace refuses the paths that are never an output, whatever they
// hold (see CheckDir): for a folder that is written in place, such as a
// resumed sweep, where CheckDir's "exists" would not apply.
func CheckPlace(path string) error { return checkPlace(filepath.Clean(path)) }

// LockFolder takes the lock of an existing output folder that this process
// goes on writing in place (a resumed sweep), so that no other connact
// replaces or resumes it meanwhile. A folder whose lock is held is refused
// (a *RefusedError). Release drops the lock.
func LockFolder(dir string) (*TempDir, error) {
	lock, err := tryLockDir(dir)
	if errors.Is(err, errLocked) {
		return nil, &RefusedError{Path: dir, Why: "is being written by a running connact; wait for it to end or stop it first"}
	}
	if err != nil {
		return nil, err
	}
	return &TempDir{Path: dir, lock: lock, installed: true}, nil
}

// Release drops the lock: after Install, once the command is done with
// the folder.
func (t *TempDir) Release() {
	if t != nil && t.lock != nil {
		t.lock.Close()
		t.lock = nil
	}
}

// Remove removes the temporary folder, unless it was installed, and
// releases the lock.
func (t *TempDir) Remove() {
	if t == nil {
		return
	}
	if !t.installed {
		os.RemoveAll(t.Path)
	}
	t.Release()
}

// IsOwned reports whether the regular file name in dir is one connact
// writes into its run and sweep folders (charts and Parquet copies checked
// by their first bytes).
func IsOwned(dir, name string) bool { return owned(dir, name, false) }

// RemoveOwned removes the files of dir that connact writes (see IsOwned),
// then dir if that left it empty, and returns the bytes removed; anything
// else stays, and so does dir.
func RemoveOwned(dir string) (int64, error) { return removeOwned(dir) }

// removeOwned removes the files of dir that connact writes, then dir if it
// is empty, and returns the bytes removed.
func removeOwned(dir string) (int64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	// What is connact's is decided before anything is removed: a fit's
	// generations and prepared scenarios are known as its own by its
	// fit.json, which sorts before them.
	ours := map[string]bool{}
	file := map[string]bool{}
	for _, e := range ents {
		ours[e.Name()] = e.IsDir() && (isAnalysis(dir, e.Name()) || isFitPart(dir, e.Name()))
		file[e.Name()] = e.Type().IsRegular() && owned(dir, e.Name(), true)
	}
	var size int64
	for _, e := range ents {
		if ours[e.Name()] {
			n, err := removeOwned(filepath.Join(dir, e.Name()))
			size += n
			if err != nil {
				return size, err
			}
			continue
		}
		if !file[e.Name()] {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if fi, err := os.Lstat(p); err == nil {
			size += fi.Size()
		}
		if err := os.Remove(p); err != nil {
			return size, err
		}
	}
	return size, os.Remove(dir)
}

// emptyGrace is how old an empty temporary folder must be to count as
// abandoned: a new one is empty and unlocked for the instant between its
// creation and its lock.
const emptyGrace = time.Minute

// RemoveLeftovers finds in parent the temporary folders (.NAME.tmp-*) and
// folders moved aside (.NAME.old-*) of connact processes that were killed,
// and tells each on w. A folder whose lock is held belongs to a running
// connact and is left alone, as is one holding anything connact does not
// write. A folder moved aside whose NAME no longer exists (a --force
// killed between its two renames) is put back; any other is removed.
func RemoveLeftovers(parent string, w io.Writer) {
	if !canTellLive {
		return
	}
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		m := leftoverName.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		path := filepath.Join(parent, e.Name())
		lock, err := tryLockDir(path)
		if err != nil {
			continue // running, or not ours to open
		}
		removeLeftover(path, filepath.Join(parent, m[1]), m[2] == "old", w)
		lock.Close()
	}
}

func removeLeftover(path, target string, aside bool, w io.Writer) {
	if aside {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(path, target); err != nil {
				fmt.Fprintf(w, "connact: could not put back %s from %s, which an interrupted --force had moved aside: %v\n", target, path, err)
				return
			}
			fmt.Fprintf(w, "connact: put back %s from %s, which an interrupted --force had moved aside\n", target, path)
			return
		}
	}
	if foreign := foreignEntries(path, true); len(foreign) > 0 {
		fmt.Fprintf(w, "connact: left %s, named like a temporary folder of connact's, as it is: it holds %s, which connact does not write\n", path, list(foreign))
		return
	}
	if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) < emptyGrace {
		if ents, err := os.ReadDir(path); err == nil && len(ents) == 0 {
			return // perhaps a connact that has not locked it yet
		}
	}
	size, err := removeOwned(path)
	if err != nil {
		fmt.Fprintf(w, "connact: could not remove the leftover temporary folder %s of an interrupted run: %v\n", path, err)
		return
	}
	what := "temporary folder"
	if aside {
		what = "old folder"
	}
	fmt.Fprintf(w, "connact: removed the leftover %s %s (%s) of an interrupted run\n", what, path, runner.FormatBytes(size))
}
