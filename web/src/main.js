// The what-if dashboard: controls for the run overrides of docs/server.md, the key judgements
// of each run, the brief's charts from results.json, and a side-by-side comparison with the
// baseline or a stored run. Every number shown comes from the server's answer.
import { balanceChart, changeChart, esc, fmt, forecastChart, outcomeChart, raceChart, raceCredible } from './charts.js';

const token = new URLSearchParams(location.search).get('token');
const state = {
  scenarios: [],
  scenario: null,      // GET /api/scenarios/{id}
  overrides: {},       // what the controls set
  replicates: null,
  seed: null,
  current: null,       // last POST /api/runs answer
  baselineId: null,
  compareWith: 'baseline',
  job: null,
  timer: null,
  runCount: 0,
};

const $ = (sel) => document.querySelector(sel);

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { ...options, headers });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { error: text }; }
  if (!res.ok) {
    const err = new Error(body.error || `HTTP ${res.status}`);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}

function setStatus(text, kind = 'ready') {
  $('#status').textContent = text;
  document.body.dataset.state = kind;
}

function slider({ id, label, min, max, step, value, onChange, help }) {
  const wrap = document.createElement('div');
  wrap.innerHTML = `<label for="${esc(id)}" title="${esc(help || '')}">${esc(label)}</label>
    <div class="row"><input type="range" id="${esc(id)}" min="${min}" max="${max}" step="${step}" value="${value}"><output for="${esc(id)}">${fmt(value)}</output></div>`;
  const input = wrap.querySelector('input');
  const out = wrap.querySelector('output');
  input.addEventListener('input', () => { out.textContent = fmt(Number(input.value)); });
  input.addEventListener('change', () => onChange(Number(input.value)));
  return wrap;
}

