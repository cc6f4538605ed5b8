package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/connact/connact/sim/output"
	"github.com/connact/connact/sim/runner"
	"github.com/connact/connact/sim/scenario"
)

// newTestServer serves a copy of testdata/scenarios (with opt) and returns
// the server, its URL and the copy's folder. The copy sits in a folder of
// its own beside outside.yaml, a valid scenario, and outside.csv, which
// tests try to reach.
func newTestServer(t *testing.T, opt Options) (*Server, string, string) {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "scenarios")
	if err := os.CopyFS(dir, os.DirFS("testdata/scenarios")); err != nil {
		t.Fatal(err)
	}
	tiny, err := os.ReadFile("testdata/scenarios/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"outside.yaml": tiny, "outside.csv": []byte("0,1\n1,2\n2,0\n")} {
		if err := os.WriteFile(filepath.Join(base, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt.Dir = dir
	opt.TempDir = t.TempDir()
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() { hs.Close(); s.Close() })
	return s, hs.URL, dir
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

// check posts a check request and returns the status and messages.
func check(t *testing.T, base, name string, set ...string) (int, []string) {
	t.Helper()
	body, _ := json.Marshal(checkRequest{Name: name, Set: set})
	r, err := http.Post(base+"/api/check", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var p problem
	json.NewDecoder(r.Body).Decode(&p)
	return r.StatusCode, p.Errors
}

// sse is one server-sent event.
type sse struct{ name, data string }

// readEvents reads the events of a run stream until it ends or stop says so.
func readEvents(t *testing.T, body io.Reader, stop func(sse) bool) []sse {
	t.Helper()
	var evs []sse
	sc := bufio.NewScanner(body)
	sc.Buffer(nil, 1<<24)
	var cur sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			cur.data = line[len("data: "):]
		case line == "":
			evs = append(evs, cur)
			if stop != nil && stop(cur) {
				return evs
			}
			cur = sse{}
		}
	}
	return evs
}

// runURL is the stream of a run of name with the overrides set.
func runURL(base, name string, set ...string) string {
	q := url.Values{"scenario": {name}, "set": set}
	return base + "/api/run?" + q.Encode()
}

func TestListScenarios(t *testing.T) {
	_, base, dir := newTestServer(t, Options{})
	os.Mkdir(filepath.Join(dir, ".hidden"), 0o755)
	os.WriteFile(filepath.Join(dir, ".hidden", "x.yaml"), []byte("name: x"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a scenario"), 0o644)
	code, body := get(t, base+"/api/scenarios")
	var got struct{ Scenarios []string }
	json.Unmarshal([]byte(body), &got)
	want := []string{"more/filenet.yaml", "more/long.yaml", "tiny.yaml"}
	if code != 200 || !slices.Equal(got.Scenarios, want) {
		t.Errorf("GET /api/scenarios = %d %s, want the scenarios %q", code, body, want)
	}
}

// TestNothingOutsideIsRead asks for files outside the scenarios folder in
// every way a URL can spell them; outside.yaml is a valid scenario, so a
// name that reached it would be answered with 200.
func TestNothingOutsideIsRead(t *testing.T) {
	_, base, dir := newTestServer(t, Options{})
	parent := filepath.Dir(dir)
	if err := os.Symlink(filepath.Join(parent, "outside.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(parent, filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(parent, "outside.csv"), filepath.Join(dir, "net.csv")); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{
		"../outside.yaml",
		"..%2Foutside.yaml",
		"%2e%2e/outside.yaml",
		"%2E%2E%2Foutside.yaml",
		"more/../../outside.yaml",
		"./tiny.yaml/../../outside.yaml",
		url.QueryEscape(filepath.Join(parent, "outside.yaml")),
		"/etc/passwd",
		"link.yaml",
		"up/outside.yaml",
		"up/scenarios/tiny.yaml",
		"..\\outside.yaml",
		"tiny.yaml%00",
		"more",
	} {
		code, body := get(t, base+"/api/scenario?name="+raw)
		if code != http.StatusNotFound || strings.Contains(body, "seed") {
			t.Errorf("GET /api/scenario?name=%s = %d %s, want 404", raw, code, body)
		}
		ev := readEvents(t, mustGet(t, base+"/api/run?scenario="+raw), nil)
		if len(ev) != 1 || ev[0].name != "problem" {
			t.Errorf("run %s: events %v, want one problem", raw, ev)
		}
	}
	// The inside is readable: the test could fail.
	if code, body := get(t, base+"/api/scenario?name=tiny.yaml"); code != 200 {
		t.Fatalf("GET tiny.yaml = %d %s", code, body)
	}
	// A network file outside the folder, named by the scenario or through
	// a link, is not read.
	if code, msgs := check(t, base, "more/filenet.yaml"); code != 400 || !strings.Contains(strings.Join(msgs, ""), "not a file in the scenarios folder") {
		t.Errorf("check filenet.yaml = %d %q, want the network file refused", code, msgs)
	}
	if code, msgs := check(t, base, "more/filenet.yaml", "network.file=../net.csv"); code != 400 || !strings.Contains(strings.Join(msgs, ""), "cannot be changed from the explorer") {
		t.Errorf("check network.file override = %d %q, want it refused", code, msgs)
	}
	for _, set := range []string{"network.file=/etc/passwd", "network={model: file, file: /etc/passwd}", "conditions[0].set={network.file: x}", "sweep.design=x.csv", "fit.data=x.csv", "outputs.formats=[pdf]"} {
		code, msgs := check(t, base, "tiny.yaml", set)
		if code == 200 {
			t.Errorf("check --set %s = 200, want it refused", set)
		}
		if set == "network={model: file, file: /etc/passwd}" {
			// Not a forbidden path: the scenario is checked, and its
			// network file is outside the folder.
			if !strings.Contains(strings.Join(msgs, ""), "not a file in the scenarios folder") {
				t.Errorf("check --set %s: %q, want the network file refused", set, msgs)
			}
		}
	}
	// Downloads: only a kept run's own files.
	for _, p := range []string{"/api/runs/0/..%2F..%2Fetc%2Fpasswd", "/api/runs/0/scenario.yaml", "/api/runs/x/summary.csv", "/api/runs/0/../../../etc/passwd"} {
		if code, _ := get(t, base+p); code == 200 {
			t.Errorf("GET %s = 200", p)
		}
	}
}

func mustGet(t *testing.T, url string) io.Reader {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Body.Close() })
	return r.Body
}

// TestMessagesAreTheCommandLines: a control's mistake gets the message
// that connact run --set gives (scenario.LoadWithSet, as run calls it).
func TestMessagesAreTheCommandLines(t *testing.T) {
	_, base, _ := newTestServer(t, Options{})
	// The page names a file as the folder's listing does, relative to it;
	// the command line, as typed: run from the folder, they are the same.
	t.Chdir("testdata/scenarios")
	for _, set := range [][]string{
		{"population.size=-5"},
		{"population.sizee=500"},
		{"frames[0].width=wide"},
		{"population.groups[0].share=0.7"},
		{"network.model=smallworld"},
		{"steps=10", "events[0].step=50"},
	} {
		_, want := scenario.LoadWithSet("tiny.yaml", set)
		if want == nil {
			t.Fatalf("--set %q: the command line accepts it", set)
		}
		code, got := check(t, base, "tiny.yaml", set...)
		if code != 400 || !slices.Equal(got, messages(want)) {
			t.Errorf("check --set %q = %d %q, want 400 %q", set, code, got, messages(want))
		}
	}
	if code, got := check(t, base, "tiny.yaml", "frames[0].width=0.5"); code != 200 {
		t.Errorf("a valid override: %d %q", code, got)
	}
}

func TestCaps(t *testing.T) {
	s, base, _ := newTestServer(t, Options{MaxAgents: 1000, MaxRuns: 10, MaxSteps: 50, MaxConcurrent: 1})
	for _, c := range []struct{ set, want string }{
		{"population.size=1001", "above the explorer's cap of 1000 agents"},
		{"replicates=6", "12 runs (conditions × replicates) is above the explorer's cap of 10"},
		{"steps=51", "51 steps is above the explorer's cap of 50"},
	} {
		code, msgs := check(t, base, "tiny.yaml", c.set)
		if code != http.StatusRequestEntityTooLarge || len(msgs) != 1 || !strings.Contains(msgs[0], c.want) {
			t.Errorf("--set %s: %d %q, want 413 %q", c.set, code, msgs, c.want)
		}
	}
	if code, msgs := check(t, base, "tiny.yaml", "population.size=1000"); code != 200 {
		t.Errorf("at the cap: %d %q", code, msgs)
	}
	s.slots <- struct{}{} // one run going: the cap
	ev := readEvents(t, mustGet(t, runURL(base, "tiny.yaml")), nil)
	<-s.slots
	if len(ev) != 1 || ev[0].name != "problem" || !strings.Contains(ev[0].data, "1 runs are already going") {
		t.Errorf("a run over the concurrency cap: %v", ev)
	}
}

// TestRunStreams runs the tiny scenario with an override through the
// stream and checks each kind of event, then that the downloaded
// scenario.yaml, run as connact run runs a file (LoadWithSet, OpenStudy,
// WriteRun), gives byte-identical CSV files.
func TestRunStreams(t *testing.T) {
	_, base, _ := newTestServer(t, Options{})
	evs := readEvents(t, mustGet(t, runURL(base, "tiny.yaml", "frames[0].width=0.5", "seed=11")), nil)
	by := map[string][]sse{}
	for _, e := range evs {
		by[e.name] = append(by[e.name], e)
	}
	if len(by["problem"]) > 0 {
		t.Fatalf("problem: %s", by["problem"][0].data)
	}
	var start runStart
	json.Unmarshal([]byte(by["start"][0].data), &start)
	if !slices.Equal(start.Conditions, []string{"collective", "connective"}) || !start.Network || start.Agents != 300 || start.Steps != 12 {
		t.Errorf("start = %+v", start)
	}
	var lay Layout
	json.Unmarshal([]byte(by["network"][0].data), &lay)
	if len(lay.X) != 300 || len(lay.Edges)%2 != 0 || len(lay.Edges) == 0 {
		t.Errorf("network: %d nodes, %d edge ends", len(lay.X), len(lay.Edges))
	}
	if n := len(by["step"]); n != 2*13 {
		t.Errorf("%d step events, want 2 conditions × 13 steps", n)
	}
	var last stepEvent
	json.Unmarshal([]byte(by["step"][len(by["step"])-1].data), &last)
	if last.Condition != 1 || last.Step != 12 || len(last.States) != 300 || strings.Trim(last.States, "012345") != "" {
		t.Errorf("last step event: c %d t %d, %d states", last.Condition, last.Step, len(last.States))
	}
	if n := len(by["progress"]); n != 6 {
		t.Errorf("%d progress events, want 6 runs", n)
	}
	var bands []band
	json.Unmarshal([]byte(by["bands"][0].data), &bands)
	if len(bands) != 2 || len(bands[0].Mean) != 13 {
		t.Errorf("bands: %+v", bands)
	}
	var d done
	if err := json.Unmarshal([]byte(by["done"][0].data), &d); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"scenario.yaml", "summary.csv", "timeseries.csv", "aggregate.csv", "participation.svg", "participation.png"} {
		if !slices.Contains(d.Files, f) {
			t.Errorf("files %q lack %s", d.Files, f)
		}
	}
	download := func(f string) []byte {
		code, body := get(t, base+"/api/runs/"+strconv.Itoa(d.ID)+"/"+f)
		if code != 200 {
			t.Fatalf("GET %s: %d %s", f, code, body)
		}
		return []byte(body)
	}
	yml := download("scenario.yaml")
	if !bytes.Contains(yml, []byte("width: 0.5")) || !bytes.Contains(yml, []byte("seed: 11")) {
		t.Errorf("scenario.yaml lacks the overrides:\n%s", yml)
	}
	if svg := download("participation.svg"); !bytes.HasPrefix(bytes.TrimSpace(svg), []byte("<?xml")) && !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("participation.svg is not SVG")
	}
	if png := download("participation.png"); !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("participation.png is not PNG")
	}

	// connact run on the downloaded file.
	tmp := t.TempDir()
	file := filepath.Join(tmp, "downloaded.yaml")
	os.WriteFile(file, yml, 0o644)
	l, err := scenario.LoadWithSet(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.OpenStudy(l, false)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "run")
	if _, err := output.WriteRun(context.Background(), st, output.RunOptions{Dir: out, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"summary.csv", "timeseries.csv", "aggregate.csv", "groups.csv", "scenario.yaml"} {
		want, _ := os.ReadFile(filepath.Join(out, f))
		if got := download(f); !bytes.Equal(got, want) {
			t.Errorf("%s differs from connact run's on the downloaded scenario.yaml", f)
		}
	}
}

