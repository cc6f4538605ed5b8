package serve

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/connact/connact/sim/scenario"
)

//go:embed static
var static embed.FS

// Default caps, stated in the README and on the page.
const (
	DefaultMaxAgents     = 20000 // agents in a run (population.size of every condition)
	DefaultMaxRuns       = 200   // conditions × replicates of one request
	DefaultMaxSteps      = 5000  // steps of a run
	DefaultMaxConcurrent = 2     // requests running at once
	DefaultNetworkView   = 2000  // largest population drawn as a network
	DefaultKeep          = 20    // finished runs kept for download
)

// Options configure a Server. A zero field takes its default.
type Options struct {
	// Dir is the scenarios folder. Nothing outside it is read, and nothing
	// is written to it.
	Dir string
	// MaxAgents, MaxRuns and MaxSteps cap one request; MaxConcurrent caps
	// the requests running at once (a further one is refused, not queued).
	MaxAgents, MaxRuns, MaxSteps, MaxConcurrent int
	// NetworkView is the largest population whose network and states per
	// step are streamed to the page; larger runs get the chart only.
	NetworkView int
	// Keep is how many finished runs keep their files for download; the
	// oldest are deleted beyond it.
	Keep int
	// Workers run a request's replicates in parallel (default: the cores
	// shared among MaxConcurrent requests, at least 1).
	Workers int
	// TempDir holds the finished runs' folders (default: a new folder in
	// os.TempDir, removed by Close).
	TempDir string
	// LoopbackHost refuses requests whose Host header is not localhost or
	// a loopback address: for a server listening on loopback, so that a
	// web page whose domain an attacker points at 127.0.0.1 (DNS
	// rebinding) cannot drive it.
	LoopbackHost bool
}

// Server is the explorer: an http.Handler. Close removes the runs it kept.
type Server struct {
	opt  Options
	root *os.Root // the scenarios folder: every read goes through it
	dir  string   // its absolute path
	mux  *http.ServeMux
	tmp  string // parent of the kept runs' folders
	own  bool   // tmp was made by New, and Close removes it

	slots chan struct{} // one token per running request

	mu    sync.Mutex
	next  int            // number of the next run
	runs  map[int]string // run number → its folder
	order []int          // kept runs, oldest first
}

// New opens the scenarios folder and returns the server. It fails when the
// folder does not exist or is not a folder.
func New(opt Options) (*Server, error) {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&opt.MaxAgents, DefaultMaxAgents)
	def(&opt.MaxRuns, DefaultMaxRuns)
	def(&opt.MaxSteps, DefaultMaxSteps)
	def(&opt.MaxConcurrent, DefaultMaxConcurrent)
	def(&opt.NetworkView, DefaultNetworkView)
	def(&opt.Keep, DefaultKeep)
	def(&opt.Workers, max(1, runtime.NumCPU()/opt.MaxConcurrent))
	if opt.Dir == "" {
		opt.Dir = "scenarios"
	}
	root, dir, err := openRoot(opt.Dir)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, root: root, dir: dir, runs: map[int]string{}, slots: make(chan struct{}, opt.MaxConcurrent)}
	if opt.TempDir != "" {
		s.tmp = opt.TempDir
	} else {
		if s.tmp, err = os.MkdirTemp("", "connact-serve-"); err != nil {
			root.Close()
			return nil, err
		}
		s.own = true
	}
	s.mux = http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	s.mux.Handle("GET /", http.FileServerFS(sub))
	s.mux.HandleFunc("GET /api/limits", s.handleLimits)
	s.mux.HandleFunc("GET /api/scenarios", s.handleScenarios)
	s.mux.HandleFunc("GET /api/scenario", s.handleScenario)
	s.mux.HandleFunc("POST /api/check", s.handleCheck)
	s.mux.HandleFunc("GET /api/run", s.handleRun)
	s.mux.HandleFunc("GET /api/runs/{id}/{file}", s.handleFile)
	return s, nil
}

// ServeHTTP serves the page, its assets and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The page loads nothing from elsewhere, and no other site may frame it
	// or run scripts in it.
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; frame-ancestors 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	// Another site's page may not start runs or read results through the
	// visitor's browser: browsers mark such requests (Fetch Metadata).
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		http.Error(w, "requests from other sites are refused", http.StatusForbidden)
		return
	}
	if s.opt.LoopbackHost {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if !IsLoopback(strings.Trim(host, "[]")) {
			http.Error(w, "this server answers to localhost and loopback addresses only", http.StatusMisdirectedRequest)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// IsLoopback reports whether host names only this machine: localhost or a
// loopback IP address. An empty host (":8080") is every interface.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Close removes the kept runs (and the temporary folder New made) and
// closes the scenarios folder.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, d := range s.runs {
		errs = append(errs, os.RemoveAll(d))
	}
	s.runs, s.order = map[int]string{}, nil
	if s.own {
		errs = append(errs, os.RemoveAll(s.tmp))
	}
	errs = append(errs, s.root.Close())
	return errors.Join(errs...)
}

