package main

import (
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The manual, doc.go, is hand-written prose around lists that the commands
// themselves define: the list of commands (their Short), each command's
// synopsis (its UsageLine) and each command's flags (its flag set, as
// connact help COMMAND prints them). TestManualUpToDate checks that those
// lists are what the commands say, naming every flag missing, extra or
// described differently; go generate rewrites them, as cmd/go's
// TestDocsUpToDate -fixdocs does for its alldocs.go.
var fixDoc = flag.Bool("fixdoc", false, "rewrite the generated lists of doc.go instead of checking them")

// TestManualUpToDate: doc.go's list of commands, synopses and flag lists
// are exactly what the commands define.
func TestManualUpToDate(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	want, problems, err := renderManual(string(src))
	if err != nil {
		t.Fatal(err)
	}
	if want == string(src) {
		return
	}
	if *fixDoc {
		if err := os.WriteFile("doc.go", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote doc.go")
		return
	}
	for _, p := range problems {
		t.Errorf("doc.go: %s", p)
	}
	t.Errorf("doc.go differs from the commands' definitions (run go generate ./cmd/connact):\n%s", lineDiff(string(src), want))
}

// renderManual returns src, the text of doc.go, with its generated lists
// made from the commands, and what differed, in words.
func renderManual(src string) (string, []string, error) {
	lines := strings.Split(src, "\n")
	var out, problems []string
	seen := map[string]bool{}
	for i := 0; i < len(lines); {
		l := lines[i]
		c := commandNamed(strings.TrimPrefix(l, "# "))
		switch {
		case l == "The commands are:":
			if i+1 >= len(lines) || lines[i+1] != "" {
				return "", nil, fmt.Errorf("doc.go:%d: a blank line must follow %q", i+1, l)
			}
			end := blockEnd(lines, i+2)
			list := commandList()
			if !slices.Equal(lines[i+2:end], list) {
				problems = append(problems, "the list of commands is not their names and Short descriptions")
			}
			out = append(append(out, l, ""), list...)
			i = end
		case strings.HasPrefix(l, "# ") && c != nil:
			end := sectionEnd(lines, i+1)
			sec, p, err := renderSection(c, lines[i+1:end])
			if err != nil {
				return "", nil, fmt.Errorf("doc.go:%d: %v", i+1, err)
			}
			seen[c.Name] = true
			problems = append(problems, p...)
			out = append(append(out, l), sec...)
			i = end
		default:
			out = append(out, l)
			i++
		}
	}
	for _, c := range commands {
		if !seen[c.Name] {
			return "", nil, fmt.Errorf("doc.go has no section # %s", c.Name)
		}
	}
	formatted, err := format.Source([]byte(strings.Join(out, "\n")))
	if err != nil {
		return "", nil, err
	}
	return string(formatted), problems, nil
}

// commandNamed returns the command called name, or nil.
func commandNamed(name string) *command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// blockEnd returns the index of the first line at or after i that is not
// part of an indented (preformatted) block.
func blockEnd(lines []string, i int) int {
	for i < len(lines) && strings.HasPrefix(lines[i], "\t") {
		i++
	}
	return i
}

// sectionEnd returns the index of the line that ends the section whose
// body starts at i: the next heading, or the end of the comment.
func sectionEnd(lines []string, i int) int {
	for i < len(lines) && !strings.HasPrefix(lines[i], "# ") && lines[i] != "*/" {
		i++
	}
	return i
}

// commandList is the manual's list of commands: what printUsage prints,
// indented as a doc comment's preformatted block.
func commandList() []string {
	var l []string
	for _, c := range commands {
		l = append(l, fmt.Sprintf("\t%-9s %s", c.Name, c.Short))
	}
	return l
}

// renderSection returns the body of c's section of the manual, sec, with
// c's synopsis as its first block and c's flags as its last paragraph,
// "Flags:" and a block listing them, and what differed from sec.
func renderSection(c *command, sec []string) ([]string, []string, error) {
	if len(sec) < 2 || sec[0] != "" || !strings.HasPrefix(sec[1], "\tconnact ") {
		return nil, nil, fmt.Errorf("# %s must start with its synopsis, an indented block: connact %s", c.Name, c.Name)
	}
	var problems []string
	synEnd := blockEnd(sec, 1)
	synopsis := wrapSynopsis("connact "+c.UsageLine, 80)
	if !slices.Equal(sec[1:synEnd], synopsis) {
		problems = append(problems, fmt.Sprintf("# %s: the synopsis is not connact %s", c.Name, c.UsageLine))
	}
	body := sec[synEnd:]
	var old []string // the flag list in sec
	if k := slices.Index(body, "Flags:"); k >= 0 {
		end := blockEnd(body, k+2)
		for _, l := range body[end:] {
			if l != "" {
				return nil, nil, fmt.Errorf("# %s: the paragraph Flags: and its list must end the section", c.Name)
			}
		}
		old, body = body[k+2:end], body[:k]
	}
	for len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1]
	}
	flags, err := manualFlags(c)
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, flagProblems(c.Name, old, flags)...)
	out := append(append(append([]string{""}, synopsis...), body...), "")
	if len(flags) > 0 {
		out = append(append(out, "Flags:", ""), flags...)
		out = append(out, "")
	}
	return out, problems, nil
}