// TestRunCancelledWhenStreamCloses starts a long run (200 replicates of
// 1,000 steps of 20,000 agents: minutes on one core), closes the stream,
// while replicate 0 streams its steps and while the replicates run, and
// checks that the run stops (its slot is freed, long before it could
// have finished) and leaves nothing behind.
func TestRunCancelledWhenStreamCloses(t *testing.T) {
	for _, phase := range []string{"step", "progress"} {
		s, base, _ := newTestServer(t, Options{Workers: 1})
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", runURL(base, "more/long.yaml"), nil)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		readEvents(t, r.Body, func(e sse) bool {
			if e.name == "problem" {
				t.Fatalf("problem: %s", e.data)
			}
			if e.name == phase {
				seen++
			}
			return seen == 2
		})
		cancel()
		r.Body.Close()
		deadline := time.Now().Add(10 * time.Second)
		for len(s.slots) > 0 {
			if time.Now().After(deadline) {
				t.Fatalf("closed at a %s event: the run still holds its slot 10 s later", phase)
			}
			time.Sleep(20 * time.Millisecond)
		}
		s.mu.Lock()
		kept := len(s.runs)
		s.mu.Unlock()
		if kept != 0 {
			t.Errorf("closed at a %s event: %d runs kept", phase, kept)
		}
		if ents, _ := os.ReadDir(s.tmp); len(ents) != 0 {
			t.Errorf("closed at a %s event: %d entries left in the runs folder", phase, len(ents))
		}
	}
}

