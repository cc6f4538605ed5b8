// connact explorer: plain JavaScript drawing SVG. The server checks every
// override with the rules of `connact run --set`; this page only collects
// them, streams a run (server-sent events) and draws it.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);
// Agent states, in the order of sim.AgentStatus; colours from the
// Okabe–Ito palette (active vermillion, member blue), as in the charts.
const STATES = [
  ["inactive", "#d9d9d9"], ["aware", "#56B4E9"], ["active", "#D55E00"],
  ["member", "#0072B2"], ["lapsed", "#E69F00"], ["removed", "#000000"],
];
const METRICS = [
  ["peak_share", "peak share"], ["peak_step", "peak step"], ["final_share", "final share"],
  ["cumulative_share", "cumulative"], ["sustainability", "sustainability"],
];

let info = null;     // the chosen scenario (/api/scenario)
let source = null;   // the running EventSource
let current = null;  // the run being drawn
const history = [];  // finished runs, oldest first
let runCount = 0;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  return e;
}
function status(msg) { $("status").textContent = msg; }
function showErrors(list) {
  const ul = $("errors");
  ul.replaceChildren();
  for (const m of list || []) ul.append(el("li", {}, m));
}
async function getJSON(url, opts) {
  const r = await fetch(url, opts);
  const body = await r.json().catch(() => ({ errors: [r.status + " " + r.statusText] }));
  return { ok: r.ok, body };
}

async function init() {
  const lim = await getJSON("/api/limits");
  if (lim.ok) {
    const l = lim.body;
    $("limits").textContent = `caps: ${l.maxAgents.toLocaleString("en")} agents, ${l.maxRuns} runs and ${l.maxSteps} steps a request, ${l.maxConcurrent} requests at once; network drawn up to ${l.networkView.toLocaleString("en")} agents`;
  }
  const r = await getJSON("/api/scenarios");
  if (!r.ok) { showErrors(r.body.errors); return; }
  const sel = $("scenario");
  for (const n of r.body.scenarios) sel.append(el("option", { value: n }, n));
  const want = new URLSearchParams(location.search).get("scenario");
  if (want && r.body.scenarios.includes(want)) sel.value = want;
  sel.addEventListener("change", loadScenario);
  $("run").addEventListener("click", run);
  $("stop").addEventListener("click", stop);
  $("reset").addEventListener("click", loadScenario);
  $("netcond").addEventListener("change", () => showStep(+$("netstep").value));
  $("netstep").addEventListener("input", () => { pause(); showStep(+$("netstep").value); });
  $("play").addEventListener("click", replay);
  drawChart();
  await loadScenario();
}

async function loadScenario() {
  showErrors([]);
  const name = $("scenario").value;
  if (!name) return;
  const r = await getJSON("/api/scenario?name=" + encodeURIComponent(name));
  if (!r.ok) { info = null; $("controls").replaceChildren(); showErrors(r.body.errors); return; }
  info = r.body;
  $("desc").textContent = info.description;
  $("conditions").textContent = "Conditions: " + info.conditions.join(", ");
  const form = $("controls");
  form.replaceChildren();
  let fs = null, section = "";
  for (const c of info.controls) {
    if (c.section !== section) {
      section = c.section;
      fs = el("fieldset");
      fs.append(el("legend", {}, section));
      form.append(fs);
    }
    const row = el("label", { class: "ctl" });
    row.append(el("span", { title: c.path }, c.label));
    let input;
    if (c.kind === "select") {
      input = el("select");
      for (const o of c.options) input.append(el("option", { value: o }, o));
    } else {
      input = el("input", { type: "text", inputmode: c.kind === "int" ? "numeric" : "decimal" });
    }
    input.value = c.value;
    input.dataset.path = c.path;
    input.dataset.initial = c.value;
    input.addEventListener("input", () => row.classList.toggle("changed", input.value !== input.dataset.initial));
    row.append(input);
    fs.append(row);
  }
  $("extra").value = "";
}

