package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser tests: the explorer in headless Chromium (Debian's chromium,
// installed by .ci/run), driven with chromedp. They skip when no Chromium
// is found, and with -short.

func chromiumPath() string {
	if p := os.Getenv("KG_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// outputDir is where screenshots go: $TEST_OUTPUT/web when set, else the
// test's artifact directory (kept with go test -artifacts).
func outputDir(t *testing.T) string {
	if d := os.Getenv("TEST_OUTPUT"); d != "" {
		d = filepath.Join(d, "web")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.ArtifactDir()
}

// browser is a headless Chromium tab that records what went wrong on the
// page and every request it made.
type browser struct {
	ctx      context.Context
	dataDir  string
	mu       sync.Mutex
	problems []string
	requests []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium found (apt-get install chromium, or set KG_CHROMIUM)")
	}
	dataDir := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b := &browser{ctx: ctx, dataDir: dataDir}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium (%s): %v", path, err)
	}
	for _, cmd := range []cdp.Command[cdp.Empty, cdp.Empty]{cdplog.Enable, runtime.Enable} {
		if _, err := chromedp.Call(ctx, cmd, cdp.Empty{}); err != nil {
			t.Fatalf("enable %s: %v", cmd.Method, err)
		}
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable network: %v", err)
	}
	note := func(list *[]string, s string) {
		b.mu.Lock()
		*list = append(*list, s)
		b.mu.Unlock()
	}
	go func() {
		for e, err := range chromedp.Events(ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			note(&b.problems, "exception: "+msg)
		}
	}()
	go func() {
		for e, err := range chromedp.Events(ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, a.Description+fmt.Sprint(a.Value))
				}
				note(&b.problems, "console: "+strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for e, err := range chromedp.Events(ctx, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if e.Entry != nil && (e.Entry.Level == cdplog.EntryLevelError || e.Entry.Source == cdplog.EntrySourceSecurity) {
				note(&b.problems, "log: "+e.Entry.Text)
			}
		}
	}()
	go func() {
		for e, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			if e.Request != nil {
				note(&b.requests, e.Request.URL)
			}
		}
	}()
	return b
}

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\npage problems: %v", what, err, b.problemList())
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into a T.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v\npage problems: %v", expr, err, b.problemList())
	}
	return v
}

func (b *browser) text(t *testing.T, css string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

// cpu is the processor time used so far by the browser's processes (all
// of them: browser, renderer, GPU), read from /proc; 0 where there is none.
func (b *browser) cpu() time.Duration {
	dirs, _ := os.ReadDir("/proc")
	var ticks int64
	for _, d := range dirs {
		if d.Name()[0] < '0' || d.Name()[0] > '9' {
			continue
		}
		cmd, err := os.ReadFile("/proc/" + d.Name() + "/cmdline")
		if err != nil || !strings.Contains(string(cmd), b.dataDir) {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command name in parentheses: utime is the
		// 14th field of the line, stime the 15th.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 13 {
			u, _ := strconv.ParseInt(f[11], 10, 64)
			s, _ := strconv.ParseInt(f[12], 10, 64)
			ticks += u + s
		}
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}

func (b *browser) problemList() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// check fails the test for any error the page logged (a CSP violation
// among them) and any request to another origin.
func (b *browser) check(t *testing.T, origin string) {
	t.Helper()
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	for _, p := range b.problemList() {
		t.Errorf("page: %s", p)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) == 0 {
		t.Error("no request seen: the network listener is not working")
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			t.Errorf("the page requested %s: every asset must come from kg", u)
		}
	}
}

func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// poll waits for a JavaScript condition.
func poll(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
}

// drag presses the mouse at (x1, y), moves it to (x2, y) and releases it.
func drag(x1, x2, y float64) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for i := 1; i <= 5; i++ {
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x1+(x2-x1)*float64(i)/5, y, chromedp.ButtonLeft, buttons(1)))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x2, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	return chromedp.Steps(steps...)
}

func buttons(n int64) chromedp.MouseOption {
	return func(p *input.DispatchMouseEventParams) { p.Buttons = n }
}

