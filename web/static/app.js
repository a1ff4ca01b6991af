// kg explorer. Everything that comes from the store (names, sentences,
// articles) is put on the page with textContent or as SVG/canvas text,
// never as markup: an article holding <script> or <img onerror=...> shows
// as those characters.
(function () {
  'use strict';

  const KINDS = ['person', 'organization', 'place', 'event'];
  const BIG = 150; // nodes: above it, cheaper drawing and a two-step layout
  const LABELS = 60; // labels drawn in a big graph
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'; // the page's
  const COLORS = { person: '#3b7dd8', organization: '#2e9e4f', place: '#e8870e', event: '#d64545', document: '#888888' };
  const SHAPES = { person: 'ellipse', organization: 'round-rectangle', place: 'round-triangle', event: 'diamond', document: 'rectangle' };

  // ---- small DOM helpers (text only) ----
  const $ = (id) => document.getElementById(id);
  function el(tag, opts, children) {
    const e = document.createElement(tag);
    if (opts) {
      if (opts.cls) e.className = opts.cls;
      if (opts.text !== undefined && opts.text !== null) e.textContent = String(opts.text);
      if (opts.title) e.title = String(opts.title);
      if (opts.attrs) for (const k in opts.attrs) e.setAttribute(k, String(opts.attrs[k]));
      if (opts.onclick) e.addEventListener('click', opts.onclick);
    }
    for (const c of children || []) if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    return e;
  }
  const SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs || {}) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function badge(kind) { return el('span', { cls: 'badge ' + kind, text: kind }); }
  function shorten(s, n) { s = String(s || ''); return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // ---- API ----
  class APIError extends Error {
    constructor(status, code, msg) { super(msg); this.status = status; this.code = code; }
  }
  async function api(path, body, asFile) {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    let resp;
    try {
      resp = await fetch(path, init);
    } catch (e) {
      throw new APIError(0, 'network', 'kg serve does not answer: is it still running?');
    }
    const ct = resp.headers.get('Content-Type') || '';
    if (!resp.ok) {
      let msg = resp.status + ' ' + resp.statusText, code = 'http';
      if (ct.startsWith('application/json')) {
        const j = await resp.json();
        msg = j.error || msg; code = j.code || code;
      }
      throw new APIError(resp.status, code, msg);
    }
    if (asFile || !ct.startsWith('application/json')) return resp.blob();
    return resp.json();
  }
  function showError(e) {
    const b = $('banner');
    b.textContent = e.code === 'store_busy' ? 'The store is being written by kg ingest; the explorer reads it again when that finishes. (' + e.message + ')' : e.message;
    b.className = e.code === 'store_busy' ? '' : 'error';
    b.hidden = false;
  }
  function clearError() { $('banner').hidden = true; }
  function q(params) {
    const u = new URLSearchParams();
    for (const k in params) if (params[k] !== undefined && params[k] !== null && params[k] !== '') u.set(k, params[k]);
    const s = u.toString();
    return s ? '?' + s : '';
  }

  // ---- state ----
  const state = {
    center: null,
    kinds: new Set(KINDS),
    from: '', to: '',
    panelNode: null,
  };
  const kg = window.kg = { state, lastRender: null, renders: 0, ready: false };

  // ---- Cytoscape ----
  function nodeSize(w, big) {
    return big ? Math.min(28, 8 + 3 * Math.log2(1 + (w || 0))) : Math.min(60, 12 + 6 * Math.log2(1 + (w || 0)));
  }
  // The style reads data fields and kind selectors only: function mappers
  // are evaluated element by element and slow big graphs down.
  function cyStyle() {
    const st = [
      { selector: 'node', style: {
        'background-color': COLORS.document, 'shape': 'rectangle',
        'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(label)', 'font-size': 10, 'color': '#1f2328', 'font-family': FONT,
        'text-valign': 'bottom', 'text-margin-y': 2, 'min-zoomed-font-size': 8,
        'text-outline-color': '#fff', 'text-outline-width': 2,
        'border-width': 1, 'border-color': '#fff',
      } },
    ];
    for (const k of KINDS) st.push({ selector: 'node[type = "' + k + '"]', style: { 'background-color': COLORS[k], 'shape': SHAPES[k] } });
    st.push(
      { selector: 'node[?center]', style: { 'border-width': 4, 'border-color': '#1f2328', 'font-weight': 'bold', 'font-size': 12 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f5c518', 'label': 'data(short)', 'z-index': 10 } },
      { selector: 'node.hover', style: { 'label': 'data(short)', 'z-index': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
      { selector: 'edge', style: { 'width': 'data(w)', 'line-color': '#c3c8d0', 'curve-style': 'haystack', 'opacity': 0.8 } },
      { selector: 'edge[type = "PARTICIPANT_IN"]', style: { 'line-color': '#eba3a3', 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#eba3a3', 'arrow-scale': 0.7 } },
      { selector: 'edge[type = "OCCURRED_IN"]', style: { 'line-color': '#f0c48a', 'line-style': 'dashed', 'curve-style': 'straight' } },
      { selector: 'edge[type = "RELATED_TO"]', style: { 'line-color': '#555', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#555', 'label': 'data(qualifier)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
      { selector: 'edge:selected', style: { 'line-color': '#f5c518', 'target-arrow-color': '#f5c518', 'width': 4 } },
      { selector: '.hidden', style: { 'display': 'none' } },
    );
    return st;
  }
  function makeCy(container) {
    return cytoscape({
      container, style: cyStyle(), elements: [],
      minZoom: 0.05, maxZoom: 4,
      boxSelectionEnabled: false, pixelRatio: 1,
      textureOnViewport: true, hideEdgesOnViewport: true,
    });
  }
  // toElements turns an API graph into Cytoscape elements. In a big graph
  // only the most important nodes carry a label; the others show theirs
  // when pointed at or selected.
  function toElements(g, center) {
    const els = [];
    let labelled = null;
    if (g.nodes.length > BIG) {
      labelled = new Set(g.nodes.slice().sort((a, b) => (b.weight || 0) - (a.weight || 0)).slice(0, LABELS).map((n) => n.id));
    }
    for (const n of g.nodes) {
      const name = shorten(n.name, 40);
      els.push({ group: 'nodes', data: {
        id: n.id, label: !labelled || labelled.has(n.id) || n.id === center ? name : '', name: n.name, short: name, type: n.type, weight: n.weight,
        size: nodeSize(n.weight, !!labelled), date: n.date || '', eventType: n.event_type || '', center: n.id === center, depth: n.depth || 0,
      } });
    }
    for (const e of g.edges) {
      els.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, qualifier: e.qualifier || '', weight: e.weight, w: Math.min(8, 1 + Math.log2(1 + (e.weight || 1))) } });
    }
    return els;
  }
  function layoutOptions(n, incremental) {
    // fcose: a spectral start, then force-directed refinement ("default");
    // an incremental run keeps the positions and refines them.
    return {
      name: 'fcose', quality: 'default', randomize: !incremental,
      animate: incremental, animationDuration: 400, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: false, packComponents: true,
      nodeRepulsion: () => 40000, idealEdgeLength: () => 110, edgeElasticity: () => 0.25,
      numIter: 2500, tile: true,
    };
  }
  // shown is what the filters leave: the nodes not hidden and the edges
  // between them (read from the classes, not from computed styles).
  function shown(cy) {
    const nodes = cy.nodes().not('.hidden');
    return nodes.union(nodes.edgesWith(nodes));
  }
  kg.shown = () => shown(cy).nodes().length;
  function run(layout) {
    return new Promise((resolve) => { layout.one('layoutstop', () => resolve()); layout.run(); });
  }
  // runLayout lays the visible graph out: fcose (force-directed) for a
  // graph of up to BIG nodes; a bigger one is drawn at once around its
  // center, the most important neighbours nearest (the Layout button runs
  // fcose on it when asked: that takes seconds).
  function runLayout(cy, incremental, force) {
    const els = shown(cy);
    const n = els.nodes().length;
    if (n === 0) return Promise.resolve();
    setBig(cy, n > BIG);
    if (n <= BIG || force) return run(els.layout(layoutOptions(n, incremental)));
    if (incremental) return Promise.resolve();
    // A sunflower: node i at radius c*sqrt(i), turned by the golden angle,
    // the center first, then by depth and importance; it fills a disc
    // evenly, the most mentioned neighbours nearest the middle.
    const order = els.nodes().toArray().sort((a, b) => (b.data('center') - a.data('center')) ||
      ((a.data('depth') || 0) - (b.data('depth') || 0)) || ((b.data('weight') || 0) - (a.data('weight') || 0)));
    const pos = {};
    order.forEach((node, i) => {
      const r = 22 * Math.sqrt(i), a = i * 2.399963;
      pos[node.id()] = { x: r * Math.cos(a), y: r * Math.sin(a) };
    });
    return run(els.layout({ name: 'preset', positions: (node) => pos[node.id()], fit: false, animate: false })).then(() => fitNodes(cy, els));
  }
  // fitNodes fits the view to the nodes' positions, leaving labels out of
  // the measure (measuring hundreds of labels is slow).
  function fitNodes(cy, els) {
    const bb = els.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    const pad = 40, w = cy.width(), h = cy.height();
    if (!bb.w || !bb.h || !w || !h) return;
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), Math.min((w - 2 * pad) / bb.w, (h - 2 * pad) / bb.h)));
    cy.viewport({ zoom, pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 } });
  }
  // setBig switches big graphs to cheaper edges (no curves or arrows).
  function setBig(cy, big) {
    if (cy.scratch('big') === big) return;
    cy.scratch('big', big);
    const st = cyStyle();
    if (big) {
      st.push({ selector: 'edge', style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none', 'label': '', 'opacity': 1, 'line-style': 'solid' } });
      st.push({ selector: 'node', style: { 'text-outline-width': 0, 'border-width': 0, 'min-zoomed-font-size': 4 } });
      st.push({ selector: 'node[?center], node:selected', style: { 'border-width': 4 } });
    }
    cy.style(st);
  }

  // placeAround puts new nodes on a circle around the node they came from.
  function placeAround(nodes, p) {
    const r = 60 + 6 * nodes.length;
    nodes.forEach((e, i) => {
      const a = 2 * Math.PI * i / nodes.length;
      e.position = { x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) };
    });
  }

  let cy = null;
  let queryCy = null;

  function setStatus(text) { $('graph-status').textContent = text; }

  // loadCenter draws the neighbourhood of a node, replacing the view.
  async function loadCenter(id, opts) {
    opts = opts || {};
    const t0 = performance.now();
    document.body.dataset.busy = '1';
    setStatus('Loading…');
    try {
      const g = await api('/api/neighbors/' + encodeURIComponent(id) + q({
        depth: $('depth').value, limit: $('limit').value, cooc: $('cooc').checked ? 'true' : 'false',
      }));
      const tFetch = performance.now();
      clearError();
      state.center = g.center;
      setBig(cy, g.nodes.length > BIG); // before adding: one styling pass
      cy.startBatch();
      cy.elements().remove();
      cy.add(toElements(g, g.center));
      cy.endBatch();
      applyFilters(false);
      const tAdd = performance.now();
      await runLayout(cy, false);
      const tLayout = performance.now();
      await nextPaint();
      const ms = performance.now() - t0;
      kg.lastRender = { nodes: cy.nodes().length, edges: cy.edges().length, ms: ms, fetch: tFetch - t0, add: tAdd - tFetch, layout: tLayout - tAdd, paint: performance.now() - tLayout };
      kg.renders++;
      const c = cy.getElementById(g.center);
      setStatus(cy.nodes().length + ' nodes, ' + cy.edges().length + ' edges' + (g.truncated ? ' (the strongest ' + $('limit').value + ' neighbours: raise "at most" for more)' : '') + ' · drawn in ' + Math.round(ms) + ' ms');
      drawTimeline();
      if (!opts.keepPanel && c.nonempty()) { cy.$(':selected').unselect(); c.select(); showNode(c.id(), c.data('type')); }
      if (!opts.noHash) setHash({ entity: id });
    } catch (e) {
      showError(e);
      setStatus('');
    } finally {
      delete document.body.dataset.busy;
    }
  }
  function nextPaint() { return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); }

  // expand adds a node's neighbours to the view.
  async function expand(id) {
    document.body.dataset.busy = '1';
    try {
      const g = await api('/api/neighbors/' + encodeURIComponent(id) + q({ depth: 1, limit: 60, cooc: $('cooc').checked ? 'true' : 'false' }));
      const fresh = toElements(g, state.center).filter((e) => cy.getElementById(e.data.id).empty());
      if (fresh.length === 0) { setStatus('No more neighbours for this node.'); kg.expanded = (kg.expanded || 0) + 1; return; }
      const src = cy.getElementById(id);
      const p = src.nonempty() ? src.position() : { x: 0, y: 0 };
      placeAround(fresh.filter((e) => e.group === 'nodes'), p);
      cy.add(fresh);
      applyFilters(false);
      await runLayout(cy, true);
      setStatus(cy.nodes().length + ' nodes, ' + cy.edges().length + ' edges');
      drawTimeline();
      kg.expanded = (kg.expanded || 0) + 1;
    } catch (e) {
      showError(e);
    } finally {
      delete document.body.dataset.busy;
    }
  }

  // ---- filters: kinds and the date window ----
  function applyFilters(relayout) {
    if (!cy) return;
    const from = state.from, to = state.to;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const t = n.data('type');
        let show = state.kinds.has(t) || n.data('center');
        if (show && t === 'event' && (from || to)) show = inWindow(n.data('date'), from, to);
        n.toggleClass('hidden', !show);
      });
      // Entities left without any visible link (when a window or a kind
      // filter is on) are hidden too, but for the center.
      if (from || to || state.kinds.size < KINDS.length) {
        cy.nodes().forEach((n) => {
          if (n.hasClass('hidden') || n.data('center')) return;
          const linked = n.connectedEdges().some((e) => !e.source().hasClass('hidden') && !e.target().hasClass('hidden') && e.source() !== e.target());
          if (!linked) n.addClass('hidden');
        });
      }
    });
    const visible = shown(cy).nodes().length;
    if (relayout) runLayout(cy, true);
    if (cy.nodes().length) setStatus(visible + ' of ' + cy.nodes().length + ' nodes shown' + (from || to ? ' (events ' + (from || '…') + ' to ' + (to || '…') + ')' : ''));
    drawTimelineBars();
  }
  // dateSpan is the first and last day (days since 1970) a TIMEX3 date
  // covers: a day, an ISO week ("2015-W47"), a month, a quarter or a year;
  // null for an unknown year or an unreadable date.
  function dateSpan(date) {
    const D = 86400000;
    let m;
    if (!date) return null;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date))) { const d = Date.UTC(+m[1], +m[2] - 1, +m[3]) / D; return [d, d]; }
    if ((m = /^(\d{4})-W(\d{2})/.exec(date))) {
      const jan4 = Date.UTC(+m[1], 0, 4) / D;
      const monday = jan4 - (new Date(jan4 * D).getUTCDay() + 6) % 7 + 7 * (+m[2] - 1);
      return [monday, monday + 6];
    }
    if ((m = /^(\d{4})-Q([1-4])$/.exec(date))) return [Date.UTC(+m[1], 3 * (+m[2] - 1), 1) / D, Date.UTC(+m[1], 3 * +m[2], 0) / D];
    if ((m = /^(\d{4})-(\d{2})$/.exec(date))) return [Date.UTC(+m[1], +m[2] - 1, 1) / D, Date.UTC(+m[1], +m[2], 0) / D];
    if ((m = /^(\d{4})$/.exec(date))) return [Date.UTC(+m[1], 0, 1) / D, Date.UTC(+m[1], 11, 31) / D];
    return null;
  }
  // inWindow reports whether a date overlaps the window [from, to], as the
  // server's filters do.
  function inWindow(date, from, to) {
    const s = dateSpan(date);
    if (!s) return false;
    const f = from ? dateSpan(from) : null, t = to ? dateSpan(to) : null;
    return (!f || s[1] >= f[0]) && (!t || s[0] <= t[1]);
  }
  const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function setWindow(from, to, fromTimeline) {
    state.from = from || ''; state.to = to || '';
    $('from').value = state.from; $('to').value = state.to;
    $('timeline-clear').hidden = !(state.from || state.to);
    if (!fromTimeline) drawBrush();
    applyFilters(false);
  }

  // ---- timeline ----
  const tl = { min: 0, max: 0, width: 0, height: 0, left: 8, right: 8, top: 6, bottom: 16, dragging: null };
  function dayOf(date) { const s = dateSpan(date); return s ? s[0] : null; }
  function isoOf(day) { return new Date(Math.round(day) * 86400000).toISOString().slice(0, 10); }
  function eventDays() {
    if (!cy) return [];
    const out = [];
    cy.nodes('[type = "event"]').forEach((n) => { const d = dayOf(n.data('date')); if (d !== null) out.push({ day: d, node: n }); });
    return out;
  }
  function drawTimeline() {
    const s = $('timeline-svg');
    const days = eventDays();
    tl.width = s.clientWidth || 600; tl.height = s.clientHeight || 70;
    s.setAttribute('viewBox', '0 0 ' + tl.width + ' ' + tl.height);
    if (days.length === 0) {
      tl.min = tl.max = 0;
      clear(s);
      $('timeline-label').textContent = 'No dated events in the view.';
      return;
    }
    tl.min = Math.min(...days.map((d) => d.day)) - 1;
    tl.max = Math.max(...days.map((d) => d.day)) + 1;
    if (tl.max - tl.min < 14) { tl.min -= 7; tl.max += 7; }
    $('timeline-label').textContent = days.length + ' dated events, ' + isoOf(tl.min + 1) + ' to ' + isoOf(tl.max - 1) + '. Drag across the timeline to show only the events of a window.';
    drawTimelineBars();
  }
  function xOf(day) { return tl.left + (day - tl.min) / (tl.max - tl.min) * (tl.width - tl.left - tl.right); }
  function dayAt(x) { return tl.min + (x - tl.left) / (tl.width - tl.left - tl.right) * (tl.max - tl.min); }
  function drawTimelineBars() {
    const s = $('timeline-svg');
    if (tl.max === tl.min) return;
    clear(s);
    const days = eventDays();
    const bins = Math.max(10, Math.min(120, Math.floor((tl.width - tl.left - tl.right) / 8)));
    const counts = new Array(bins).fill(0), inCounts = new Array(bins).fill(0);
    const span = (tl.max - tl.min) / bins;
    for (const d of days) {
      const i = Math.min(bins - 1, Math.max(0, Math.floor((d.day - tl.min) / span)));
      counts[i]++;
      if (inWindow(d.node.data('date'), state.from, state.to)) inCounts[i]++;
    }
    const maxc = Math.max(1, ...counts);
    const h = tl.height - tl.top - tl.bottom;
    const bw = (tl.width - tl.left - tl.right) / bins;
    const filtered = state.from || state.to;
    for (let i = 0; i < bins; i++) {
      if (!counts[i]) continue;
      const bh = Math.max(2, counts[i] / maxc * h);
      const x = tl.left + i * bw;
      s.appendChild(svg('rect', { class: 'bar' + (filtered && !inCounts[i] ? ' out' : ''), x: x + 0.5, y: tl.top + h - bh, width: Math.max(1, bw - 1), height: bh }));
    }
    s.appendChild(svg('line', { class: 'axis', x1: tl.left, x2: tl.width - tl.right, y1: tl.top + h + 0.5, y2: tl.top + h + 0.5 }));
    const ticks = 6;
    for (let i = 0; i <= ticks; i++) {
      const day = tl.min + (tl.max - tl.min) * i / ticks;
      const t = svg('text', { class: 'tick', x: Math.min(tl.width - 60, xOf(day)), y: tl.height - 3 });
      t.textContent = isoOf(day);
      s.appendChild(t);
    }
    drawBrush();
  }
  function drawBrush() {
    const s = $('timeline-svg');
    const old = s.querySelector('.brush');
    if (old) old.remove();
    if (tl.max === tl.min || !(state.from || state.to)) return;
    const a = state.from ? dayOf(state.from) : tl.min;
    const b = state.to ? endDay(state.to) : tl.max;
    const x1 = Math.max(tl.left, xOf(a)), x2 = Math.min(tl.width - tl.right, xOf(b));
    if (x2 <= x1) return;
    s.appendChild(svg('rect', { class: 'brush', x: x1, y: tl.top, width: x2 - x1, height: tl.height - tl.top - tl.bottom }));
  }
  function endDay(date) { const s = dateSpan(date); return s ? s[1] : null; }
  function svgX(ev) {
    const r = $('timeline-svg').getBoundingClientRect();
    return (ev.clientX - r.left) * (tl.width / r.width);
  }
  function initTimeline() {
    const s = $('timeline-svg');
    s.addEventListener('pointerdown', (ev) => {
      if (tl.max === tl.min) return;
      tl.dragging = { x0: svgX(ev) };
      s.setPointerCapture(ev.pointerId);
    });
    s.addEventListener('pointermove', (ev) => {
      if (!tl.dragging) return;
      const x0 = tl.dragging.x0, x1 = svgX(ev);
      const old = s.querySelector('.brush');
      if (old) old.remove();
      s.appendChild(svg('rect', { class: 'brush', x: Math.min(x0, x1), y: tl.top, width: Math.abs(x1 - x0), height: tl.height - tl.top - tl.bottom }));
    });
    s.addEventListener('pointerup', (ev) => {
      if (!tl.dragging) return;
      const x0 = tl.dragging.x0, x1 = svgX(ev);
      tl.dragging = null;
      if (Math.abs(x1 - x0) < 3) { setWindow('', ''); return; }
      const a = dayAt(Math.min(x0, x1)), b = dayAt(Math.max(x0, x1));
      setWindow(isoOf(Math.ceil(a)), isoOf(Math.floor(b)), true);
    });
    $('timeline-clear').addEventListener('click', () => setWindow('', ''));
    for (const id of ['from', 'to']) {
      $(id).addEventListener('change', () => {
        const v = $(id).value.trim();
        $(id).classList.toggle('invalid', v !== '' && !DATE_RE.test(v));
        if (v !== '' && !DATE_RE.test(v)) return;
        setWindow($('from').value.trim(), $('to').value.trim());
      });
    }
    window.addEventListener('resize', () => drawTimeline());
  }

  // ---- search with suggestions ----
  let searchSeq = 0, searchTimer = null, suggestions = [], active = -1;
  function initSearch() {
    const input = $('search'), list = $('suggestions');
    input.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => suggest(input.value), 120);
    });
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!suggestions.length) return;
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length;
        markActive();
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        if (suggestions.length) choose(suggestions[Math.max(0, active)]);
        else suggest(input.value, true);
      } else if (ev.key === 'Escape') {
        hideSuggestions();
      }
    });
    input.addEventListener('blur', () => setTimeout(hideSuggestions, 150));
    list.addEventListener('mousedown', (ev) => ev.preventDefault());
  }
  async function suggest(text, pickFirst) {
    const seq = ++searchSeq;
    text = text.trim();
    if (!text) { hideSuggestions(); return; }
    try {
      const res = await api('/api/search' + q({ q: text, limit: 10 }));
      if (seq !== searchSeq) return;
      suggestions = res.results; active = -1;
      if (pickFirst && suggestions.length) { choose(suggestions[0]); return; }
      renderSuggestions(text);
    } catch (e) {
      showError(e);
    }
  }
  function renderSuggestions(text) {
    const list = $('suggestions');
    clear(list);
    if (!suggestions.length) {
      list.appendChild(el('li', { cls: 'muted', text: 'Nothing named "' + shorten(text, 40) + '"' }));
    }
    suggestions.forEach((s, i) => {
      const li = el('li', { attrs: { role: 'option', 'aria-selected': 'false', 'data-id': s.id } }, [
        badge(s.type), el('span', { cls: 'name', text: s.name }),
        s.aliases.length ? el('span', { cls: 'aliases', text: s.aliases.join(', ') }) : null,
        el('span', { cls: 'count', text: s.mentions + ' mentions' }),
      ]);
      li.addEventListener('click', () => choose(s));
      li.addEventListener('mouseenter', () => { active = i; markActive(); });
      list.appendChild(li);
    });
    list.hidden = false;
    $('search').setAttribute('aria-expanded', 'true');
  }
  function markActive() {
    const items = $('suggestions').querySelectorAll('li[role=option]');
    items.forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
  }
  function hideSuggestions() {
    $('suggestions').hidden = true;
    $('search').setAttribute('aria-expanded', 'false');
  }
  function choose(s) {
    hideSuggestions();
    $('search').value = s.name;
    suggestions = [];
    selectTab('graph');
    loadCenter(s.id);
  }

  // ---- the panel: entity, event, edge, document ----
  let panelSeq = 0;
  function panel() { return $('panel-content'); }
  function panelStart() { const p = panel(); clear(p); p.scrollTop = 0; return ++panelSeq; }
  function nodeLink(ref) {
    const b = el('button', { cls: 'linkish', text: ref.name || ref.id, title: ref.id, attrs: { type: 'button' } });
    b.addEventListener('click', () => focusNode(ref.id, ref.type));
    return b;
  }
  // focusNode selects a node of the view, or shows its panel.
  function focusNode(id, type) {
    const n = cy && cy.getElementById(id);
    if (n && n.nonempty()) { cy.$(':selected').unselect(); n.select(); cy.animate({ center: { eles: n } }, { duration: 300 }); }
    showNode(id, type);
  }
  function showNode(id, type) {
    if (type === 'event') return showEvent(id);
    if (type === 'document') return showDocument(id, {});
    return showEntity(id);
  }
  function facts(pairs) {
    const dl = el('dl', { cls: 'facts' });
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === '') continue;
      dl.appendChild(el('dt', { text: k }));
      dl.appendChild(el('dd', {}, [typeof v === 'object' ? v : String(v)]));
    }
    return dl;
  }
  function segmentsTo(parent, segs, onEntity) {
    let firstFocus = null;
    for (const s of segs) {
      let node;
      if (s.mark) node = el('mark', { text: s.text });
      else if (s.entity) {
        node = el('span', { cls: 'mention ' + (s.type || ''), text: s.text, title: s.type });
        node.addEventListener('click', () => onEntity(s.entity, s.type));
      } else node = document.createTextNode(s.text);
      if (s.focus) {
        const f = el('span', { cls: 'focus' }, [node]);
        if (!firstFocus) firstFocus = f;
        node = f;
      }
      parent.appendChild(node);
    }
    return firstFocus;
  }
  function evidenceList(items, focusID) {
    const ul = el('ul', { cls: 'plain evidence' });
    for (const ev of items) {
      const p = el('div', { cls: 'sentence' });
      segmentsTo(p, ev.segments, (id, type) => focusNode(id, type));
      const link = el('a', { text: 'document' + (ev.title ? ': ' + shorten(ev.title, 60) : ''), attrs: { href: '#' + new URLSearchParams({ doc: ev.document, focus: focusID || '', sentence: ev.sentence }).toString() } });
      ul.appendChild(el('li', {}, [p, el('div', { cls: 'meta' }, [link, ev.date ? el('span', { text: ev.date }) : null, el('span', { text: 'sentence ' + (ev.sentence + 1) })])]));
    }
    return ul;
  }
  async function showEntity(id) {
    const seq = panelStart();
    const p = panel();
    p.appendChild(el('p', { cls: 'muted', text: 'Loading…' }));
    let v;
    try { v = await api('/api/entity/' + encodeURIComponent(id)); } catch (e) { if (seq === panelSeq) { clear(p); p.appendChild(el('p', { text: e.message })); } return; }
    if (seq !== panelSeq) return;
    clear(p);
    state.panelNode = { id: v.id, type: v.type };
    p.dataset.kind = 'entity'; p.dataset.id = v.id;
    p.appendChild(el('h2', { text: v.name }));
    p.appendChild(el('div', {}, [badge(v.type), ' ', el('span', { cls: 'id', text: v.id })]));
    const actions = el('div', { cls: 'panel-actions' }, [
      el('button', { text: 'Center the graph here', attrs: { type: 'button' }, onclick: () => { selectTab('graph'); loadCenter(v.id, { keepPanel: true }); } }),
      el('button', { text: 'Expand', title: 'Add its neighbours to the view', attrs: { type: 'button', id: 'panel-expand' }, onclick: () => { selectTab('graph'); if (cy.getElementById(v.id).empty()) loadCenter(v.id, { keepPanel: true }); else expand(v.id); } }),
      el('button', { text: 'Path from here…', attrs: { type: 'button' }, onclick: () => { $('path-from').value = v.name; selectTab('path'); $('path-to').focus(); } }),
    ]);
    p.appendChild(actions);
    const attrs = v.attributes || {};
    const roleAttrs = ['title', 'titles', 'role', 'roles'].filter((k) => attrs[k]).map((k) => attrs[k]).join(', ');
    p.appendChild(facts([
      ['mentions', v.mentions + ' in ' + v.documents + ' document' + (v.documents === 1 ? '' : 's')],
      ['seen', v.first_seen ? (v.first_seen === v.last_seen ? v.first_seen : v.first_seen + ' to ' + v.last_seen) : ''],
      ['roles', roleAttrs],
      ['country', attrs.country],
      ['class', attrs.class],
      ['GeoNames', attrs.geonames_id],
      ['relations', v.relations_total],
      ['events', v.events_total],
    ]));
    if (v.aliases && v.aliases.length) {
      p.appendChild(el('h3', { text: 'Aliases' }));
      const ul = el('ul', { cls: 'plain aliases' });
      for (const a of v.aliases) ul.appendChild(el('li', { text: a.name + ' ×' + a.count }));
      p.appendChild(ul);
    }
    if (v.coordinates) {
      p.appendChild(el('h3', { text: 'Where' }));
      p.appendChild(el('div', { cls: 'muted', text: v.coordinates.lat.toFixed(4) + ', ' + v.coordinates.lon.toFixed(4) }));
      p.appendChild(miniMap(v.coordinates));
    }
    if (v.roles.length) {
      p.appendChild(el('h3', { text: 'Roles and relations' }));
      const ul = el('ul', { cls: 'plain' });
      for (const r of v.roles) {
        const pred = (r.qualifier || 'related to').replace(/_/g, ' ');
        ul.appendChild(el('li', {}, r.direction === 'out' ? [pred + ' ', nodeLink(r.other)] : [nodeLink(r.other), ' ' + pred + ' ' + v.name]));
      }
      p.appendChild(ul);
    }
    if (v.events.length) {
      p.appendChild(el('h3', { text: 'Events (' + v.events_total + ')' }));
      const ul = el('ul', { cls: 'plain events-list' });
      for (const e of v.events) {
        ul.appendChild(el('li', {}, [el('span', { cls: 'date', text: e.date || 'undated' }),
          el('span', {}, [nodeLink({ id: e.id, name: e.label, type: 'event' }), el('span', { cls: 'muted', text: ' ' + e.type + (e.role ? ', ' + e.role : '') })])]));
      }
      p.appendChild(ul);
    }
    if (v.relations.length) {
      p.appendChild(el('h3', { text: 'Appears with (' + v.relations_total + ')' }));
      const ul = el('ul', { cls: 'plain' });
      for (const r of v.relations) ul.appendChild(el('li', {}, [badge(r.other.type), ' ', nodeLink(r.other), el('span', { cls: 'muted', text: ' ×' + r.weight })]));
      p.appendChild(ul);
    }
    p.appendChild(el('h3', { text: 'Evidence' }));
    p.appendChild(v.evidence.length ? evidenceList(v.evidence, v.id) : el('p', { cls: 'muted', text: 'No sentences kept.' }));
  }
  async function showEvent(id) {
    const seq = panelStart();
    const p = panel();
    let v;
    try { v = await api('/api/event/' + encodeURIComponent(id)); } catch (e) { if (seq === panelSeq) p.appendChild(el('p', { text: e.message })); return; }
    if (seq !== panelSeq) return;
    state.panelNode = { id: v.id, type: 'event' };
    p.dataset.kind = 'event'; p.dataset.id = v.id;
    p.appendChild(el('h2', { text: v.label }));
    p.appendChild(el('div', {}, [badge('event'), ' ', el('span', { cls: 'id', text: v.id })]));
    p.appendChild(el('div', { cls: 'panel-actions' }, [el('button', { text: 'Expand', title: 'Add its neighbours to the view', attrs: { type: 'button', id: 'panel-expand' }, onclick: () => { selectTab('graph'); expand(v.id); } })]));
    p.appendChild(facts([['type', v.type + (v.cameo ? ' (CAMEO ' + v.cameo + ')' : '')], ['date', v.date || 'undated'], ['place', v.place ? nodeLink(v.place) : ''], ['documents', v.documents]]));
    if (v.participants.length) {
      p.appendChild(el('h3', { text: 'Participants' }));
      const ul = el('ul', { cls: 'plain' });
      for (const pa of v.participants) ul.appendChild(el('li', {}, [badge(pa.type), ' ', nodeLink(pa), el('span', { cls: 'muted', text: ' ' + pa.role })]));
      p.appendChild(ul);
    }
    p.appendChild(el('h3', { text: 'Evidence' }));
    p.appendChild(evidenceList(v.evidence, v.id));
  }
  async function showEdge(e) {
    const seq = panelStart();
    const p = panel();
    let v;
    try { v = await api('/api/edge' + q({ from: e.data('source'), to: e.data('target'), type: e.data('type'), qualifier: e.data('qualifier') })); } catch (err) { if (seq === panelSeq) p.appendChild(el('p', { text: err.message })); return; }
    if (seq !== panelSeq) return;
    p.dataset.kind = 'edge'; p.dataset.id = v.id;
    p.appendChild(el('h2', {}, [nodeLink(v.from), ' — ', nodeLink(v.to)]));
    p.appendChild(facts([['relation', v.type + (v.qualifier ? ' (' + v.qualifier + ')' : '')], ['weight', v.weight]]));
    p.appendChild(el('h3', { text: 'Evidence' }));
    p.appendChild(v.evidence.length ? evidenceList(v.evidence, '') : el('p', { cls: 'muted', text: 'No sentences kept.' }));
  }
  async function showDocument(id, opts) {
    const seq = panelStart();
    const p = panel();
    let v;
    try { v = await api('/api/document/' + encodeURIComponent(id) + q({ focus: opts.focus, sentence: opts.sentence })); } catch (e) { if (seq === panelSeq) p.appendChild(el('p', { text: e.message })); return; }
    if (seq !== panelSeq) return;
    p.dataset.kind = 'document'; p.dataset.id = v.id;
    p.appendChild(el('h2', { text: v.title || 'Untitled document' }));
    p.appendChild(el('div', {}, [badge('document'), ' ', el('span', { cls: 'id', text: v.id })]));
    p.appendChild(facts([['published', v.published], ['source', v.source], ['URL', v.url], ['sentences', v.sentences], ['mentions', v.mentions.length]]));
    if (state.panelNode) {
      const back = state.panelNode;
      p.appendChild(el('div', { cls: 'panel-actions' }, [el('button', { text: '← back', attrs: { type: 'button' }, onclick: () => showNode(back.id, back.type) })]));
    }
    const text = el('div', { cls: 'doc-text' });
    const focus = segmentsTo(text, v.segments, (eid, type) => focusNode(eid, type));
    p.appendChild(text);
    if (v.nodes.length) {
      p.appendChild(el('h3', { text: 'Mentioned' }));
      const ul = el('ul', { cls: 'plain' });
      for (const n of v.nodes) ul.appendChild(el('li', {}, [badge(n.type), ' ', nodeLink(n)]));
      p.appendChild(ul);
    }
    if (focus) focus.scrollIntoView({ block: 'center' });
  }

  // miniMap draws a place on an equirectangular map: a graticule, the land
  // of Natural Earth (vendored from world-atlas, loaded once) and a marker.
  // No map tiles, nothing from another host.
  let landPaths = null;
  function loadLand() {
    if (!landPaths) {
      landPaths = fetch('/static/vendor/land-110m.json').then((r) => r.ok ? r.json() : null).then((topo) => topo ? topoPaths(topo, 'land') : []).catch(() => []);
    }
    return landPaths;
  }
  // topoPaths decodes a TopoJSON object (quantized, delta-encoded arcs)
  // into SVG path data in degrees, north up.
  function topoPaths(topo, name) {
    const tr = topo.transform || { scale: [1, 1], translate: [0, 0] };
    const arcs = topo.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map((p) => { x += p[0]; y += p[1]; return [x * tr.scale[0] + tr.translate[0], -(y * tr.scale[1] + tr.translate[1])]; });
    });
    const ring = (r) => {
      let pts = [];
      for (const i of r) {
        let a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        if (pts.length) a = a.slice(1);
        pts = pts.concat(a);
      }
      return 'M' + pts.map((p) => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join('L') + 'Z';
    };
    const out = [];
    for (const g of (topo.objects[name] || { geometries: [] }).geometries) {
      const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      for (const poly of polys) out.push(poly.map(ring).join(''));
    }
    return out;
  }
  function miniMap(c) {
    const s = svg('svg', { class: 'map', viewBox: '-180 -90 360 180', role: 'img', 'aria-label': 'map' });
    const land = svg('g');
    s.appendChild(land);
    for (let lon = -150; lon <= 150; lon += 30) s.appendChild(svg('line', { class: 'grid', x1: lon, x2: lon, y1: -90, y2: 90 }));
    for (let lat = -60; lat <= 60; lat += 30) s.appendChild(svg('line', { class: 'grid', x1: -180, x2: 180, y1: -lat, y2: -lat }));
    s.appendChild(svg('circle', { class: 'marker', cx: c.lon, cy: -c.lat, r: 4 }));
    loadLand().then((paths) => { for (const d of paths) land.appendChild(svg('path', { class: 'land', d: d, 'fill-rule': 'evenodd' })); });
    return s;
  }

  // ---- hash routes: #entity=ID, #doc=ID&focus=ID&sentence=N ----
  let settingHash = false;
  function setHash(params) {
    settingHash = true;
    location.hash = new URLSearchParams(params).toString();
    setTimeout(() => { settingHash = false; }, 0);
  }
  function route() {
    if (settingHash) return;
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get('doc')) {
      const s = h.get('sentence');
      showDocument(h.get('doc'), { focus: h.get('focus') || '', sentence: s === null ? '' : s });
    } else if (h.get('entity')) {
      if (h.get('entity') !== state.center) loadCenter(h.get('entity'), { noHash: true });
    }
  }

  // ---- tabs ----
  function selectTab(name) {
    for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', b.dataset.tab === name ? 'true' : 'false');
    for (const v of ['graph', 'query', 'path']) $('view-' + v).hidden = v !== name;
    if (name === 'graph' && cy) { cy.resize(); drawTimeline(); }
    if (name === 'query' && queryCy) queryCy.resize();
  }

  // ---- query ----
  let lastQuery = null;
  async function runQuery() {
    const text = $('query-text').value;
    $('query-status').textContent = 'Running…';
    document.body.dataset.busy = '1';
    try {
      const res = await api('/api/query', { query: text });
      lastQuery = res;
      $('query-status').textContent = res.rows.length + ' row' + (res.rows.length === 1 ? '' : 's') + ' in ' + res.elapsed_ms.toFixed(1) + ' ms' + (res.truncated ? ' (cut: add LIMIT)' : '') + (res.warnings.length ? ' · ' + res.warnings.join('; ') : '');
      renderQuery();
    } catch (e) {
      lastQuery = null;
      clear($('query-table'));
      $('query-table').appendChild(el('pre', { cls: 'query-error', text: e.message }));
      $('query-status').textContent = 'Error';
      $('query-table').hidden = false; $('query-cy').hidden = true;
    } finally {
      delete document.body.dataset.busy;
    }
  }
  function cellText(v) {
    if (v === null || v === undefined) return 'null';
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v)) return '[' + v.map(cellText).join(', ') + ']';
    if (v.name !== undefined) return v.name + (v.type ? ' (' + v.type + ')' : '');
    if (v.label !== undefined) return v.label + (v.date ? ' ' + v.date : '');
    if (v.from && v.to && v.type) return ':' + v.type;
    return JSON.stringify(v);
  }
  function renderQuery() {
    if (!lastQuery) return;
    const asGraph = document.querySelector('input[name=query-as]:checked').value === 'graph';
    $('query-table').hidden = asGraph; $('query-cy').hidden = !asGraph;
    if (!asGraph) {
      const t = el('table', { cls: 'result' });
      t.appendChild(el('thead', {}, [el('tr', {}, lastQuery.columns.map((c) => el('th', { text: c })))]));
      const tb = el('tbody');
      for (const row of lastQuery.rows) tb.appendChild(el('tr', {}, row.map((c) => el('td', { text: cellText(c) }))));
      t.appendChild(tb);
      clear($('query-table'));
      $('query-table').appendChild(t);
      return;
    }
    if (!queryCy) {
      queryCy = kg.queryCy = makeCy($('query-cy'));
      queryCy.on('tap', 'node', (ev) => showNode(ev.target.id(), ev.target.data('type')));
      queryCy.on('tap', 'edge', (ev) => showEdge(ev.target));
    }
    queryCy.resize();
    queryCy.elements().remove();
    queryCy.add(toElements(lastQuery.graph, ''));
    runLayout(queryCy, false);
    if (!lastQuery.graph.nodes.length) $('query-status').textContent += ' · no nodes to draw: RETURN nodes or relationships (RETURN p, r, e) to see a graph';
  }
  function queryToGraph() {
    if (!lastQuery || !lastQuery.graph.nodes.length) { $('query-status').textContent = 'Run a query that returns nodes first.'; return; }
    selectTab('graph');
    state.center = null;
    cy.elements().remove();
    cy.add(toElements(lastQuery.graph, ''));
    applyFilters(false);
    runLayout(cy, false).then(() => { setStatus(cy.nodes().length + ' nodes from the query'); drawTimeline(); });
  }

  // ---- paths ----
  async function findPaths() {
    $('path-status').textContent = 'Searching…';
    clear($('path-list'));
    try {
      const res = await api('/api/path' + q({ from: $('path-from').value.trim(), to: $('path-to').value.trim(), k: $('path-k').value, cooc: $('path-cooc').checked ? 'true' : 'false' }));
      $('path-status').textContent = res.paths.length ? res.paths.length + ' path' + (res.paths.length === 1 ? '' : 's') + ' from ' + res.from.name + ' to ' + res.to.name : 'No path between ' + res.from.name + ' and ' + res.to.name;
      for (const pth of res.paths) {
        const li = el('li');
        pth.nodes.forEach((n, i) => {
          if (i > 0) {
            const e = pth.edges[i - 1];
            li.appendChild(el('span', { cls: 'path-edge', text: (e ? e.type + (e.qualifier ? ' ' + e.qualifier : '') : '') }));
          }
          li.appendChild(badge(n.type)); li.appendChild(document.createTextNode(' '));
          li.appendChild(nodeLink(n));
          if (n.date) li.appendChild(el('span', { cls: 'muted', text: ' ' + n.date }));
        });
        $('path-list').appendChild(li);
      }
      if (res.graph.nodes.length) {
        const b = el('button', { text: 'Show the paths in the graph', attrs: { type: 'button' } });
        b.addEventListener('click', () => {
          selectTab('graph');
          state.center = null;
          cy.elements().remove();
          cy.add(toElements(res.graph, res.from.id));
          applyFilters(false);
          runLayout(cy, false).then(() => drawTimeline());
        });
        $('path-list').appendChild(el('li', { cls: 'plain' }, [b]));
      }
    } catch (e) {
      $('path-status').textContent = e.message;
    }
  }

  // ---- export ----
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { attrs: { href: url, download: name } });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  async function exportAs(format) {
    const ids = shown(cy).nodes().map((n) => n.id());
    if (!ids.length) { setStatus('Nothing to export: draw a graph first.'); return; }
    if (format === 'png') {
      download(cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), 'kg-view.png');
      return;
    }
    try {
      const blob = await api('/api/export', { format, nodes: ids.slice(0, 5000) }, true);
      download(blob, 'kg-view.' + format);
    } catch (e) { showError(e); }
  }

  // warmUp runs the styling and layout code once on a throwaway headless
  // graph while the page waits for the analyst, so that the first real
  // drawing does not pay for compiling it.
  function warmUp() {
    if (kg.renders) return;
    const c = cytoscape({ headless: true, styleEnabled: true, style: cyStyle() });
    const els = [];
    for (let i = 0; i < 200; i++) {
      els.push({ group: 'nodes', data: { id: 'w' + i, label: 'warm ' + i, type: KINDS[i % 4], size: 10 + i % 20, weight: i, depth: i ? 1 : 0, center: i === 0 } });
      if (i) els.push({ group: 'edges', data: { id: 'e' + i, source: 'w0', target: 'w' + i, type: i % 4 === 3 ? 'PARTICIPANT_IN' : 'CO_OCCURS_WITH', w: 1, weight: 1, qualifier: '' } });
    }
    c.add(els);
    c.nodes().not('.hidden').boundingBox({ includeLabels: false });
    c.elements().layout({ name: 'concentric', animate: false, fit: false, concentric: (n) => n.data('depth') ? 1 : 2, levelWidth: () => 1 }).run();
    c.destroy();
  }

  // ---- start ----
  async function start() {
    if (typeof cytoscape === 'undefined') { showError(new APIError(0, 'assets', 'The graph library did not load.')); return; }
    if (typeof cytoscapeFcose !== 'undefined') cytoscape.use(cytoscapeFcose);
    if (cytoscape.warnings) cytoscape.warnings(false); // drawing notes for developers, not for analysts
    cy = kg.cy = makeCy($('cy'));
    cy.on('tap', 'node', (ev) => showNode(ev.target.id(), ev.target.data('type')));
    cy.on('dbltap', 'node', (ev) => expand(ev.target.id()));
    cy.on('tap', 'edge', (ev) => showEdge(ev.target));
    cy.on('mouseover', 'node', (ev) => ev.target.addClass('hover'));
    cy.on('mouseout', 'node', (ev) => ev.target.removeClass('hover'));
    initSearch();
    initTimeline();
    for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => selectTab(b.dataset.tab));
    for (const c of document.querySelectorAll('input[name=kind]')) {
      c.addEventListener('change', () => {
        if (c.checked) state.kinds.add(c.value); else state.kinds.delete(c.value);
        applyFilters(false);
      });
    }
    for (const id of ['depth', 'limit', 'cooc']) $(id).addEventListener('change', () => { if (state.center) loadCenter(state.center, { keepPanel: true }); });
    $('relayout').addEventListener('click', () => {
      setStatus('Laying out ' + shown(cy).nodes().length + ' nodes…');
      setTimeout(() => runLayout(cy, false, true).then(() => setStatus(shown(cy).nodes().length + ' nodes laid out')), 20);
    });
    $('export-png').addEventListener('click', () => exportAs('png'));
    $('export-dot').addEventListener('click', () => exportAs('dot'));
    $('export-json').addEventListener('click', () => exportAs('json'));
    $('query-run').addEventListener('click', runQuery);
    $('query-text').addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runQuery(); } });
    $('query-examples').addEventListener('change', () => { if ($('query-examples').value) $('query-text').value = $('query-examples').value; $('query-examples').value = ''; });
    for (const r of document.querySelectorAll('input[name=query-as]')) r.addEventListener('change', renderQuery);
    $('query-to-graph').addEventListener('click', queryToGraph);
    $('path-run').addEventListener('click', findPaths);
    $('home').addEventListener('click', (ev) => { ev.preventDefault(); $('search').focus(); });
    window.addEventListener('hashchange', route);
    try {
      const st = await api('/api/stats');
      $('stats').textContent = st.documents + ' documents · ' + st.entities + ' entities · ' + st.events + ' events';
    } catch (e) { showError(e); }
    kg.load = (id) => loadCenter(id, { noHash: true });
    setTimeout(warmUp, 0);
    kg.ready = true;
    document.body.dataset.ready = '1';
    route();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