function heading(text) {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

// ---- controls ----

function buildControls() {
  const s = state.scenario;
  const box = $('#controls');
  box.innerHTML = '';

  box.append(heading('Scenario'));
  const sel = document.createElement('select');
  sel.id = 'scenario-select';
  for (const x of state.scenarios) {
    const o = document.createElement('option');
    o.value = x.id;
    o.textContent = `${x.name || x.id}${x.source === 'loaded' ? ' (loaded)' : ''}`;
    sel.append(o);
  }
  sel.value = s.id;
  sel.addEventListener('change', () => loadScenario(sel.value));
  box.append(sel);

  box.append(heading('Ensemble'));
  const [rmin, rmax] = s.limits.replicates;
  box.append(slider({ id: 'replicates', label: 'Replicates', min: Math.max(rmin, 10), max: Math.min(rmax, 2000), step: 10,
    value: state.replicates, onChange: (v) => { state.replicates = v; schedule(); } }));
  const seedWrap = document.createElement('div');
  seedWrap.innerHTML = `<label for="seed">Seed</label><input type="number" id="seed" min="0" step="1" value="${state.seed}">`;
  seedWrap.querySelector('input').addEventListener('change', (e) => {
    const v = Number(e.target.value);
    if (Number.isInteger(v) && v >= 0) { state.seed = v; schedule(); }
  });
  box.append(seedWrap);

  box.append(heading('Composite weights'));
  const w = { milex: 0, gdp: 0, milper: 0, tpop: 0, warheads: 0, ...s.weights };
  const names = { milex: 'Military spending', gdp: 'GDP', milper: 'Military personnel', tpop: 'Population', warheads: 'Nuclear warheads' };
  for (const k of Object.keys(names)) {
    box.append(slider({ id: `weight-${k}`, label: names[k], min: 0, max: 10, step: 0.5, value: w[k],
      onChange: (v) => {
        const cur = { ...w, ...(state.overrides.weights || {}) };
        cur[k] = v;
        if (Object.values(cur).some((x) => x > 0)) { state.overrides.weights = cur; schedule(); } else setStatus('at least one weight must be positive', 'error');
      } }));
  }

  box.append(heading('Uncertainty'));
  box.append(slider({ id: 'uncertainty-scale', label: 'Spread of every declared uncertainty (× the scenario’s)', min: 0, max: 5, step: 0.1, value: 1,
    onChange: (v) => { state.overrides.uncertainty_scale = v; schedule(); } }));
  for (const u of s.uncertainties.filter((x) => x.distribution === 'normal')) {
    box.append(slider({ id: `sd-${u.target}`, label: `sd of ${u.target}`, min: 0, max: Math.max(1, u.sd * 4), step: 0.01, value: u.sd, help: u.rationale,
      onChange: (v) => { state.overrides.uncertainty_sd = { ...(state.overrides.uncertainty_sd || {}), [u.target]: v }; schedule(); } }));
  }

  box.append(heading('Shocks in the scenario'));
  for (const sh of s.shocks) {
    const l = document.createElement('label');
    l.className = 'check';
    l.innerHTML = `<input type="checkbox" checked> <span>${esc(sh.date)}: ${esc(sh.label)}${sh.in_data ? ' (in the data)' : ''}</span>`;
    l.querySelector('input').addEventListener('change', (e) => {
      const set = new Set(state.overrides.remove_shocks || []);
      if (e.target.checked) set.delete(sh.label); else set.add(sh.label);
      state.overrides.remove_shocks = [...set];
      schedule();
    });
    box.append(l);
  }

  box.append(heading('Add a capability shock'));
  const add = document.createElement('div');
  const years = [];
  for (let y = s.history[0]; y <= s.forecast_to; ++y) years.push(y);
  add.innerHTML = `<label for="shock-state">State (COW abbreviation)</label><input type="text" id="shock-state" value="CHN" size="5" maxlength="8">
    <label for="shock-indicator">Indicator</label><select id="shock-indicator">${Object.keys(names).map((k) => `<option value="${k}">${names[k]}</option>`).join('')}</select>
    <label for="shock-year">From year</label><select id="shock-year">${years.map((y) => `<option${y === s.history[1] ? ' selected' : ''}>${y}</option>`).join('')}</select>
    <label for="shock-factor">Factor</label><input type="number" id="shock-factor" value="2" min="0" max="10" step="0.1">
    <div style="margin-top:6px"><button id="shock-add" class="primary">Add shock</button></div><div id="shock-list"></div>`;
  add.querySelector('#shock-add').addEventListener('click', () => {
    const shock = { label: '', state: add.querySelector('#shock-state').value.trim().toUpperCase(), indicator: add.querySelector('#shock-indicator').value,
      year: Number(add.querySelector('#shock-year').value), factor: Number(add.querySelector('#shock-factor').value) };
    shock.label = `${shock.state} ${shock.indicator} ×${shock.factor} from ${shock.year}`;
    state.overrides.add_shocks = [...(state.overrides.add_shocks || []), shock];
    renderAddedShocks();
    schedule();
  });
  box.append(add);

  box.append(heading('Issue positions and saliences'));
  const pos = document.createElement('div');
  const issues = s.issues.filter((i) => i.actors.length);
  pos.innerHTML = `<label for="pos-issue">Issue</label><select id="pos-issue">${issues.map((i) => `<option value="${esc(i.id)}">${esc(i.title || i.id)}</option>`).join('')}</select>
    <label for="pos-actor">Actor</label><select id="pos-actor"></select><div id="pos-sliders"></div>`;
  const issueSel = pos.querySelector('#pos-issue');
  const actorSel = pos.querySelector('#pos-actor');
  const fillActors = () => {
    const is = issues.find((i) => i.id === issueSel.value);
    actorSel.innerHTML = is.actors.map((a) => `<option value="${esc(a.name)}">${esc(a.name)}</option>`).join('');
    fillSliders();
  };
  const fillSliders = () => {
    const is = issues.find((i) => i.id === issueSel.value);
    const a = is.actors.find((x) => x.name === actorSel.value);
    const current = (state.overrides.positions || []).find((p) => p.issue === is.id && p.actor === a.name) || {};
    const box2 = pos.querySelector('#pos-sliders');
    box2.innerHTML = '';
    const update = (field, v) => {
      const list = (state.overrides.positions || []).filter((p) => !(p.issue === is.id && p.actor === a.name));
      const entry = { issue: is.id, actor: a.name, position: current.position ?? a.position, salience: current.salience ?? a.salience };
      entry[field] = v;
      current[field] = v;
      state.overrides.positions = [...list, entry];
      schedule();
    };
    box2.append(slider({ id: 'pos-position', label: `Position (${is.low_label || is.scale[0]} … ${is.high_label || is.scale[1]})`, min: is.scale[0], max: is.scale[1],
      step: (is.scale[1] - is.scale[0]) / 100, value: current.position ?? a.position, onChange: (v) => update('position', v) }));
    box2.append(slider({ id: 'pos-salience', label: 'Salience', min: 0, max: 1, step: 0.01, value: current.salience ?? a.salience, onChange: (v) => update('salience', v) }));
  };
  issueSel.addEventListener('change', fillActors);
  actorSel.addEventListener('change', fillSliders);
  box.append(pos);
  if (issues.length) fillActors();

  if (s.game_fields && s.questions.some((q) => q.module === 'games')) {
    box.append(heading('Crisis game inputs'));
    const measured = {};
    for (const inp of state.current?.results?.games?.baseline?.inputs || []) measured[inp.name] = inp.value;
    for (const f of s.game_fields) {
      const v = measured[f.name] ?? f.template_default;
      box.append(slider({ id: `game-${f.name}`, label: f.name, help: f.help, min: f.min, max: Math.min(f.max, f.min + 100), step: (Math.min(f.max, f.min + 100) - f.min) / 200,
        value: v, onChange: (x) => { state.overrides.game = { ...(state.overrides.game || {}), [f.name]: x }; schedule(); } }));
    }
  }

  const reset = document.createElement('div');
  reset.innerHTML = '<div style="margin-top:12px"><button id="reset">Reset to the scenario</button></div>';
  reset.querySelector('button').addEventListener('click', () => loadScenario(s.id));
  box.append(reset);
}

function renderAddedShocks() {
  const list = $('#shock-list');
  if (!list) return;
  list.innerHTML = '';
  (state.overrides.add_shocks || []).forEach((sh, i) => {
    const d = document.createElement('div');
    d.className = 'added';
    d.innerHTML = `<span>${esc(sh.label)}</span><button aria-label="remove">×</button>`;
    d.querySelector('button').addEventListener('click', () => {
      state.overrides.add_shocks.splice(i, 1);
      renderAddedShocks();
      schedule();
    });
    list.append(d);
  });
}

// ---- runs ----

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, 250);
}