// wrapSynopsis breaks a usage line into lines of at most width characters
// (unless one group is longer), between its top-level words and bracketed
// groups only, the lines after the first indented by four spaces, as a
// doc comment's preformatted block.
func wrapSynopsis(s string, width int) []string {
	var words []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case ' ':
			if depth == 0 {
				words = append(words, s[start:i])
				start = i + 1
			}
		}
	}
	words = append(words, s[start:])
	var lines []string
	line := words[0]
	for _, w := range words[1:] {
		if len(line)+1+len(w) > width {
			lines = append(lines, "\t"+line)
			line = "    " + w
			continue
		}
		line += " " + w
	}
	return append(lines, "\t"+line)
}

// manualFlags is c's flag list as the manual shows it: what connact help
// c prints after "flags:" (flag.PrintDefaults), with two dashes, as the
// manual writes flags, and the one default that depends on the machine,
// --workers, in words.
func manualFlags(c *command) ([]string, error) {
	var b strings.Builder
	fs, _ := c.flagSet(&b)
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "workers" && f.DefValue == strconv.Itoa(runtime.NumCPU()) {
			f.DefValue = "the number of CPUs"
		}
	})
	fs.PrintDefaults()
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "  -") && !strings.Contains(l, "\t"):
			out = append(out, "\t-"+l[2:])
		case strings.HasPrefix(l, "    \t"):
			out = append(out, "\t    "+l[5:])
		default:
			return nil, fmt.Errorf("%s: unexpected line in flag.PrintDefaults's output: %q", c.Name, l)
		}
	}
	return out, nil
}

// manualFlag matches a flag's line of a manual flag list: its name.
var manualFlag = regexp.MustCompile(`^\t--([^ ]+)`)

// flagProblems names, in words, the flags of command name that the
// manual's list old lacks, has and the command does not, or describes
// otherwise than want.
func flagProblems(name string, old, want []string) []string {
	entries := func(l []string) (names []string, text map[string]string) {
		text = map[string]string{}
		cur := ""
		for _, s := range l {
			if m := manualFlag.FindStringSubmatch(s); m != nil {
				cur = m[1]
				names = append(names, cur)
			}
			text[cur] += s + "\n"
		}
		return names, text
	}
	oldNames, oldText := entries(old)
	wantNames, wantText := entries(want)
	var p []string
	for _, n := range wantNames {
		switch {
		case !slices.Contains(oldNames, n):
			p = append(p, fmt.Sprintf("# %s lacks the flag --%s:\n%s", name, n, wantText[n]))
		case oldText[n] != wantText[n]:
			p = append(p, fmt.Sprintf("# %s describes --%s as\n%swhere the flag set says\n%s", name, n, oldText[n], wantText[n]))
		}
	}
	for _, n := range oldNames {
		if !slices.Contains(wantNames, n) {
			p = append(p, fmt.Sprintf("# %s lists --%s, which %s does not have", name, n, name))
		}
	}
	return p
}

// lineDiff lists the lines of a missing from b (-) and of b missing from a
// (+), in order: enough to see what go generate would change.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var d strings.Builder
	for _, l := range al {
		if !slices.Contains(bl, l) {
			fmt.Fprintf(&d, "-%s\n", l)
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			fmt.Fprintf(&d, "+%s\n", l)
		}
	}
	return d.String()
}

// TestUsageLineNamesEveryFlag: each command's usage line (its synopsis in
// connact help, the manual and the README) names exactly its flags, but
// the old names kept for compatibility.
func TestUsageLineNamesEveryFlag(t *testing.T) {
	re := regexp.MustCompile(`--([a-z][a-z-]*)`)
	for _, c := range commands {
		named := map[string]bool{}
		for _, m := range re.FindAllStringSubmatch(c.UsageLine, -1) {
			named[m[1]] = true
		}
		fs, _ := c.flagSet(io.Discard)
		fs.VisitAll(func(f *flag.Flag) {
			if !named[f.Name] && !strings.HasPrefix(f.Usage, "old name of ") {
				t.Errorf("%s: the usage line does not name --%s (%s)", c.Name, f.Name, f.Usage)
			}
			delete(named, f.Name)
		})
		for n := range named {
			t.Errorf("%s: the usage line names --%s, which %s does not have", c.Name, n, c.Name)
		}
	}
}

// TestReadmeCommands: the README's table of commands gives every command's
// synopsis exactly as connact help does.
func TestReadmeCommands(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(src)
	start := strings.Index(readme, "\n## Commands\n")
	if start < 0 {
		t.Fatal("README.md has no section ## Commands")
	}
	sec := readme[start+1:]
	if end := strings.Index(sec[1:], "\n## "); end >= 0 {
		sec = sec[:end+1]
	}
	shown := map[string][]string{}
	for _, row := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(row, "| `connact ") {
			continue
		}
		cell := strings.ReplaceAll(row, `\|`, "\x00")
		cell = strings.Split(cell, "|")[1]
		for _, m := range regexp.MustCompile("`connact ([^`]*)`").FindAllStringSubmatch(cell, -1) {
			syn := strings.ReplaceAll(m[1], "\x00", "|")
			name, _, _ := strings.Cut(syn, " ")
			shown[name] = append(shown[name], syn)
		}
	}
	for _, c := range commands {
		switch got := shown[c.Name]; {
		case len(got) == 0:
			t.Errorf("README.md's table of commands lacks connact %s", c.UsageLine)
		case len(got) > 1 || got[0] != c.UsageLine:
			t.Errorf("README.md's table of commands shows %q, connact help %s says\n%q", got, c.Name, "connact "+c.UsageLine)
		}
		delete(shown, c.Name)
	}
	for name := range shown {
		t.Errorf("README.md's table of commands shows connact %s, which is no command", name)
	}
}