func TestBrowserExplorer(t *testing.T) {
	db, _ := stores(t)
	b := newBrowser(t)
	_, hs := newTestServer(t, db, Options{})
	out := outputDir(t)

	// Load the page and search for an entity with the suggestions.
	b.do(t, "load and search",
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready]`)),
		chromedp.SendKeys(chromedp.ID("search"), "Puti"),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li[role=option]`)),
	)
	if first := b.text(t, `#suggestions li[role=option] .name`); first != "Vladimir Putin" {
		t.Fatalf("first suggestion for Puti: %q", first)
	}
	b.screenshot(t, out, "1-suggestions")

	// Choose it: its neighbourhood is drawn and its panel shown.
	b.do(t, "draw the network",
		chromedp.Click(chromedp.CSS(`#suggestions li[role=option]`)),
		poll(`window.kg.renders >= 1`),
		chromedp.WaitVisible(chromedp.CSS(`#panel-content[data-kind=entity] h2`)),
	)
	if nodes := eval[int](t, b, `kg.shown()`); nodes < 10 {
		t.Errorf("%d nodes drawn for Putin's neighbourhood, want at least 10", nodes)
	} else {
		t.Logf("%d nodes drawn for Putin's neighbourhood", nodes)
	}
	if name := b.text(t, `#panel-content h2`); name != "Vladimir Putin" {
		t.Errorf("panel shows %q after choosing Vladimir Putin", name)
	}
	b.screenshot(t, out, "2-network")

	// Click the node standing furthest from the others: its panel opens.
	type target struct {
		ID, Name, Type string
		X, Y           float64
	}
	tg := eval[target](t, b, `(() => {
		const r = document.getElementById('cy').getBoundingClientRect();
		let best = null, bestD = -1;
		kg.cy.nodes().not('.hidden').forEach((n) => {
			if (n.data('center')) return;
			const p = n.renderedPosition();
			if (p.x < 20 || p.y < 20 || p.x > r.width - 20 || p.y > r.height - 20) return;
			let d = Infinity;
			kg.cy.nodes().not('.hidden').forEach((m) => { if (m !== n) { const q = m.renderedPosition(); d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y)); } });
			if (d > bestD) { bestD = d; best = n; }
		});
		const p = best.renderedPosition();
		return { ID: best.id(), Name: best.data('name'), Type: best.data('type'), X: r.left + p.x, Y: r.top + p.y };
	})()`)
	kind := "entity"
	if tg.Type == "event" {
		kind = "event"
	}
	b.do(t, "click "+tg.Name,
		chromedp.MouseClickXY(tg.X, tg.Y),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#panel-content[data-kind=%s][data-id="%s"] h2`, kind, tg.ID))),
	)
	if name := b.text(t, `#panel-content h2`); name != tg.Name {
		t.Errorf("clicked %q, the panel shows %q", tg.Name, name)
	}
	b.screenshot(t, out, "3-node-panel")

	// Expand it: its neighbours and the edges to them join the view (when
	// every neighbour is on view already, only edges may come), or the
	// status says there are no more.
	n0 := eval[int](t, b, `kg.cy.nodes().length`)
	e0 := eval[int](t, b, `kg.cy.edges().length`)
	b.do(t, "expand", chromedp.Click(chromedp.ID("panel-expand")), poll(`kg.expanded >= 1`))
	n1 := eval[int](t, b, `kg.cy.nodes().length`)
	e1 := eval[int](t, b, `kg.cy.edges().length`)
	status := b.text(t, "#graph-status")
	if n1 <= n0 && e1 <= e0 && !strings.Contains(status, "No more neighbours") {
		t.Errorf("expanding %s: %d nodes and %d edges before, %d and %d after, status %q", tg.Name, n0, e0, n1, e1, status)
	}
	t.Logf("expanding %s: %d nodes and %d edges, then %d and %d", tg.Name, n0, e0, n1, e1)

	// Brush the timeline's last fifth: the events outside the window go.
	before := eval[int](t, b, `kg.shown()`)
	box := eval[[]float64](t, b, `(() => { const r = document.getElementById('timeline-svg').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	b.do(t, "drag on the timeline",
		drag(box[0]+box[2]*0.8, box[0]+box[2]-10, box[1]+box[3]/2),
		poll(`kg.state.from !== ''`),
	)
	after := eval[int](t, b, `kg.shown()`)
	window := eval[string](t, b, `kg.state.from + ' to ' + kg.state.to`)
	if after >= before {
		t.Errorf("brushing the timeline (%s) left %d of %d nodes visible, want fewer; events: %s", window, after, before,
			eval[string](t, b, `JSON.stringify(kg.cy.nodes('[type = "event"]').map((n) => [n.data('date'), n.hasClass('hidden'), n.visible()]))`))
	}
	t.Logf("timeline window %s: %d of %d nodes visible", window, after, before)
	b.screenshot(t, out, "4-timeline-brushed")

	// Run a Cypher query; see it as a table, then as a graph.
	b.do(t, "run a query",
		chromedp.Click(chromedp.CSS(`.tabs button[data-tab=query]`)),
		chromedp.SetValue(chromedp.ID("query-text"), `MATCH (p:Person {name: "Vladimir Putin"})-[r:PARTICIPANT_IN]->(e:Event) RETURN p, r, e`),
		chromedp.Click(chromedp.ID("query-run")),
		chromedp.WaitVisible(chromedp.CSS(`#query-table table tbody tr`)),
	)
	rows := eval[int](t, b, `document.querySelectorAll('#query-table tbody tr').length`)
	header := b.text(t, `#query-table thead`)
	if rows == 0 || !strings.Contains(header, "p") {
		t.Errorf("query table: %d rows, header %q", rows, header)
	}
	b.screenshot(t, out, "5-query-table")
	b.do(t, "query as a graph",
		chromedp.Click(chromedp.CSS(`input[name=query-as][value=graph]`)),
		chromedp.WaitVisible(chromedp.CSS(`#query-cy canvas`)),
		poll(`kg.queryCy && kg.queryCy.nodes().length > 0`),
	)
	if n := eval[int](t, b, `kg.queryCy.nodes().length`); n < 2 {
		t.Errorf("the query's graph has %d nodes", n)
	}
	b.screenshot(t, out, "6-query-graph")

	// Export the view: the PNG is drawn in the page, DOT and JSON come
	// from the server; none of it may fail.
	if n := eval[int](t, b, `kg.cy.png({output: 'base64', full: true}).length`); n < 1000 {
		t.Errorf("PNG export of %d bytes", n)
	}
	b.do(t, "export",
		chromedp.Click(chromedp.CSS(`.tabs button[data-tab=graph]`)),
		chromedp.Click(chromedp.ID("export-png")),
		chromedp.Click(chromedp.ID("export-dot")),
		chromedp.Click(chromedp.ID("export-json")),
		chromedp.Sleep(500*time.Millisecond),
	)
	if shown := eval[bool](t, b, `!document.getElementById('banner').hidden`); shown {
		t.Errorf("export: %s", b.text(t, "#banner"))
	}
	b.check(t, hs.URL)
}