async function run({ baseline = false } = {}) {
  if (state.job) api(`/api/jobs/${state.job}`, { method: 'DELETE' }).catch(() => {});
  const job = `page-${Date.now().toString(36)}-${++state.runCount}`;
  state.job = job;
  const body = { scenario: state.scenario.id, replicates: state.replicates, seed: state.seed, job };
  const o = baseline ? {} : state.overrides;
  if (Object.keys(o).length) body.overrides = o;
  setStatus('running…', 'running');
  const t0 = performance.now();
  try {
    const r = await api('/api/runs', { method: 'POST', body: JSON.stringify(body) });
    if (state.job !== job) return;  // a newer run was asked for
    state.job = null;
    state.current = r;
    if (baseline) state.baselineId = r.run_id;
    render();
    await renderComparison();
    setStatus(`run ${r.run_id ?? '(not stored)'}: ${r.replicates} replicates, seed ${r.seed}, ${fmt(r.wall_seconds * 1000, 3)} ms engine, ${fmt(performance.now() - t0, 3)} ms round trip`);
    document.body.dataset.runId = String(r.run_id);
  } catch (e) {
    if (state.job !== job) return;
    state.job = null;
    if (e.body && e.body.cancelled) return;
    setStatus(`${e.message}`, 'error');
  }
}

