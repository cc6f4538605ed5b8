//go:build browser

package serve

// The end-to-end test in a real browser: Debian's chromium, driven by
// chromedp. It is behind the browser build tag so that the suite needs no
// browser (and the module's users no chromedp) otherwise:
//
//	go test -tags browser ./sim/serve/ -run TestBrowser
//
// CONNACT_SCREENSHOT=FILE.png saves a screenshot of the page at the end
// (results/examples/serve.png in the README); CONNACT_CHROMIUM names the
// browser (default: chromium on PATH).

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestBrowser(t *testing.T) {
	browser := os.Getenv("CONNACT_CHROMIUM")
	if browser == "" {
		var err error
		if browser, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("no chromium on PATH (apt-get install chromium, or CONNACT_CHROMIUM=path)")
		}
	}
	// The shipped scenarios, read only; runs go to a temporary folder.
	s, err := New(Options{Dir: "../../scenarios", TempDir: t.TempDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	defer func() { hs.Close(); s.Close() }()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, // CI runs as root, where chromium's sandbox refuses to start
		chromedp.WindowSize(1400, 1300),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancel()
	// The browser starts with the first action; a timeout on that
	// context would stop it, so it bounds the actions only after.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	defer cancelTime()

	// setControl types a value into the control of a --set path, as a
	// user does, so that the page marks it changed.
	setControl := func(path, value string) chromedp.Action[chromedp.Void] {
		sel := fmt.Sprintf(`input[data-path=%q]`, path)
		return chromedp.Steps(
			chromedp.WaitVisible(chromedp.CSS(sel)),
			chromedp.SetValue(chromedp.CSS(sel), value),
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("input"))`, sel)),
		)
	}
	runAndWait := chromedp.Steps(
		chromedp.Click(chromedp.CSS("#run")),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="running"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="done"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#downloads a[href$="/scenario.yaml"]`)),
	)
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
		if err != nil {
			t.Fatalf("count of %s: %v", sel, err)
		}
		return n
	}

	// A mistake first: the command line's message, shown on the page.
	err = chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/?scenario=connective.yaml"),
		setControl("population.size", "-5"),
		chromedp.Click(chromedp.CSS("#run")),
		chromedp.WaitVisible(chromedp.CSS("#errors li")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if e := text("#errors"); !strings.Contains(e, "population.size: -5 is out of range") {
		t.Errorf("errors shown: %q, want the --set message", e)
	}

	// Two runs: the second stays in full colour, the first faded, with
	// the differences listed.
	err = chromedp.Do(ctx,
		setControl("population.size", "1200"),
		setControl("replicates", "4"),
		setControl("steps", "80"),
		runAndWait,
		chromedp.Poll[chromedp.Void](`document.getElementById("netstepval").textContent === "80 of 80"`,
			chromedp.WithPollingTimeout(60*time.Second)),
		// Fewer steps in the second run: its animation must start again
		// from step 0, not from where the first one stopped.
		setControl("frames[0].width", "0.5"),
		setControl("steps", "60"),
		runAndWait,
	)
	if err != nil {
		t.Fatal(err)
	}
	// The cascade is animated step by step up to the last step.
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.getElementById("netstepval").textContent === "60 of 60"`,
		chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the network view did not reach step 60: %v (shows %q)", err, text("#netstepval"))
	}
	if n := count("#net circle"); n != 1200 {
		t.Errorf("the network view has %d agents, want 1200", n)
	}
	if n := count("#chart path.band"); n != 1 {
		t.Errorf("%d confidence bands on the chart, want 1 (one condition)", n)
	}
	if n := count("#chart path.mean"); n != 2 {
		t.Errorf("%d mean lines on the chart, want 2 (this run and the faded one)", n)
	}
	if h := text("#history"); !strings.Contains(h, "frames[0].width = 0.3 (latest: 0.5)") || !strings.Contains(h, "steps = 80 (latest: 60)") {
		t.Errorf("the runs list does not give the difference of the faded run:\n%s", h)
	}

	// Download the resolved scenario and the summary through the page's
	// links, and read the table it shows.
	fetch := func(file string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			fmt.Sprintf(`fetch(document.querySelector('#downloads a[href$="/%s"]').href).then(r => r.text())`, file),
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("download %s: %v", file, err)
		}
		return s
	}
	yml, summary, table := fetch("scenario.yaml"), fetch("summary.csv"), text("#summary")
	if !strings.Contains(yml, "size: 1200") || !strings.Contains(yml, "width: 0.5") {
		t.Errorf("the downloaded scenario.yaml lacks the changed parameters:\n%s", yml)
	}

	if shot := os.Getenv("CONNACT_SCREENSHOT"); shot != "" {
		// The network at the peak of replicate 0, mid-cascade, with
		// the step slider as a user moves it.
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
			const s = current.live[0], el = document.getElementById("netstep");
			el.value = s.indexOf(Math.max(...s));
			el.dispatchEvent(new Event("input"));
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", shot)
	}

	// connact run on the downloaded file, the built command itself.
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "connact")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/connact").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	file := filepath.Join(tmp, "connective.yaml")
	if err := os.WriteFile(file, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "run")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "run", file, "--out", out, "--workers", "1")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("connact run: %v\n%s", err, stderr.String())
	}
	want, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != summary {
		t.Errorf("connact run on the downloaded scenario.yaml gives another summary.csv")
	}
	// The page's table and connact run's printed summary: the same
	// numbers (both to 3 significant digits).
	page, cli := numbers(table), numbers(rowsOf(stdout.String(), "default")) // no conditions: one, "default"
	if len(page) == 0 || fmt.Sprint(page) != fmt.Sprint(cli) {
		t.Errorf("the page shows %v, connact run prints %v", page, cli)
	}
}

// rowsOf returns the lines of connact run's output that start with the
// condition's name.
func rowsOf(out, cond string) string {
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, cond+" ") {
			rows = append(rows, l)
		}
	}
	return strings.Join(rows, "\n")
}

// numbers returns the numbers in s, in order.
func numbers(s string) []float64 {
	var xs []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\n[],", r) }) {
		if x, err := strconv.ParseFloat(f, 64); err == nil {
			xs = append(xs, x)
		}
	}
	return xs
}