// overrides are the changed controls, then the extra lines, as --set takes
// them; params is every control's value, for comparing runs.
function overrides() {
  const set = [], params = {};
  for (const input of $("controls").querySelectorAll("[data-path]")) {
    params[input.dataset.path] = input.value;
    if (input.value !== input.dataset.initial) set.push(input.dataset.path + "=" + input.value.trim());
  }
  for (const line of $("extra").value.split("\n")) {
    const s = line.trim().replace(/^--set[ =]/, "").trim(); // as typed for the command line
    if (!s) continue;
    set.push(s);
    const i = s.indexOf("=");
    if (i > 0) params[s.slice(0, i).trim()] = s.slice(i + 1).trim();
  }
  return { set, params };
}

async function run() {
  if (!info || source) return;
  showErrors([]);
  const { set, params } = overrides();
  status("checking…");
  const chk = await getJSON("/api/check", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: info.file, set }),
  });
  if (!chk.ok) { status(""); showErrors(chk.body.errors); return; }
  const q = new URLSearchParams({ scenario: info.file });
  for (const s of set) q.append("set", s);
  runCount++;
  current = { n: runCount, scenario: info.file, params, set, live: [], bands: null, states: [], start: null, done: null };
  document.body.dataset.state = "running";
  $("downloads").replaceChildren();
  $("summary").replaceChildren();
  $("run").disabled = true;
  $("stop").disabled = false;
  status(`running ${chk.body.runs} run(s) of ${chk.body.steps} steps…`);
  source = new EventSource("/api/run?" + q.toString());
  source.addEventListener("start", (e) => onStart(JSON.parse(e.data)));
  source.addEventListener("network", (e) => onNetwork(JSON.parse(e.data)));
  source.addEventListener("step", (e) => onStep(JSON.parse(e.data)));
  source.addEventListener("progress", (e) => {
    const p = JSON.parse(e.data);
    status(`replicates: ${p.done} of ${p.total} runs done`);
  });
  source.addEventListener("bands", (e) => { current.bands = JSON.parse(e.data); drawChart(); });
  source.addEventListener("done", (e) => onDone(JSON.parse(e.data)));
  source.addEventListener("problem", (e) => { finish(); showErrors(JSON.parse(e.data).errors); status("failed"); });
  // The server ends the stream after done or problem; without close the
  // browser would reconnect and run again.
  source.onerror = () => { if (source) { finish(); status("the connection to the server closed"); } };
}

function stop() {
  if (!source) return;
  finish(); // closing the stream cancels the run on the server
  status("stopped; the server cancelled the run");
  current = null;
  drawChart();
}

function finish() {
  if (source) source.close();
  source = null;
  $("run").disabled = false;
  $("stop").disabled = true;
  document.body.dataset.state = "idle";
}

function onStart(s) {
  current.start = s;
  pause(); // a new run animates from its step 0
  playing = true;
  shown = -1;
  current.live = s.conditions.map(() => []);
  current.states = s.conditions.map(() => []);
  const nc = $("netcond");
  nc.replaceChildren();
  s.conditions.forEach((c, i) => nc.append(el("option", { value: i }, c)));
  $("netsec").hidden = !s.network;
  $("netnote").hidden = s.network;
  $("netnotetext").textContent = s.network ? "" : `${s.agents.toLocaleString("en")} agents: the network is drawn for populations up to the cap in the header; the chart shows participation.`;
  const leg = $("legend");
  leg.replaceChildren();
  s.conditions.forEach((c, i) => {
    const sp = el("span");
    const sw = el("span", { class: "swatch" });
    sw.style.background = s.colours[i];
    sp.append(sw, c);
    leg.append(sp);
  });
}

function onStep(e) {
  current.live[e.c][e.t] = e.share;
  if (e.states) {
    current.states[e.c][e.t] = e.states;
    if (e.c === +$("netcond").value) follow(e.t);
  }
  scheduleDraw();
}

let drawPending = false;
function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => { drawPending = false; drawChart(); });
}

function onDone(d) {
  current.done = d;
  finish();
  status(`done: run ${current.n}, scenario hash ${d.hash.slice(0, 12)}…`);
  const tbl = $("summary");
  tbl.replaceChildren();
  const head = el("tr");
  head.append(el("th", {}, "condition"));
  for (const [, label] of METRICS) head.append(el("th", {}, label));
  tbl.append(head);
  for (const c of current.start.conditions) {
    const tr = el("tr");
    tr.append(el("td", {}, c));
    for (const [k] of METRICS) tr.append(el("td", {}, ci(d.summary[c][k])));
    tbl.append(tr);
  }
  const ul = $("downloads");
  ul.replaceChildren();
  for (const f of d.files) {
    const li = el("li");
    li.append(el("a", { href: `/api/runs/${d.id}/${f}`, download: `${current.start.scenario}-${f}` }, f));
    ul.append(li);
  }
  history.push(current);
  drawHistory();
  drawChart();
  document.body.dataset.state = "done";
}

