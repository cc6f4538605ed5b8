package sweep

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress reports a sweep's progress on stderr: on a terminal a bar
// redrawn in place at most ten times a second (runs done, rate, ETA); in a
// batch job, where stderr is a log file, one plain line every interval.
// Progress never writes to stdout.
type Progress struct {
	w        io.Writer
	terminal bool
	interval time.Duration
	start    time.Time
	first    int // runs done when this session started (resume)
	last     time.Time
	mu       sync.Mutex
	drawn    bool
}

// NewProgress reports to w; terminal chooses the bar.
func NewProgress(w io.Writer, terminal bool) *Progress {
	iv := 5 * time.Second
	if terminal {
		iv = 100 * time.Millisecond
	}
	return &Progress{w: w, terminal: terminal, interval: iv, first: -1}
}

// Update is called after each run (Options.Progress).
func (p *Progress) Update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if p.first < 0 {
		p.first, p.start, p.last = done-1, now, now
	}
	if done < total && now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	p.print(done, total, now)
}

func (p *Progress) print(done, total int, now time.Time) {
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(done-p.first) / el
	}
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	pct := 100 * float64(done) / float64(max(total, 1))
	if !p.terminal {
		fmt.Fprintf(p.w, "connact: %d/%d runs (%.1f%%), %.3g runs/s, ETA %s\n", done, total, pct, rate, eta)
		return
	}
	const width = 30
	fill := int(width * float64(done) / float64(max(total, 1)))
	bar := strings.Repeat("#", fill) + strings.Repeat(".", width-fill)
	fmt.Fprintf(p.w, "\r[%s] %d/%d runs %5.1f%%  %.3g runs/s  ETA %-8s", bar, done, total, pct, rate, eta)
	p.drawn = true
}

// Done ends the bar's line.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal && p.drawn {
		fmt.Fprintln(p.w)
	}
}