// An article with a script payload is shown as text: no script runs.
func TestBrowserScriptPayload(t *testing.T) {
	db, _ := stores(t)
	b := newBrowser(t)
	_, hs := newTestServer(t, db, Options{})
	out := outputDir(t)
	b.do(t, "load", chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready]`)))
	putin := eval[string](t, b, `fetch('/api/search?q=Vladimir%20Putin').then(r => r.json()).then(j => j.results[0].id)`)
	b.do(t, "open Putin",
		chromedp.Navigate(hs.URL+"/#entity="+putin),
		poll(`window.kg && window.kg.renders >= 1`),
		chromedp.WaitVisible(chromedp.CSS(`#panel-content[data-kind=entity] .evidence`)),
	)
	doc := eval[string](t, b, `(() => { for (const li of document.querySelectorAll('#panel-content .evidence li')) { if (li.textContent.includes('<script>')) return new URLSearchParams(li.querySelector('a').hash.slice(1)).get('doc'); } return ''; })()`)
	if doc == "" {
		t.Fatal("the evidence panel shows no sentence of the script payload article as text")
	}
	b.screenshot(t, out, "xss-evidence")
	b.do(t, "open the article",
		chromedp.Click(chromedp.CSS(`#panel-content .evidence a[href*="`+doc+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel-content[data-kind=document] .doc-text`)),
		chromedp.Sleep(300*time.Millisecond),
	)
	b.screenshot(t, out, "xss-document")
	text := eval[string](t, b, `document.getElementById('panel-content').textContent`)
	for _, want := range []string{`<script>window.pwned=1</script>`, `<img src=x onerror="window.pwned=2">`, `<img src=x onerror="window.pwned=3"> Kremlin notes`} {
		if !strings.Contains(text, want) {
			t.Errorf("the document panel does not show %q as text", want)
		}
	}
	if pwned := eval[string](t, b, `typeof window.pwned`); pwned != "undefined" {
		t.Errorf("the payload ran: window.pwned is %s", pwned)
	}
	if n := eval[int](t, b, `document.querySelectorAll('#panel-content img, #panel-content script, #panel-content b').length`); n != 0 {
		t.Errorf("%d elements made from the article's markup", n)
	}
	b.check(t, hs.URL)
}

// The time from asking for a 500-node neighbourhood to its first drawing
// (request, JSON, layout and paint). KG_WEB_RENDER_DB and
// KG_WEB_RENDER_CENTER measure another store (Reuters-21578, say).
func TestBrowserFirstRender(t *testing.T) {
	_, large := stores(t)
	db := large
	if env := os.Getenv("KG_WEB_RENDER_DB"); env != "" {
		db = env
	}
	center := os.Getenv("KG_WEB_RENDER_CENTER")
	if center == "" {
		center = "Alpha Center"
	}
	b := newBrowser(t)
	_, hs := newTestServer(t, db, Options{})
	out := outputDir(t)
	b.do(t, "load",
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready]`)),
		chromedp.SetValue(chromedp.ID("limit"), "500"),
	)
	id := eval[string](t, b, `fetch('/api/search?q='+encodeURIComponent(`+jsString(center)+`)).then(r => r.json()).then(j => j.results[0].id)`)
	type render struct {
		Nodes, Edges                  int
		MS, Fetch, Add, Layout, Paint float64
	}
	var best, worst float64
	var n int
	const runs = 3
	for i := 0; i < runs; i++ {
		cpu0 := b.cpu()
		b.do(t, "render",
			chromedp.Evaluate[chromedp.Void](`kg.renders = 0; kg.load(`+jsString(id)+`); 1`),
			poll(`kg.renders >= 1`),
		)
		cpu := b.cpu() - cpu0
		r := eval[render](t, b, `(({nodes, edges, ms, fetch, add, layout, paint}) => ({Nodes: nodes, Edges: edges, MS: ms, Fetch: fetch, Add: add, Layout: layout, Paint: paint}))(kg.lastRender)`)
		if i == 0 {
			best, worst = r.MS, r.MS
		}
		best, worst, n = min(best, r.MS), max(worst, r.MS), r.Nodes
		t.Logf("render %d of %s's neighbourhood: %d nodes, %d edges in %.0f ms (request %.0f, add %.0f, layout %.0f, paint %.0f); browser CPU %s",
			i+1, center, r.Nodes, r.Edges, r.MS, r.Fetch, r.Add, r.Layout, r.Paint, cpu)
	}
	b.screenshot(t, out, "500-nodes")
	if n < 450 {
		t.Errorf("%d nodes drawn, want about 500", n)
	}
	if best > 1000 {
		// A machine whose processors are shared out many times over
		// stretches every wall-clock figure: say so rather than fail.
		if load, ok := loadAverage(); ok && load > float64(goruntime.NumCPU()) {
			t.Logf("first render of %d nodes took %.0f ms at best, over 1 s; not failing: the load average is %.1f on %d processors", n, best, load, goruntime.NumCPU())
		} else {
			t.Errorf("first render of %d nodes took %.0f ms at best, want under 1 s", n, best)
		}
	}
	t.Logf("first render of %d nodes: best %.0f ms, worst %.0f ms of %d", n, best, worst, runs)
	b.check(t, hs.URL)
}

// loadAverage is the one-minute load average, where /proc tells it.
func loadAverage() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return v, err == nil
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
