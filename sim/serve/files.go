package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connact/connact/sim/scenario"
)

// errOutside is the one answer to any name that is not a scenario file
// inside the folder: it does not say whether such a file exists.
var errOutside = errors.New("not a scenario file in the scenarios folder")

// cleanName checks a scenario name as the page sends it: a slash-separated
// path relative to the scenarios folder, ending in .yaml or .yml, without
// "..", "." or empty elements and not absolute (fs.ValidPath). Query
// values arrive URL-decoded, so "%2e%2e/" is seen here as "../".
func cleanName(name string) (string, error) {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
		return "", errOutside
	}
	if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
		return "", errOutside
	}
	return name, nil
}

// readScenario reads a scenario file through the folder's os.Root, which
// refuses any path, symbolic links included, that leads outside the
// folder, and reads only regular files of at most scenario.MaxFileSize.
func (s *Server) readScenario(name string) ([]byte, error) {
	name, err := cleanName(name)
	if err != nil {
		return nil, err
	}
	f, err := s.root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, errOutside
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, errOutside
	}
	data, err := io.ReadAll(io.LimitReader(f, scenario.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(data) > scenario.MaxFileSize {
		return nil, fmt.Errorf("%s: more than the limit of %d bytes", name, scenario.MaxFileSize)
	}
	return data, nil
}

// inside reports whether the file at the absolute path p (a network file a
// scenario names) is a regular file that the folder's os.Root can open: a
// path that leaves the folder, directly or through a symbolic link, is not.
func (s *Server) inside(p string) bool {
	rel, err := filepath.Rel(s.dir, p)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	st, err := s.root.Stat(rel)
	return err == nil && st.Mode().IsRegular()
}

// listScenarios returns the scenario files under the folder, recursively,
// as slash-separated relative names in lexical order. The walk goes
// through the os.Root and does not follow symbolic links to folders;
// hidden files and folders (a leading dot) and testdata folders are
// skipped.
func (s *Server) listScenarios() ([]string, error) {
	var names []string
	err := fs.WalkDir(s.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable folder is left out, not fatal
		}
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || (d.IsDir() && base == "testdata")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			if _, err := cleanName(p); err == nil {
				names = append(names, p)
			}
		}
		return nil
	})
	slices.Sort(names)
	return names, err
}

// openRoot opens dir as the scenarios folder.
func openRoot(dir string) (*os.Root, string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, "", fmt.Errorf("scenarios folder %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, "", fmt.Errorf("scenarios folder %s is not a folder", dir)
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, "", fmt.Errorf("scenarios folder %s: %w", dir, err)
	}
	return r, abs, nil
}