// Limits are the caps, as the page shows them.
type Limits struct {
	MaxAgents     int `json:"maxAgents"`
	MaxRuns       int `json:"maxRuns"`
	MaxSteps      int `json:"maxSteps"`
	MaxConcurrent int `json:"maxConcurrent"`
	NetworkView   int `json:"networkView"`
}

func (s *Server) limits() Limits {
	return Limits{s.opt.MaxAgents, s.opt.MaxRuns, s.opt.MaxSteps, s.opt.MaxConcurrent, s.opt.NetworkView}
}

func (s *Server) handleLimits(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.limits())
}

func (s *Server) handleScenarios(w http.ResponseWriter, r *http.Request) {
	names, err := s.listScenarios()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, problem{Errors: []string{err.Error()}})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"scenarios": names})
}

// scenarioInfo is what the page shows of a scenario before a run.
type scenarioInfo struct {
	Name        string    `json:"name"`
	File        string    `json:"file"`
	Description string    `json:"description"`
	Conditions  []string  `json:"conditions"`
	TimeUnit    string    `json:"timeUnit"`
	Controls    []Control `json:"controls"`
}

// problem is an error answer: the messages, one per mistake, as the
// command line prints them.
type problem struct {
	Errors []string `json:"errors"`
}

func (s *Server) handleScenario(w http.ResponseWriter, r *http.Request) {
	file := r.URL.Query().Get("name")
	l, err := s.load(file, nil)
	if err != nil {
		writeProblem(w, err)
		return
	}
	writeJSON(w, http.StatusOK, scenarioInfo{
		Name: l.Scenario.Name, File: file, Description: strings.TrimSpace(l.Scenario.Description),
		Conditions: l.ConditionNames(), TimeUnit: l.Scenario.TimeUnit, Controls: controls(l),
	})
}

// checkRequest is the body of /api/check: a scenario and its overrides.
type checkRequest struct {
	Name string   `json:"name"`
	Set  []string `json:"set"`
}

// handleCheck loads the scenario with the overrides and checks the caps,
// without running anything: the page calls it before opening a run's
// stream, to show mistakes (an event stream cannot carry a status).
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, problem{Errors: []string{"bad request: " + err.Error()}})
		return
	}
	l, err := s.load(req.Name, req.Set)
	if err == nil {
		_, err = s.study(l)
	}
	if err != nil {
		writeProblem(w, err)
		return
	}
	n := len(l.ConditionNames())
	writeJSON(w, http.StatusOK, map[string]any{
		"runs": n * l.Scenario.Replicates, "steps": l.Scenario.Steps, "hash": l.Hash(),
	})
}

// fileName is what a run folder may hand out: connact's own file names.
var fileName = regexp.MustCompile(`^[a-z_]+\.(csv|yaml|json|svg|png)$`)

func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	s.mu.Lock()
	dir, ok := s.runs[atoiOr(r.PathValue("id"), -1)]
	s.mu.Unlock()
	if !ok || !fileName.MatchString(file) {
		http.Error(w, "no such run or file (runs are kept while the server runs, the latest "+fmt.Sprint(s.opt.Keep)+")", http.StatusNotFound)
		return
	}
	p := filepath.Join(dir, file)
	if st, err := os.Lstat(p); err != nil || !st.Mode().IsRegular() {
		http.Error(w, "no such file in this run", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", path.Base(filepath.Base(dir))+"-"+file))
	http.ServeFile(w, r, p)
}

// writeProblem answers a mistake in what the page sent with 400 and its
// messages, one per mistake (a scenario.ErrorList gives several).
func writeProblem(w http.ResponseWriter, err error) {
	writeJSON(w, statusOf(err), problem{Errors: messages(err)})
}

// statusOf maps an error to an HTTP status: a name outside the folder is
// 404, the caps 429/503 (busy), any other mistake 400.
func statusOf(err error) int {
	var ce *capError
	switch {
	case errors.Is(err, errOutside):
		return http.StatusNotFound
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable
	case errors.As(err, &ce):
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// messages splits an error into the lines the command line would print.
func messages(err error) []string {
	var list scenario.ErrorList
	if errors.As(err, &list) {
		var out []string
		for _, e := range list {
			out = append(out, e.Error())
		}
		return out
	}
	return []string{err.Error()}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func atoiOr(s string, d int) int {
	n := 0
	if s == "" || len(s) > 9 {
		return d
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return d
		}
		n = n*10 + int(c-'0')
	}
	return n
}
