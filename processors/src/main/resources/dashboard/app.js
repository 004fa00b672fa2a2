// newsmon dashboard. Every piece of data reaches the page through textContent or DOM nodes,
// never as markup: article text is whatever the web sent us.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
  '#17becf', '#bcbd22', '#7f7f7f'];
const DEFAULT_SHOWN = 6;

const state = {
  rules: [],
  ruleById: new Map(),
  actorById: new Map(),
  shown: new Set(),
  userPicked: false,
  colorOf: new Map(),
  alerts: new Map(),
  series: [],
};

function $(id) { return document.getElementById(id); }

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

async function getJson(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}

function label(ruleId) {
  const r = state.ruleById.get(ruleId);
  return r && r.label ? r.label : ruleId;
}

function fmtTime(iso) {
  const d = new Date(iso);
  return d.toISOString().slice(5, 16).replace('T', ' ') + ' UTC';
}

function show(id, visible) { $(id).classList.toggle('hidden', !visible); }

/** Only http(s) links are followed; anything else (javascript:, data:) is shown as plain text. */
function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

// ---- rules ---------------------------------------------------------------------------------

async function loadRules() {
  const data = await getJson('api/rules');
  state.rules = data.rules;
  state.rules.forEach(r => state.ruleById.set(r.id, r));
  data.actors.forEach(a => state.actorById.set(a.id, a));
  $('window-label').textContent = 'per ' + humanDuration(data.window) + ' window (event time)';
  const select = $('rule-select');
  select.replaceChildren(...state.rules.map(r => el('option', { value: r.id }, r.label || r.id)));
  const preferred = state.rules.find(r => r.id === 'ceasefire.30-day') || state.rules[0];
  if (preferred) select.value = preferred.id;
  select.addEventListener('change', () => loadMentions());
}

function humanDuration(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso || '');
  if (!m) return iso;
  if (m[1] && !m[2]) return m[1] === '1' ? 'hour' : m[1] + ' h';
  if (!m[1] && m[2]) return m[2] + ' min';
  return iso;
}

// ---- chart ---------------------------------------------------------------------------------

async function loadCounts() {
  const data = await getJson('api/counts');
  state.series = data.series.filter(s => s.points.length > 0);
  if (!state.userPicked) {
    const total = s => s.points.reduce((n, p) => n + p.mentions, 0);
    const ranked = [...state.series].sort((a, b) => total(b) - total(a));
    state.shown = new Set(ranked.slice(0, DEFAULT_SHOWN).map(s => s.ruleId));
  }
  assignColors();
  drawLegend();
  drawChart();
}

/** Shown rules keep their colour while shown, and no two shown rules share one. */
function assignColors() {
  for (const id of [...state.colorOf.keys()]) {
    if (!state.shown.has(id)) state.colorOf.delete(id);
  }
  for (const id of state.shown) {
    if (state.colorOf.has(id)) continue;
    const used = new Set(state.colorOf.values());
    state.colorOf.set(id, COLORS.find(c => !used.has(c)) || COLORS[state.colorOf.size % COLORS.length]);
  }
}

function drawLegend() {
  const items = state.series.map(s => {
    const box = el('input', { type: 'checkbox', 'data-rule': s.ruleId });
    box.checked = state.shown.has(s.ruleId);
    box.addEventListener('change', () => {
      state.userPicked = true;
      if (box.checked) state.shown.add(s.ruleId); else state.shown.delete(s.ruleId);
      assignColors();
      drawLegend();
      drawChart();
    });
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = state.colorOf.get(s.ruleId) || '#c5ccd3';
    return el('label', { title: s.ruleId }, box, swatch, label(s.ruleId));
  });
  $('legend').replaceChildren(...items);
}