function ci(m) {
  const f = (x) => (x === null ? "NA" : (+x.toPrecision(3)).toString());
  if (!m || m.mean === null) return "NA";
  if (m.lo === null) return f(m.mean);
  return `${f(m.mean)} [${f(m.lo)}, ${f(m.hi)}]`;
}

// differences lists how run a differs from run b (the latest): the
// scenario, or every parameter whose value differs, with both values.
function differences(a, b) {
  if (a.scenario !== b.scenario) return [`scenario ${a.scenario} (latest: ${b.scenario})`];
  const out = [];
  const keys = new Set([...Object.keys(a.params), ...Object.keys(b.params)]);
  for (const k of keys) {
    if (a.params[k] !== b.params[k]) out.push(`${k} = ${a.params[k] ?? "the scenario's"} (latest: ${b.params[k] ?? "the scenario's"})`);
  }
  return out;
}

function drawHistory() {
  const ol = $("history");
  ol.replaceChildren();
  const last = history[history.length - 1];
  for (const h of history) {
    const li = el("li");
    li.append(el("span", {}, `run ${h.n}: ${h.scenario}` + (h === last ? " (latest, full colour)" : " (faded)")));
    const d = h === last ? h.set.map((s) => "--set " + s) : differences(h, last);
    const p = el("div", { class: "diff" }, d.length ? d.join("; ") : (h === last ? "the scenario as written" : "same parameters as the latest"));
    li.append(p);
    ol.append(li);
  }
}

