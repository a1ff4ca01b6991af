// Command harness measures kg end to end on Reuters-21578: it converts the
// corpus to JSON Lines with the project's own code, runs the real binary's
// ingest into a fresh store at each scale (the corpus replicated with
// distinct copies), and reports documents, tokens and megabytes per second,
// wall and CPU time, peak RSS, store size, what was created, and the
// latency of query commands on the resulting store. It prints one table and
// writes the figures as JSON for comparison between commits.
//
//	go run ./bench/harness -kg bin/kg -scales 1,4,16 -json bench/results.json
//
// With -check FILE it compares the ×1 figures with accepted ones and exits
// non-zero when throughput falls below half or peak RSS rises above twice
// (what CI guards).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"kg/bench/reuters"
	"kg/ingest/text"
)

// Run is the measurement of one scale.
type Run struct {
	Scale     int     `json:"scale"`
	Documents int     `json:"documents"`
	Tokens    int     `json:"tokens"`
	TextMB    float64 `json:"text_mb"`
	WallS     float64 `json:"wall_s"`
	UserS     float64 `json:"user_s"`
	SysS      float64 `json:"sys_s"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	// PeakAnonMB is the largest anonymous part of the resident set seen
	// (the heap and stacks; Linux only): the rest of the peak RSS is the
	// store's files that badger maps into memory, pages the kernel may
	// take back.
	PeakAnonMB  float64            `json:"peak_anon_mb,omitempty"`
	StoreMB     float64            `json:"store_mb"`
	DocsPerS    float64            `json:"docs_per_s"`
	TokensPerS  float64            `json:"tokens_per_s"`
	MBPerS      float64            `json:"mb_per_s"`
	Entities    int                `json:"entities"`
	Events      int                `json:"events"`
	Edges       int                `json:"edges"`
	QueryMillis map[string]float64 `json:"query_ms"`
}

// Report is everything measured.
type Report struct {
	Date    string `json:"date"`
	Commit  string `json:"commit,omitempty"`
	Machine string `json:"machine"`
	Runs    []Run  `json:"runs"`
}

func main() {
	kg := flag.String("kg", "bin/kg", "the kg binary to measure")
	data := flag.String("data", "../shared/data/reuters21578", "Reuters-21578 folder")
	scalesFlag := flag.String("scales", "1", "comma-separated corpus multiples, e.g. 1,4,16")
	work := flag.String("work", "", "folder for inputs and stores (default: a temporary folder, removed at the end)")
	jsonOut := flag.String("json", "", "write the report as JSON to this file")
	check := flag.String("check", "", "compare the ×1 run with the accepted figures in this JSON file")
	flag.Parse()
	if err := run(*kg, *data, *scalesFlag, *work, *jsonOut, *check); err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

func run(kg, data, scalesFlag, work, jsonOut, check string) error {
	var scales []int
	for _, s := range strings.Split(scalesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-scales %q: want positive integers", scalesFlag)
		}
		scales = append(scales, n)
	}
	if _, err := os.Stat(kg); err != nil {
		return fmt.Errorf("kg binary %s: %w (run make build)", kg, err)
	}
	if work != "" {
		if err := os.MkdirAll(work, 0o755); err != nil {
			return fmt.Errorf("-work: %w", err)
		}
	} else {
		dir, err := os.MkdirTemp("", "kg-harness-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	articles, err := reuters.Load(data)
	if err != nil {
		return err
	}
	tokens, textBytes := 0, 0
	for _, a := range articles {
		tokens += len(text.Tokenize(a.Text))
		textBytes += len(a.Text)
	}
	fmt.Fprintf(os.Stderr, "harness: %d articles, %d tokens, %.1f MB of text\n", len(articles), tokens, float64(textBytes)/1e6)

	rep := Report{Date: time.Now().UTC().Format(time.RFC3339), Machine: machine()}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		rep.Commit = strings.TrimSpace(string(out))
	}
	for _, scale := range scales {
		input := filepath.Join(work, fmt.Sprintf("reuters-x%d.jsonl", scale))
		f, err := os.Create(input)
		if err != nil {
			return err
		}
		if _, err := reuters.WriteJSONL(f, articles, scale); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		db := filepath.Join(work, fmt.Sprintf("store-x%d", scale))
		os.RemoveAll(db)
		r := Run{Scale: scale, Documents: len(articles) * scale, Tokens: tokens * scale, TextMB: float64(textBytes*scale) / 1e6}
		fmt.Fprintf(os.Stderr, "harness: ingest ×%d (%d documents)...\n", scale, r.Documents)
		start := time.Now()
		cmd := exec.Command(kg, "--db", db, "ingest", "--quiet", input)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		err = cmd.Start()
		if err == nil {
			stop := make(chan struct{})
			peak := make(chan float64)
			go func() { peak <- watchAnon(cmd.Process.Pid, stop) }()
			err = cmd.Wait()
			close(stop)
			r.PeakAnonMB = <-peak
		}
		r.WallS = time.Since(start).Seconds()
		if err != nil {
			return fmt.Errorf("kg ingest ×%d: %v\n%s", scale, err, errb.String())
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.PeakRSSMB = float64(ru.Maxrss) / 1024
			r.UserS = time.Duration(ru.Utime.Nano()).Seconds()
			r.SysS = time.Duration(ru.Stime.Nano()).Seconds()
		}
		r.DocsPerS = float64(r.Documents) / r.WallS
		r.TokensPerS = float64(r.Tokens) / r.WallS
		r.MBPerS = r.TextMB / r.WallS
		r.StoreMB = float64(dirSize(db)) / 1e6
		var st struct {
			Entities int `json:"entities"`
			Events   int `json:"events"`
			Edges    int `json:"edges"`
		}
		out, err := exec.Command(kg, "--db", db, "stats", "--json").Output()
		if err != nil {
			return fmt.Errorf("kg stats: %w", err)
		}
		if err := json.Unmarshal(out, &st); err != nil {
			return fmt.Errorf("kg stats: %w", err)
		}
		r.Entities, r.Events, r.Edges = st.Entities, st.Events, st.Edges
		r.QueryMillis = queryLatency(kg, db)
		rep.Runs = append(rep.Runs, r)
		os.Remove(input)
	}
	printTable(&rep)
	if jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if check != "" {
		return compare(&rep, check)
	}
	return nil
}

// queryLatency times query commands on a store: the median of five runs
// of the whole command (process start, store open, answer).
func queryLatency(kg, db string) map[string]float64 {
	queries := map[string][]string{
		"entities top 20":   {"entities", "--limit", "20"},
		"show U.S.":         {"show", "U.S."},
		"events in a month": {"events", "--from", "1987-03", "--to", "1987-03", "--limit", "100"},
		"neighbors depth 1": {"neighbors", "Japan", "--depth", "1", "--limit", "200"},
		"stats":             {"stats"},
	}
	out := map[string]float64{}
	for name, args := range queries {
		var times []float64
		for range 5 {
			start := time.Now()
			cmd := exec.Command(kg, append(append([]string{"--db", db}, args...), "--json")...)
			if err := cmd.Run(); err != nil {
				break
			}
			times = append(times, float64(time.Since(start).Microseconds())/1000)
		}
		if len(times) > 0 {
			sort.Float64s(times)
			out[name] = times[len(times)/2]
		}
	}
	return out
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func machine() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	cpus, model := 0, ""
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "processor") {
				cpus++
			}
			if strings.HasPrefix(line, "model name") && model == "" {
				model = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
			}
		}
	}
	return fmt.Sprintf("%d cores, %s", cpus, model)
}

func printTable(rep *Report) {
	tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scale\tdocs\ttokens\ttext MB\twall s\tuser s\tsys s\tdocs/s\ttokens/s\tMB/s\tpeak RSS MB\tpeak anon MB\tstore MB\tentities\tevents\tedges\t")
	for _, r := range rep.Runs {
		fmt.Fprintf(tw, "×%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f\t%.2f\t%.0f\t%.0f\t%.0f\t%d\t%d\t%d\t\n",
			r.Scale, r.Documents, r.Tokens, r.TextMB, r.WallS, r.UserS, r.SysS, r.DocsPerS, r.TokensPerS, r.MBPerS, r.PeakRSSMB, r.PeakAnonMB, r.StoreMB, r.Entities, r.Events, r.Edges)
	}
	tw.Flush()
	fmt.Println()
	for _, r := range rep.Runs {
		var names []string
		for n := range r.QueryMillis {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Printf("query latency ×%d (whole command, median of 5):", r.Scale)
		for _, n := range names {
			fmt.Printf("  %s %.0f ms;", n, r.QueryMillis[n])
		}
		fmt.Println()
	}
}

// compare fails when the ×1 run falls below half the accepted throughput
// or above twice the accepted peak RSS.
func compare(rep *Report, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var acc Report
	if err := json.Unmarshal(b, &acc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var have, want *Run
	for i := range rep.Runs {
		if rep.Runs[i].Scale == 1 {
			have = &rep.Runs[i]
		}
	}
	for i := range acc.Runs {
		if acc.Runs[i].Scale == 1 {
			want = &acc.Runs[i]
		}
	}
	if have == nil || want == nil {
		return errors.New("compare: no ×1 run")
	}
	var bad []string
	if have.TokensPerS < want.TokensPerS/2 {
		bad = append(bad, fmt.Sprintf("throughput %.0f tokens/s is below half the accepted %.0f", have.TokensPerS, want.TokensPerS))
	}
	if have.PeakRSSMB > want.PeakRSSMB*2 {
		bad = append(bad, fmt.Sprintf("peak RSS %.0f MB is above twice the accepted %.0f", have.PeakRSSMB, want.PeakRSSMB))
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; "))
	}
	fmt.Printf("within bounds of %s: %.0f tokens/s (accepted %.0f), peak RSS %.0f MB (accepted %.0f)\n",
		path, have.TokensPerS, want.TokensPerS, have.PeakRSSMB, want.PeakRSSMB)
	return nil
}

// watchAnon polls the process's anonymous resident memory (RssAnon in
// /proc/PID/status) every 100 ms until stop is closed, and returns the
// largest value seen in MB (0 where /proc is not there).
func watchAnon(pid int, stop <-chan struct{}) float64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	peak := 0.0
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		if b, err := os.ReadFile(path); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
					if kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64); err == nil {
						peak = max(peak, kb/1024)
					}
				}
			}
		}
		select {
		case <-stop:
			return peak
		case <-tick.C:
		}
	}
}