function render() {
  const r = state.current;
  const answers = $('#answers');
  answers.innerHTML = '';
  for (const a of r.answers) {
    const d = document.createElement('div');
    d.className = 'answer';
    d.dataset.answerId = a.id;
    d.dataset.module = a.module;
    d.dataset.value = a.value === null ? '' : String(a.value);
    const interval = a.interval_source === 'none' ? '' : `[${fmt(a.low)} – ${fmt(a.high)}] ${esc(a.interval_source)}`;
    const sources = (a.datasets || []).join(', ');
    d.innerHTML = `<div><div class="q">${esc(a.question)}</div><div class="s">${esc(a.answer)}</div>
      <div class="src">${esc(a.module)} · verdict: ${esc(a.verdict)}${sources ? ` · data: ${esc(sources)}` : ''}</div>${(a.caveats || []).length ? `<details class="caveats"><summary>${a.caveats.length} caveat(s)</summary>${esc(a.caveats.join('; '))}</details>` : ''}</div>
      <div class="num"><span class="value">${fmt(a.value)}</span> ${esc(a.unit || '')}<small>${interval}</small></div>`;
    answers.append(d);
  }
  const res = r.results;
  const issueMeta = {};
  for (const i of state.scenario.issues) issueMeta[i.id] = i;
  const charts = [];
  if (res.power) charts.push(['Balance: coalition capability shares with the ensemble band', balanceChart(res.power)]);
  if (res.bargaining && Object.keys(res.bargaining).length) charts.push(['Bargaining forecasts: median and interval on each issue’s scale (dashed: threshold)', forecastChart(res.bargaining, issueMeta)]);
  if (res.games && res.games.outcome_frequency) charts.push(['Crisis game: equilibrium paths across replicates', outcomeChart(res.games.outcome_frequency)]);
  for (const [name, race] of Object.entries(res.armsrace || {}))
    charts.push([raceCredible(race)
      ? `Arms race (${name}): observed (solid) and fitted forecast without a cap (dashed); ${race.regime}, hold-out MAPE ${fmt(race.holdout_mape_percent)}% against ${fmt(race.naive_mape_percent)}% for no change`
      : `Arms race (${name}): observed only; the fitted ${race.regime} race's forecast is not credible (it must be stable, beat no change out of sample — hold-out MAPE ${fmt(race.holdout_mape_percent)}% against ${fmt(race.naive_mape_percent)}% —, have a backtest rel. MAE below 1${race.backtest_rel_mae == null ? '' : ` (it is ${fmt(race.backtest_rel_mae)})`} and stay above zero) and is not drawn`,
    raceChart(name, race)]);
  $('#chart-grid').innerHTML = charts.map(([cap, svg]) => `<figure>${svg}<figcaption>${esc(cap)}</figcaption></figure>`).join('') +
    '<figure id="change-figure"></figure>';
  const links = $('#download-links');
  if (r.run_id) {
    const q = token ? `?token=${encodeURIComponent(token)}` : '';
    links.innerHTML = `<a href="/api/runs/${r.run_id}/brief.html${q}">brief.html</a><a href="/api/runs/${r.run_id}/results.json${q}">results.json</a><span id="table-links"></span>
      <p class="src">Run ${r.run_id} stored with its provenance (scenario and data hashes, seed, overrides). ${esc(res.run.program_version ? 'geobalance ' + res.run.program_version : '')}</p>`;
    api(`/api/runs/${r.run_id}/tables`).then((t) => {
      $('#table-links').innerHTML = t.tables.map((n) => `<a href="/api/runs/${r.run_id}/tables/${encodeURIComponent(n)}.csv${q}">${esc(n)}.csv</a>`).join('');
    }).catch(() => {});
  } else {
    links.textContent = 'This server stores no runs (--no-store): nothing to download.';
  }
}