function drawChart() {
  const chart = $('chart');
  const width = chart.clientWidth || 900;
  const height = chart.clientHeight || 280;
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const shown = state.series.filter(s => state.shown.has(s.ruleId));
  const points = shown.flatMap(s => s.points);
  chart.setAttribute('data-points', String(points.length));
  show('chart-empty', points.length === 0);
  chart.replaceChildren();
  if (points.length === 0) return;

  const pad = { left: 40, right: 12, top: 10, bottom: 26 };
  const t0 = Math.min(...points.map(p => Date.parse(p.windowStart)));
  const t1 = Math.max(...points.map(p => Date.parse(p.windowStart)));
  const yMax = Math.max(1, ...points.map(p => p.mentions));
  const x = t => pad.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - (v / yMax) * (height - pad.top - pad.bottom);

  for (const v of niceTicks(yMax)) {
    chart.appendChild(svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
    chart.appendChild(svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  chart.appendChild(svg('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0) }));
  const day = 24 * 3600 * 1000;
  const step = (t1 - t0) > 2 * day ? day : (t1 - t0) > 6 * 3600 * 1000 ? 6 * 3600 * 1000 : 3600 * 1000;
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const iso = new Date(t).toISOString();
    const text = step === day ? iso.slice(5, 10) : iso.slice(5, 10) + ' ' + iso.slice(11, 16);
    chart.appendChild(svg('line', { class: 'axis', x1: x(t), x2: x(t), y1: y(0), y2: y(0) + 4 }));
    const anchor = x(t) > width - pad.right - 40 ? 'end' : x(t) < pad.left + 40 ? 'start' : 'middle';
    chart.appendChild(svg('text', { x: x(t), y: height - 8, 'text-anchor': anchor }, text));
  }
  // spikes as dashed markers at their window start
  for (const a of state.alerts.values()) {
    if (a.type !== 'SPIKE' || !state.shown.has(a.ruleId)) continue;
    const t = Date.parse(a.windowStart);
    if (t < t0 || t > t1) continue;
    const tick = svg('line', { class: 'alert-tick', x1: x(t), x2: x(t), y1: pad.top, y2: y(0) });
    tick.appendChild(svg('title', {}, 'Spike: ' + label(a.ruleId)));
    chart.appendChild(tick);
  }
  for (const s of shown) {
    const pts = fillGaps(s.points).map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    const line = svg('polyline', { class: 'line', points: pts, stroke: state.colorOf.get(s.ruleId) });
    line.appendChild(svg('title', {}, label(s.ruleId)));
    chart.appendChild(line);
  }
}

/** Windows without mentions have no count record; they are zeros, not gaps. */
function fillGaps(points) {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => Date.parse(a.windowStart) - Date.parse(b.windowStart));
  const size = Date.parse(sorted[0].windowEnd) - Date.parse(sorted[0].windowStart);
  const out = [];
  let prev = null;
  for (const p of sorted) {
    const t = Date.parse(p.windowStart);
    if (prev !== null && size > 0 && t - prev > size) {
      out.push({ t: prev + size, v: 0 });
      if (t - size > prev + size) out.push({ t: t - size, v: 0 });
    }
    out.push({ t, v: p.mentions });
    prev = t;
  }
  return out;
}

function niceTicks(max) {
  const step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : Math.ceil(max / 5 / 10) * 10;
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

// ---- alerts --------------------------------------------------------------------------------

/**
 * The server's order (DashboardData.NEWEST_LAST), newest first: by detectedAt, then windowStart,
 * then alertId, so that the feed reads like GET /api/alerts whatever order alerts arrive in. An
 * alert detected late for an old window goes on top, as the API puts it.
 */
function newestFirst(a, b) {
  return compareInstants(b.detectedAt, a.detectedAt)
    || compareInstants(b.windowStart, a.windowStart)
    || compareText(b.alertId, a.alertId);
}

/** By UTF-16 code units, as Java's String.compareTo; localeCompare would differ. */
function compareText(x, y) {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Instants as the server writes them ("2025-03-11T10:00:00Z", "…:00.5Z", up to nine digits),
 * compared to the nanosecond: a Date keeps milliseconds only, and as text "…:00Z" sorts after
 * "…:00.5Z".
 */
function compareInstants(x, y) {
  const [sx, fx] = instantParts(x);
  const [sy, fy] = instantParts(y);
  return sx - sy || compareText(fx, fy);
}

function instantParts(iso) {
  const m = /^(.*?)(?:\.(\d{1,9}))?Z$/.exec(iso || '');
  if (!m) return [Date.parse(iso) || 0, ''];
  return [Date.parse(m[1] + 'Z') || 0, (m[2] || '').padEnd(9, '0')];
}

/**
 * When an alert was detected after its window ended (a mention within grace), says so: the feed is
 * in order of detection, and without it an old window above newer ones would look misplaced.
 */
function detectedLate(a) {
  return a.windowEnd && a.detectedAt && compareInstants(a.detectedAt, a.windowEnd) >= 0
    ? ` · detected ${fmtTime(a.detectedAt)}`
    : '';
}

function addAlert(a, fresh) {
  if (state.alerts.has(a.alertId)) return;
  state.alerts.set(a.alertId, a);
  const what = a.type === 'SPIKE'
    ? `${a.count} mentions (threshold ${a.threshold.toFixed(1)}, z ${a.score.toFixed(1)})`
    : 'first mention';
  const li = el('li', { class: 'alert ' + a.type + (fresh ? ' new' : ''), 'data-rule': a.ruleId },
    el('span', { class: 'badge ' + a.type }, a.type === 'SPIKE' ? 'SPIKE' : 'FIRST'),
    el('strong', {}, label(a.ruleId)),
    el('div', { class: 'meta' }, `${what} · window ${fmtTime(a.windowStart)}${detectedLate(a)}`));
  li.addEventListener('click', () => {
    $('rule-select').value = a.ruleId;
    loadMentions();
  });
  const feed = $('alert-feed');
  const before = [...feed.children].find(c => newestFirst(a, state.alerts.get(c.dataset.id)) < 0);
  li.dataset.id = a.alertId;
  feed.insertBefore(li, before || null);
  while (feed.children.length > 200) feed.lastChild.remove();
  show('alerts-empty', false);
}

function connectAlerts() {
  const status = $('status');
  const source = new EventSource('api/alerts/stream');
  source.addEventListener('open', () => { status.textContent = 'live'; status.className = 'status live'; });
  source.addEventListener('error', () => { status.textContent = 'reconnecting'; status.className = 'status down'; });
  source.addEventListener('alert', e => {
    addAlert(JSON.parse(e.data), true);
    if (JSON.parse(e.data).type === 'SPIKE') drawChart();
  });
}

// ---- mentions ------------------------------------------------------------------------------

async function loadMentions() {
  const rule = $('rule-select').value;
  if (!rule) return;
  const mentions = await getJson('api/mentions?rule=' + encodeURIComponent(rule));
  if ($('rule-select').value !== rule) return;
  $('mentions').replaceChildren(...mentions.map(mentionItem));
  show('mentions-empty', mentions.length === 0);
}

function mentionItem(m) {
  const href = safeHref(m.url);
  const title = m.title || '(untitled)';
  const head = href
    ? el('a', { class: 'title', href, target: '_blank', rel: 'noopener noreferrer' }, title)
    : el('span', { class: 'title' }, title);
  const meta = el('div', { class: 'meta' },
    `${m.source || ''} · ${fmtTime(m.publishedAt)} · ${m.hits} hit${m.hits === 1 ? '' : 's'}`);
  const snippets = (m.snippets || []).map(snippet);
  const actors = el('div', { class: 'actors' },
    ...(m.actors || []).map(id => {
      const a = state.actorById.get(id);
      return el('span', { class: 'actor ' + (a ? a.party : ''), title: a ? a.party : '' },
        a ? a.name : id);
    }));
  return el('li', { 'data-article': m.articleId }, head, meta, ...snippets, actors);
}

/** The sentence with its hit in a <mark>, all as text nodes. */
function snippet(s) {
  const text = s.text || '';
  const from = Math.max(0, Math.min(text.length, s.start - s.sentenceStart));
  const to = Math.max(from, Math.min(text.length, s.end - s.sentenceStart));
  return el('p', { class: 'snippet', 'data-field': s.field },
    text.slice(0, from), el('mark', {}, text.slice(from, to)), text.slice(to));
}

// ---- who demands what ------------------------------------------------------------------------

async function loadMatrix() {
  const m = await getJson('api/who-demands-what');
  const table = $('matrix');
  const byKey = new Map(m.cells.map(c => [c.party + '|' + c.ruleId, c]));
  const max = Math.max(1, ...m.cells.map(c => c.articles));
  const head = el('tr', {}, el('th', {}, 'Demand'), el('th', {}, 'Whose'), ...m.parties.map(p => el('th', {}, p)));
  const rows = m.demands.map(d => el('tr', {},
    el('td', { class: 'demand', title: d.ruleId }, d.label || d.ruleId),
    el('td', {}, d.party || '–'),
    ...m.parties.map(p => {
      const c = byKey.get(p + '|' + d.ruleId);
      if (!c) return el('td', {}, '');
      const td = el('td', { class: 'hit', title: `${c.byRuleParty} by the rule's party, ${c.byActors} by actors named with the hit` },
        String(c.articles));
      td.style.background = `rgba(31, 59, 87, ${(0.08 + 0.5 * c.articles / max).toFixed(2)})`;
      if (c.articles / max > 0.6) td.style.color = '#fff';
      return td;
    })));
  table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  show('matrix-empty', m.cells.length === 0);
}

// ---- main ----------------------------------------------------------------------------------

function every(ms, fn) {
  const run = () => fn().catch(e => console.warn(e.message)).finally(() => setTimeout(run, ms));
  run();
}

async function main() {
  try {
    await loadRules();
  } catch (e) {
    $('status').textContent = 'cannot reach the API';
    $('status').className = 'status down';
    setTimeout(main, 2000);
    return;
  }
  try {
    (await getJson('api/alerts?limit=200')).reverse().forEach(a => addAlert(a, false));
  } catch (e) {
    console.warn(e.message);
  }
  connectAlerts();
  every(2000, loadCounts);
  every(3000, loadMentions);
  every(4000, loadMatrix);
  window.addEventListener('resize', drawChart);
}

document.addEventListener('DOMContentLoaded', main);