// The chart: share active (0..ymax) against step, drawn in SVG.
const W = 640, H = 360, M = { l: 56, r: 16, t: 12, b: 44 };
function drawChart() {
  const g = $("chart");
  g.replaceChildren();
  const runs = history.filter((h) => h !== current);
  const all = current ? [...runs, current] : runs;
  let steps = 1, ymax = 0.05;
  for (const r of all) {
    if (!r.start) continue;
    steps = Math.max(steps, r.start.steps);
    for (const s of r.live) for (const v of s) if (v > ymax) ymax = v;
    for (const b of r.bands || []) for (const v of b.hi) if (v > ymax) ymax = v;
  }
  ymax = Math.min(1, niceCeil(ymax));
  const x = (t) => M.l + (t / steps) * (W - M.l - M.r);
  const y = (v) => H - M.b - (Math.max(0, Math.min(ymax, v)) / ymax) * (H - M.t - M.b);
  const ax = svg("g", { class: "axis" });
  ax.append(svg("path", { d: `M${M.l},${M.t}V${H - M.b}H${W - M.r}`, fill: "none" }));
  for (const v of ticks(0, ymax)) {
    ax.append(svg("line", { x1: M.l - 4, x2: M.l, y1: y(v), y2: y(v) }));
    const t = svg("text", { x: M.l - 7, y: y(v) + 4, "text-anchor": "end" });
    t.textContent = +v.toFixed(3);
    ax.append(t);
  }
  for (const s of ticks(0, steps)) {
    ax.append(svg("line", { x1: x(s), x2: x(s), y1: H - M.b, y2: H - M.b + 4 }));
    const t = svg("text", { x: x(s), y: H - M.b + 17, "text-anchor": "middle" });
    t.textContent = s;
    ax.append(t);
  }
  const unit = (current && current.start) ? current.start.timeUnit : (info ? info.timeUnit : "step");
  const xl = svg("text", { x: (M.l + W - M.r) / 2, y: H - 8, "text-anchor": "middle" });
  xl.textContent = `Time (${unit}s)`;
  const yl = svg("text", { x: 14, y: (M.t + H - M.b) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(M.t + H - M.b) / 2})` });
  yl.textContent = "Share active";
  ax.append(xl, yl);
  g.append(ax);
  for (const r of all) {
    if (!r.start) continue;
    const faded = r !== all[all.length - 1] || (current && r !== current);
    const colour = (c) => r.start.colours[r.start.conditions.indexOf(c)] || "#000";
    if (r.bands) {
      for (const b of r.bands) {
        if (!faded) {
          let d = "";
          b.step.forEach((s, i) => { d += (i ? "L" : "M") + x(s).toFixed(1) + "," + y(b.hi[i]).toFixed(1); });
          for (let i = b.step.length - 1; i >= 0; i--) d += "L" + x(b.step[i]).toFixed(1) + "," + y(b.lo[i]).toFixed(1);
          g.append(svg("path", { d: d + "Z", fill: colour(b.condition), "fill-opacity": 0.2, stroke: "none", class: "band" }));
        }
        g.append(line(b.step, b.mean, x, y, colour(b.condition), faded, "mean"));
      }
    } else {
      r.live.forEach((s, c) => {
        const steps = s.map((_, i) => i);
        g.append(line(steps, s, x, y, r.start.colours[c], faded, "live"));
      });
    }
  }
}
function line(xs, ys, x, y, colour, faded, cls) {
  let d = "";
  let first = true;
  xs.forEach((s, i) => {
    if (ys[i] === undefined) return;
    d += (first ? "M" : "L") + x(s).toFixed(1) + "," + y(ys[i]).toFixed(1);
    first = false;
  });
  const p = svg("path", { d, fill: "none", stroke: colour, "stroke-width": faded ? 1.2 : 2, class: cls });
  if (faded) { p.setAttribute("stroke-opacity", 0.3); p.setAttribute("stroke-dasharray", "4 3"); }
  return p;
}
function niceCeil(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return v;
}
function ticks(lo, hi) {
  const span = hi - lo, raw = span / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = p;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) { step = m * p; break; }
  const out = [];
  for (let v = lo; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
}

// The network: edges as one path, agents as circles coloured by state.
let circles = [];
function onNetwork(n) {
  const g = $("net");
  g.replaceChildren();
  let d = "";
  for (let i = 0; i < n.edges.length; i += 2) {
    const a = n.edges[i], b = n.edges[i + 1];
    d += `M${n.x[a]},${n.y[a]}L${n.x[b]},${n.y[b]}`;
  }
  g.append(svg("path", { d, stroke: "#bbb", "stroke-width": 0.6, "stroke-opacity": 0.5, fill: "none" }));
  const r = Math.max(3, Math.min(9, 200 / Math.sqrt(n.x.length)));
  circles = n.x.map((_, i) => {
    const c = svg("circle", { cx: n.x[i], cy: n.y[i], r, fill: STATES[0][1] });
    g.append(c);
    return c;
  });
  const leg = $("netlegend");
  leg.replaceChildren();
  for (const [name, colour] of STATES) {
    const sp = el("span");
    const sw = el("span", { class: "swatch" });
    sw.style.background = colour;
    sp.append(sw, name);
    leg.append(sp);
  }
}
let shown = -1, timer = null, playing = true;
function showStep(t) {
  const c = +$("netcond").value;
  const frames = current ? current.states[c] : (history.length ? history[history.length - 1].states[c] : null);
  if (!frames || !frames.length) return;
  t = Math.min(t, frames.length - 1);
  const s = frames[t];
  if (!s) return;
  for (let i = 0; i < circles.length; i++) circles[i].setAttribute("fill", STATES[s.charCodeAt(i) - 48][1]);
  shown = t;
  const slider = $("netstep");
  slider.max = frames.length - 1;
  slider.value = t;
  $("netstepval").textContent = `${t} of ${frames.length - 1}`;
}
// follow animates the cascade as the steps arrive: at most one step a
// frame, so that a fast run still shows its spread step by step.
function follow() {
  if (!playing || timer) return;
  timer = setInterval(() => {
    const c = +$("netcond").value;
    const frames = current ? current.states[c] : [];
    if (!frames || shown + 1 >= frames.length) {
      if (!source) { clearInterval(timer); timer = null; }
      return;
    }
    showStep(shown + 1);
  }, 60);
}
function pause() { playing = false; if (timer) { clearInterval(timer); timer = null; } }
function replay() {
  pause();
  const last = history[history.length - 1];
  if (!current && last) current = last;
  playing = true;
  shown = -1;
  follow();
}

init();