func TestLayoutDeterministic(t *testing.T) {
	l, err := scenario.LoadWithSet("testdata/scenarios/tiny.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := runner.OpenStudy(l, false)
	if err != nil {
		t.Fatal(err)
	}
	m1, _, _ := st.Model(0)
	m2, _, _ := st.Model(0)
	a, b := layoutOf(m1, 3), layoutOf(m2, 3)
	if !reflect.DeepEqual(a, b) {
		t.Error("two layouts of the same network and seed differ")
	}
	for i := range a.X {
		if a.X[i] < 20 || a.X[i] > 980 || a.Y[i] < 20 || a.Y[i] > 980 {
			t.Fatalf("node %d at (%d, %d), outside [20, 980]²", i, a.X[i], a.Y[i])
		}
	}
	if c := layoutOf(m1, 4); reflect.DeepEqual(a.X, c.X) {
		t.Error("another seed gives the same layout")
	}
}

func TestPageIsEmbedded(t *testing.T) {
	_, base, _ := newTestServer(t, Options{})
	r, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || !strings.Contains(string(b), `<script src="app.js"`) {
		t.Errorf("GET / = %d %s", r.StatusCode, b)
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for _, f := range []string{"/app.js", "/style.css"} {
		if code, body := get(t, base+f); code != 200 || strings.Contains(body, "http://") && f == "/style.css" {
			t.Errorf("GET %s = %d", f, code)
		}
	}
	// Nothing is fetched from elsewhere: no URL in the assets but SVG's
	// namespace.
	for _, f := range []string{"index.html", "app.js", "style.css"} {
		b, _ := static.ReadFile("static/" + f)
		s := strings.ReplaceAll(string(b), "http://www.w3.org/2000/svg", "")
		if strings.Contains(s, "http://") || strings.Contains(s, "https://") {
			t.Errorf("%s names a URL elsewhere", f)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1": true, "127.0.0.2": true, "::1": true, "localhost": true,
		"": false, "0.0.0.0": false, "::": false, "192.168.1.4": false, "example.org": false, "localhost.example.org": false} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestOtherSitesRefused: a request that a browser marks as sent by another
// site's page, or (listening on loopback) one for a host name that is not
// loopback (DNS rebinding), is refused; the page's own requests are not.
func TestOtherSitesRefused(t *testing.T) {
	_, base, _ := newTestServer(t, Options{LoopbackHost: true})
	for _, c := range []struct {
		host, site string
		want       int
	}{
		{"", "same-origin", 200},
		{"", "none", 200},
		{"", "", 200},
		{"localhost:8080", "", 200},
		{"[::1]:8080", "", 200},
		{"", "cross-site", http.StatusForbidden},
		{"attacker.example:8080", "same-origin", http.StatusMisdirectedRequest},
		{"10.0.0.1", "", http.StatusMisdirectedRequest},
	} {
		req, _ := http.NewRequest("GET", base+"/api/scenarios", nil)
		if c.host != "" {
			req.Host = c.host
		}
		if c.site != "" {
			req.Header.Set("Sec-Fetch-Site", c.site)
		}
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != c.want {
			t.Errorf("Host %q, Sec-Fetch-Site %q: %d, want %d", c.host, c.site, r.StatusCode, c.want)
		}
	}
}

// TestShippedScenarios: every scenario under scenarios/ is listed and
// shown with its controls, and sending each control back unchanged as an
// override is accepted (the controls name valid --set paths with values
// the scenario package reads back as they were).
func TestShippedScenarios(t *testing.T) {
	s, err := New(Options{Dir: "../../scenarios", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	names, err := s.listScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 10 || !slices.Contains(names, "comparison.yaml") || !slices.Contains(names, "sweeps/olson-cost-incentive.yaml") {
		t.Fatalf("listed %q", names)
	}
	for _, name := range names {
		l, err := s.load(name, nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var set []string
		for _, c := range controls(l) {
			set = append(set, c.Path+"="+c.Value)
		}
		again, err := s.load(name, set)
		if err != nil {
			t.Errorf("%s: its controls sent back unchanged: %v", name, err)
			continue
		}
		if again.Hash() != l.Hash() {
			t.Errorf("%s: its controls sent back unchanged change the scenario", name)
		}
	}
}
