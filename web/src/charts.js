// Hand-written SVG charts for the dashboard. Each function returns an <svg class="chart"
// data-chart-id="..."> string built from numbers in results.json (docs/scenario.md); no
// number is invented here.

const W = 520;
const H = 260;
const M = { l: 54, r: 14, t: 12, b: 30 };
export const PALETTE = ['#1f5fa8', '#b3261e', '#e08a00', '#1b7f3b', '#6a3d9a', '#00838f', '#8d6e63', '#c2185b'];

export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toLocaleString('en-GB');
}

function finite(v) {
  return v !== null && v !== undefined && Number.isFinite(v);
}

function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) { lo -= 1; hi += 1; }
  return [lo, hi];
}

function ticks(lo, hi, n = 5) {
  const step0 = (hi - lo) / n;
  const mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= step0) || step0;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(v);
  return out;
}

function scale(d0, d1, r0, r1) {
  return (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

function frame(id, body, { xs, ys, xt, yt, xfmt = (v) => v, yfmt = fmt }) {
  let axes = '<g class="axis">';
  axes += `<line x1="${M.l}" y1="${H - M.b}" x2="${W - M.r}" y2="${H - M.b}"/>`;
  axes += `<line x1="${M.l}" y1="${M.t}" x2="${M.l}" y2="${H - M.b}"/>`;
  for (const t of xt) axes += `<text x="${xs(t)}" y="${H - M.b + 16}" text-anchor="middle">${esc(xfmt(t))}</text>`;
  for (const t of yt) {
    axes += `<text x="${M.l - 6}" y="${ys(t) + 4}" text-anchor="end">${esc(yfmt(t))}</text>`;
    axes += `<line x1="${M.l}" y1="${ys(t)}" x2="${W - M.r}" y2="${ys(t)}" stroke="#eef0f4"/>`;
  }
  axes += '</g>';
  return `<svg class="chart" data-chart-id="${esc(id)}" viewBox="0 0 ${W} ${H}" role="img">${axes}${body}</svg>`;
}

function path(xsData, ysData, xs, ys) {
  let d = '';
  let pen = false;
  xsData.forEach((x, i) => {
    const y = ysData[i];
    if (!finite(y)) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${xs(x).toFixed(1)},${ys(y).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function band(xsData, lo, hi, xs, ys) {
  const pts = [];
  xsData.forEach((x, i) => { if (finite(lo[i]) && finite(hi[i])) pts.push([x, lo[i], hi[i]]); });
  if (pts.length < 2) return '';
  let d = pts.map((p, i) => `${i ? 'L' : 'M'}${xs(p[0]).toFixed(1)},${ys(p[2]).toFixed(1)}`).join('');
  d += pts.reverse().map((p) => `L${xs(p[0]).toFixed(1)},${ys(p[1]).toFixed(1)}`).join('') + 'Z';
  return d;
}

export function legend(names) {
  return `<div class="legend">${names.map((n, i) => `<span><i style="background:${PALETTE[i % PALETTE.length]}"></i>${esc(n)}</span>`).join('')}</div>`;
}

/// Coalition capability totals over the years with their ensemble band (results.power).
export function balanceChart(power) {
  const years = power.years;
  const names = Object.keys(power.coalitions);
  const all = [];
  for (const n of names) all.push(...power.coalitions[n].low, ...power.coalitions[n].high, ...power.coalitions[n].total);
  const [lo, hi] = extent(all);
  const xs = scale(years[0], years[years.length - 1], M.l, W - M.r);
  const ys = scale(Math.min(0, lo), hi * 1.05, H - M.b, M.t);
  let body = '';
  names.forEach((n, i) => {
    const c = power.coalitions[n];
    const col = PALETTE[i % PALETTE.length];
    body += `<path d="${band(years, c.low, c.high, xs, ys)}" fill="${col}" opacity="0.15"/>`;
    body += `<path data-series="${esc(n)}" d="${path(years, c.total, xs, ys)}" fill="none" stroke="${col}" stroke-width="2"/>`;
  });
  const xt = ticks(years[0], years[years.length - 1], 6).map(Math.round);
  return frame('balance', body, { xs, ys, xt, yt: ticks(Math.min(0, lo), hi * 1.05), yfmt: (v) => fmt(v, 2) }) + legend(names);
}

/// Each bargaining issue's forecast with its interval, on the issue's scale (results.bargaining).
export function forecastChart(bargaining, issueMeta) {
  const ids = Object.keys(bargaining);
  const rowH = 34;
  const h = 20 + rowH * ids.length;
  const x0 = 150;
  const x1 = W - 20;
  let body = '';
  ids.forEach((id, i) => {
    const b = bargaining[id];
    const meta = issueMeta[id] || {};
    const [smin, smax] = meta.scale || [0, 100];
    const xs = scale(smin, smax, x0, x1);
    const y = 18 + i * rowH;
    body += `<text x="${x0 - 8}" y="${y + 4}" text-anchor="end">${esc((b.title || id).slice(0, 24))}</text>`;
    body += `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#e3e6ec" stroke-width="6" stroke-linecap="round"/>`;
    if (b.interval && finite(b.interval[0]) && finite(b.interval[1]))
      body += `<line x1="${xs(b.interval[0])}" y1="${y}" x2="${xs(b.interval[1])}" y2="${y}" stroke="${PALETTE[0]}" stroke-width="6" opacity="0.4"/>`;
    if (finite(meta.threshold)) body += `<line x1="${xs(meta.threshold)}" y1="${y - 8}" x2="${xs(meta.threshold)}" y2="${y + 8}" stroke="#888" stroke-dasharray="2,2"/>`;
    const v = finite(b.median) ? b.median : b.forecast;
    body += `<circle data-series="${esc(id)}" cx="${xs(v)}" cy="${y}" r="5" fill="${PALETTE[0]}"/>`;
    body += `<text x="${x0}" y="${y + 17}" fill="#5b6475">${esc(smin)}</text><text x="${x1}" y="${y + 17}" text-anchor="end" fill="#5b6475">${esc(smax)}</text>`;
  });
  return `<svg class="chart" data-chart-id="forecasts" viewBox="0 0 ${W} ${h}" role="img">${body}</svg>`;
}

/// The game's outcome distribution across replicates (results.games.outcome_frequency).
export function outcomeChart(freq) {
  const entries = Object.entries(freq || {}).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((s, e) => s + e[1], 0) || 1;
  const rowH = 26;
  const h = 10 + rowH * Math.max(1, entries.length);
  let body = '';
  entries.forEach(([name, n], i) => {
    const y = 8 + i * rowH;
    const w = ((W - 70) * n) / total;
    body += `<rect data-series="${esc(name)}" x="0" y="${y}" width="${w.toFixed(1)}" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`;
    body += `<text x="${Math.min(w + 4, W - 66)}" y="${y + 10}">${fmt((100 * n) / total, 3)}%</text>`;
    body += `<text x="0" y="${y + 22}" fill="#5b6475">${esc(name.slice(0, 90))}</text>`;
  });
  return `<svg class="chart" data-chart-id="outcomes" viewBox="0 0 ${W} ${h}" role="img">${body}</svg>`;
}

/// Whether a fitted race's forecast may be drawn: the rule of the brief (docs/scenario.md,
/// "Answers and verdicts"): the fitted race is stable, beats no change out of sample
/// (hold-out MAPE below no change's on the same years), its backtest rel. MAE is below 1 (when
/// the backtest ran: backtest_rel_mae), and never goes below zero.
export function raceCredible(race) {
  const below = (race.no_cap || []).some((row) => row.some((v) => finite(v) && v < 0));
  const losesBacktest = finite(race.backtest_rel_mae) && race.backtest_rel_mae >= 1;
  return Boolean(race.stable) && finite(race.naive_mape_percent) &&
    race.holdout_mape_percent < race.naive_mape_percent && !below && !losesBacktest;
}

/// Observed series per actor and, only when raceCredible(), the fitted race's forecast without
/// a cap (results.armsrace[race]); a forecast that is not credible is not drawn at all.
export function raceChart(name, race) {
  const credible = raceCredible(race);
  const times = credible ? race.forecast_times : [];
  const xsAll = [...race.years, ...times];
  const vals = [];
  race.observed.forEach((row) => vals.push(...row));
  if (credible) race.no_cap.forEach((row) => vals.push(...row));
  const [lo, hi] = extent(vals);
  const xs = scale(Math.min(...xsAll), Math.max(...xsAll), M.l, W - M.r);
  const ys = scale(Math.min(0, lo), hi * 1.05, H - M.b, M.t);
  let body = '';
  race.actors.forEach((a, k) => {
    const col = PALETTE[k % PALETTE.length];
    body += `<path data-series="${esc(a)}" d="${path(race.years, race.observed.map((r) => r[k]), xs, ys)}" fill="none" stroke="${col}" stroke-width="2"/>`;
    if (credible) body += `<path data-forecast="${esc(a)}" d="${path(race.forecast_times, race.no_cap.map((r) => r[k]), xs, ys)}" fill="none" stroke="${col}" stroke-width="1.5" stroke-dasharray="4,3"/>`;
  });
  const xt = ticks(Math.min(...xsAll), Math.max(...xsAll), 6).map(Math.round);
  return frame(`race-${name}`, body, { xs, ys, xt, yt: ticks(Math.min(0, lo), hi * 1.05), yfmt: (v) => fmt(v, 2) }) + legend(race.actors);
}

/// Change of each answer from the comparison run, relative to that run's value: a tornado
/// of what moved (bars sorted by size).
export function changeChart(rows) {
  const data = rows.filter((r) => finite(r.relative_delta)).sort((a, b) => Math.abs(b.relative_delta) - Math.abs(a.relative_delta));
  const rowH = 22;
  const h = 16 + rowH * Math.max(1, data.length);
  const m = Math.max(1e-9, ...data.map((r) => Math.abs(r.relative_delta)));
  const cx = 300;
  const half = W - cx - 50;
  let body = `<line x1="${cx}" y1="4" x2="${cx}" y2="${h - 4}" stroke="#9aa3b2"/>`;
  data.forEach((r, i) => {
    const y = 8 + i * rowH;
    const w = (half * Math.abs(r.relative_delta)) / m;
    const x = r.relative_delta < 0 ? cx - w : cx;
    body += `<text x="${cx - half - 8 > 0 ? 6 : 0}" y="${y + 11}">${esc(r.id)}</text>`;
    body += `<rect data-series="${esc(r.id)}" x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, r.relative_delta === 0 ? 0 : 1).toFixed(1)}" height="14" fill="${r.relative_delta < 0 ? '#b3261e' : '#1b7f3b'}"/>`;
    body += `<text x="${W - 4}" y="${y + 11}" text-anchor="end">${r.relative_delta > 0 ? '+' : ''}${fmt(100 * r.relative_delta, 3)}%</text>`;
  });
  return `<svg class="chart" data-chart-id="changes" viewBox="0 0 ${W} ${h}" role="img">${body}</svg>`;
}