async function renderComparison() {
  const r = state.current;
  const ctl = $('#compare-controls');
  let runs = [];
  try { runs = (await api('/api/runs')).runs; } catch { /* no store */ }
  ctl.innerHTML = `<label for="compare-with">Compare the current run with</label><select id="compare-with"><option value="baseline">the scenario’s baseline (run ${state.baselineId ?? '–'})</option>${
    runs.slice(-50).reverse().map((x) => `<option value="${x.id}">run ${x.id}: ${esc(x.scenario_name.slice(0, 40))}, ${x.started_at}</option>`).join('')}</select>`;
  const sel = ctl.querySelector('select');
  sel.value = state.compareWith;
  if (sel.value !== state.compareWith) sel.value = 'baseline';
  sel.addEventListener('change', () => { state.compareWith = sel.value; renderComparison(); });
  const other = state.compareWith === 'baseline' ? state.baselineId : Number(state.compareWith);
  const table = $('#compare-table');
  if (!r.run_id || !other) { table.textContent = 'Comparison needs stored runs.'; return; }
  const c = await api(`/api/compare?a=${other}&b=${r.run_id}`);
  const rows = c.answers.map((x) => {
    const a = x.a || {};
    const b = x.b || {};
    const cls = x.delta > 0 ? 'up' : x.delta < 0 ? 'down' : '';
    const iv = (s) => (s.interval ? `[${fmt(s.interval[0])} – ${fmt(s.interval[1])}]` : '');
    return `<tr class="${x.moved ? 'moved' : ''}" data-compare-id="${esc(x.id)}" data-moved="${x.moved}"><td>${esc(x.id)}</td>
      <td class="n">${fmt(a.value)} ${iv(a)}</td><td class="n">${fmt(b.value)} ${iv(b)}</td>
      <td class="n ${cls}">${x.delta === undefined ? '' : (x.delta > 0 ? '+' : '') + fmt(x.delta)}${x.relative_delta === undefined || x.delta === 0 ? '' : ` (${x.relative_delta > 0 ? '+' : ''}${fmt(100 * x.relative_delta)}%)`}</td>
      <td>${x.moved ? (x.verdict_changed ? 'moved; verdict changed' : 'moved') : 'same'}</td></tr>`;
  }).join('');
  const inputs = c.input_differences.map((d) => `<li><code>${esc(d.path)}</code>: ${esc(JSON.stringify(d.a))} → ${esc(JSON.stringify(d.b))}</li>`).join('');
  table.innerHTML = `<p>${c.moved} of ${c.answers.length} answers moved between run ${c.a} and run ${c.b}.</p>
    <table><thead><tr><th>answer</th><th>run ${c.a}</th><th>run ${c.b} (current)</th><th>change</th><th></th></tr></thead><tbody>${rows}</tbody></table>
    ${inputs ? `<h3>What differs in the inputs</h3><ul>${inputs}</ul>` : '<p>The inputs are the same.</p>'}`;
  const fig = $('#change-figure');
  if (fig) fig.innerHTML = `${changeChart(c.answers)}<figcaption>Change of each answer from run ${c.a}, relative to its value there</figcaption>`;
}

async function loadScenario(id) {
  setStatus('loading the scenario…', 'loading');
  state.scenario = await api(`/api/scenarios/${encodeURIComponent(id)}`);
  state.overrides = {};
  state.replicates = state.scenario.replicates;
  state.seed = state.scenario.seed;
  state.compareWith = 'baseline';
  await run({ baseline: true });
  buildControls();
}

async function main() {
  try {
    state.scenarios = (await api('/api/scenarios')).scenarios.filter((s) => !s.error);
    if (!state.scenarios.length) throw new Error('no scenario can be loaded');
    const first = state.scenarios.find((s) => s.id === 'nato-southern-flank') || state.scenarios[0];
    await loadScenario(first.id);
  } catch (e) {
    setStatus(e.message, 'error');
  }
}

main();
