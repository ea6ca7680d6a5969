// racehunt view: the explorer page. Plain JavaScript, no framework: the server computes every view
// from the address the URL holds (model, variant, parameters, path, cursor), and this page draws it.
// Every text from a model or a trace is written with textContent, never as HTML.

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(path, init) {
  const res = await fetch(path, init);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `${res.status}`);
  return data;
}

let models = [];
/** What the URL holds. */
let address = null;
/** A trace opened, for its banner: { file, property, outcome, message }. */
let opened = null;
let view = null;

// ---- the address in the URL -------------------------------------------------------------------

function readHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  const params = {};
  for (const kv of (q.get('params') ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    params[k] = Number(v);
  }
  return {
    model: q.get('model') ?? '',
    variant: q.get('variant') ?? '',
    params,
    path: (q.get('path') ?? '').split('.').filter(Boolean).map(Number),
    cursor: q.has('cursor') ? Number(q.get('cursor')) : null,
    trace: q.get('trace'),
  };
}

function query(a) {
  const q = new URLSearchParams();
  q.set('model', a.model);
  q.set('variant', a.variant);
  const params = Object.entries(a.params ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (params) q.set('params', params);
  if (a.path.length > 0) q.set('path', a.path.join('.'));
  q.set('cursor', String(a.cursor ?? a.path.length));
  return q;
}

/** Go to an address: the URL first (so that a link holds it), then the view. */
function go(a) {
  const q = query(a);
  if (opened?.file) q.set('trace', opened.file);
  const hash = `#${q}`;
  if (location.hash === hash) show();
  else location.hash = hash;
}

// ---- loading -----------------------------------------------------------------------------------

async function start() {
  models = await api('/api/models');
  $('model').replaceChildren(...models.map((m) => el('option', { value: m.ref }, `${m.ref} — ${m.title}`)));
  const traces = await api('/api/traces');
  $('traces').append(
    ...traces
      .filter((t) => !t.error && t.by !== 'schedule')
      .map((t) => el('option', { value: t.file }, `${t.file} (${t.outcome}, ${t.steps} steps)`)),
  );
  $('model').addEventListener('change', () => {
    opened = null;
    go({ model: $('model').value, variant: '', params: {}, path: [], cursor: 0 });
  });
  $('variant').addEventListener('change', () => {
    opened = null;
    go({ ...address, variant: $('variant').value, path: [], cursor: 0 });
  });
  $('traces').addEventListener('change', () => openTrace(`/api/trace?file=${encodeURIComponent($('traces').value)}`));
  $('upload').addEventListener('change', async () => {
    const file = $('upload').files[0];
    if (file) openTrace('/api/trace', { method: 'POST', body: await file.text() });
  });
  $('replay').addEventListener('change', replayOn);
  $('hunt').addEventListener('click', () => search('hunt'));
  $('check').addEventListener('click', () => search('check'));
  $('back').addEventListener('click', () => step(-1));
  $('forward').addEventListener('click', () => step(+1));
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowLeft') step(-1);
    if (e.key === 'ArrowRight') step(+1);
  });
  window.addEventListener('hashchange', route);
  await route();
}

/** A link to a trace alone (#trace=FILE) opens it; a link to a model shows it; no link, the first model. */
async function route() {
  const h = readHash();
  if (h.trace && !h.model) await openTrace(`/api/trace?file=${encodeURIComponent(h.trace)}`);
  else if (!h.model) go({ model: models[0].ref, variant: '', params: {}, path: [], cursor: 0 });
  else {
    if (h.trace && opened?.file !== h.trace) opened = { file: h.trace };
    await show();
  }
}

async function openTrace(url, init) {
  try {
    const t = await api(url, init);
    opened = t;
    go(t.address);
    $('traces').value = '';
  } catch (e) {
    status(e.message, 'error');
  }
}

async function show() {
  const h = readHash();
  const model = models.find((m) => m.ref === h.model);
  if (!model) {
    status(`model "${h.model}" is not loaded here`, 'error');
    return;
  }
  const variant = h.variant || model.variants[0].name;
  address = { model: model.ref, variant, params: h.params, path: h.path, cursor: h.cursor ?? h.path.length };
  try {
    view = await api(`/api/view?${query(address)}`);
  } catch (e) {
    status(e.message, 'error');
    return;
  }
  address = view.address;
  drawTarget(model);
  drawPath();
  drawState();
  drawSide();
  drawCharts();
  if (opened?.property && opened.address?.model === address.model)
    status(
      `${opened.file ?? 'uploaded trace'}: ${opened.property.name} — ${opened.message}`,
      opened.outcome === 'counterexample' ? 'broken' : 'ok',
    );
  else if (!document.body.dataset.keepStatus) status('');
  delete document.body.dataset.keepStatus;
}

function status(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

function step(delta) {
  if (!address) return;
  const cursor = Math.max(0, Math.min(address.path.length, address.cursor + delta));
  if (cursor !== address.cursor) go({ ...address, cursor });
}

// ---- the form: model, variant, parameters ------------------------------------------------------

function drawTarget(model) {
  $('model').value = model.ref;
  $('variant').replaceChildren(...model.variants.map((v) => el('option', { value: v.name, title: v.doc }, v.name)));
  $('variant').value = address.variant;
  $('params').replaceChildren(
    ...model.params.map((p) =>
      el(
        'label',
        { title: p.doc },
        p.name,
        ' ',
        el('input', {
          type: 'number',
          min: p.min,
          max: p.max,
          value: view.params[p.name],
          'data-param': p.name,
          onchange: (e) => {
            opened = null;
            go({ ...address, params: { ...address.params, [p.name]: Number(e.target.value) }, path: [], cursor: 0 });
          },
        }),
      ),
    ),
  );
  $('replay').replaceChildren(
    el('option', { value: '' }, 'another variant…'),
    ...model.variants.filter((v) => v.name !== address.variant).map((v) => el('option', { value: v.name }, v.name)),
  );
  $('search-property').replaceChildren(
    el('option', { value: '' }, 'every property'),
    ...view.verdicts.map((v) => el('option', { value: v.name }, `${v.name} (${v.kind})`)),
  );
}

// ---- the path as lanes, the same as the terminal's swimlane -------------------------------------

/** Full lane names while they fit; else the terminal's initials, with a legend (as the terminal does). */
const LANE_NAMES = 24;

function drawPath() {
  const lanes = view.lanes;
  const short = lanes.join('').length > LANE_NAMES;
  const names = short ? view.initials : lanes;
  $('legend').textContent = short ? `lanes: ${lanes.map((l, i) => `${view.initials[i]} ${l}`).join(' · ')}` : '';
  const head = el(
    'tr',
    {},
    el('th', { class: 'n' }, 'step'),
    ...lanes.map((l, i) => el('th', { class: 'lane', title: l }, names[i])),
    el('th', {}, ''),
  );
  const rows = [
    row(0, null, 'initial state', null),
    ...view.steps.map((s) => row(s.index, s.actor, s.description, s.call)),
  ];
  $('lanes').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  $('position').textContent = `step ${address.cursor} of ${address.path.length}`;
  $('back').disabled = address.cursor === 0;
  $('forward').disabled = address.cursor === address.path.length;
  $('lanes').querySelector('tr.here')?.scrollIntoView({ block: 'nearest' });

  function row(index, actor, text, call) {
    const broken = view.firstBroken && view.firstBroken.step === index;
    return el(
      'tr',
      {
        class: [index === address.cursor ? 'here' : '', index > address.cursor ? 'ahead' : '', broken ? 'broken' : '']
          .filter(Boolean)
          .join(' '),
        'data-step': index,
        onclick: () => go({ ...address, cursor: index }),
      },
      el('td', { class: 'n' }, String(index)),
      ...lanes.map((l, i) =>
        el(
          'td',
          { class: `lane c${i % 8}` },
          l === actor ? el('span', { class: 'dot' }, '●') : el('span', { class: 'line' }, '│'),
        ),
      ),
      el(
        'td',
        { class: 'what' },
        text,
        call ? el('code', {}, ` ${call}`) : null,
        broken ? el('span', { class: 'mark' }, ` ✗ ${view.firstBroken.property}`) : null,
      ),
    );
  }
}

// ---- the state as a tree, the fields the last step changed highlighted --------------------------

function drawState() {
  $('state-where').textContent = address.cursor === 0 ? 'initially' : `after step ${address.cursor}`;
  const changed = view.changed.map((c) => c.path.join('\u0000'));
  const mark = (path) => {
    const key = path.join('\u0000');
    if (changed.includes(key)) return 'changed';
    if (changed.some((c) => key === '' || c.startsWith(`${key}\u0000`))) return 'changed-within';
    return '';
  };
  $('changes').replaceChildren(...view.changed.map((c) => el('li', {}, describeChange(c))));
  $('state').replaceChildren(tree(view.state, [], mark, 'state'));
}

function describeChange(c) {
  const at = c.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  if (c.op === 'remove') return `${at}: ${short(c.from)} → deleted`;
  if (!('from' in c)) return `${at} = ${short(c.to)} (new)`;
  return `${at}: ${short(c.from)} → ${short(c.to)}`;
}

function short(v) {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

function tree(value, path, mark, label) {
  const cls = mark(path);
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    const summary = el(
      'summary',
      { class: cls },
      el('span', { class: 'key' }, label),
      el('span', { class: 'preview' }, Array.isArray(value) ? ` [${value.length}]` : ` {${entries.length}}`),
    );
    return el(
      'details',
      { open: true, 'data-path': path.join('.') },
      summary,
      ...entries.map(([k, v]) => tree(v, [...path, k], mark, Array.isArray(value) ? `[${k}]` : k)),
    );
  }
  return el(
    'div',
    { class: `leaf ${cls}`, 'data-path': path.join('.') },
    el('span', { class: 'key' }, label),
    ': ',
    el('span', { class: `value ${value === null ? 'null' : typeof value}` }, JSON.stringify(value)),
  );
}

// ---- properties and enabled actions ------------------------------------------------------------

const MARK = { holds: '✓', broken: '✗', reached: '✓', 'not-reached': '·', 'not-applicable': '–', error: '!' };

function drawSide() {
  $('verdicts').replaceChildren(
    ...view.verdicts.map((v) =>
      el(
        'li',
        { class: v.status, title: v.doc, 'data-property': v.name },
        el('span', { class: 'mark' }, MARK[v.status] ?? '?'),
        ' ',
        el('b', {}, v.name),
        el('span', { class: 'kind' }, ` ${v.kind}`),
        el('span', { class: 'status' }, ` ${v.status.replace('-', ' ')}`),
        v.message ? el('div', { class: 'message' }, v.message) : null,
      ),
    ),
  );
  const actions = view.enabled.map((a) =>
    el(
      'li',
      {},
      el(
        'button',
        {
          type: 'button',
          title: a.doc || a.action,
          'data-choice': a.choice,
          onclick: () => {
            const path = [...address.path.slice(0, address.cursor), a.choice];
            go({ ...address, path, cursor: path.length });
          },
        },
        el('span', { class: 'actor' }, a.actor),
        ' ',
        a.description,
        el('code', {}, ` ${a.action}${a.args ? `(${a.args})` : ''}`),
      ),
    ),
  );
  const none = el(
    'li',
    { class: 'none' },
    view.end ? 'an end state: nothing more is expected' : 'nothing is enabled here (a deadlock)',
  );
  $('actions').replaceChildren(...(actions.length > 0 ? actions : [none]));
}

// ---- timed models: the tick series as charts ---------------------------------------------------

/** A column's value as a number: a number, or the first number of a fraction ("1/2" → 1); else NaN. */
function numeric(v) {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+(?:\.\d+)?)(?:\/\d+)?$/.exec(v ?? '');
  return m ? Number(m[1]) : NaN;
}

function drawCharts() {
  const charts = view.series.filter((s) => s.values.some((v) => v !== null));
  $('charts').replaceChildren(
    ...charts.map((s) =>
      s.values.every((v) => v === null || !Number.isNaN(numeric(v))) ? lineChart(s) : levelChart(s),
    ),
  );
}

const W = 420;
const PAD = { l: 36, r: 8, t: 16, b: 14 };
const xOf = (i, n) => PAD.l + ((W - PAD.l - PAD.r) * i) / Math.max(1, n - 1);

function titled(series, H, ...children) {
  const now = series.values[address.cursor];
  const n = series.values.length;
  return el(
    'figure',
    { class: 'chart', 'data-series': series.name },
    svg(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${series.name} along the path` },
      svg(
        'text',
        { x: PAD.l, y: 11, class: 'title' },
        `${series.name}${now === null || now === undefined ? '' : ` = ${now}`}`,
      ),
      ...children,
      svg('line', {
        x1: xOf(address.cursor, n),
        x2: xOf(address.cursor, n),
        y1: PAD.t,
        y2: H - PAD.b,
        class: 'cursor',
      }),
    ),
  );
}

/** A numeric column: a line over the steps, with gaps where it is empty. */
function lineChart(series) {
  const H = 70;
  const vals = series.values.map((v) => (v === null ? null : numeric(v)));
  const present = vals.filter((v) => v !== null);
  const lo = Math.min(0, ...present);
  const hi = Math.max(lo + 1, ...present);
  const y = (v) => H - PAD.b - ((H - PAD.t - PAD.b) * (v - lo)) / (hi - lo);
  const runs = [];
  let run = [];
  vals.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${xOf(i, vals.length).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run);
  return titled(
    series,
    H,
    svg('text', { x: PAD.l - 4, y: y(hi) + 4, class: 'axis', 'text-anchor': 'end' }, String(hi)),
    svg('text', { x: PAD.l - 4, y: y(lo) + 4, class: 'axis', 'text-anchor': 'end' }, String(lo)),
    svg('line', { x1: PAD.l, x2: W - PAD.r, y1: y(lo), y2: y(lo), class: 'base' }),
    ...runs.map((r) => svg('polyline', { points: r.join(' '), class: 'series' })),
  );
}

/** A column of levels ("up", "down"): a strip, one colour per level, labelled where it changes. */
function levelChart(series) {
  const H = 44;
  const levels = [...new Set(series.values.filter((v) => v !== null))];
  const n = series.values.length;
  const step = (W - PAD.l - PAD.r) / Math.max(1, n - 1);
  const parts = [];
  series.values.forEach((v, i) => {
    if (v === null) return;
    const x = Math.max(PAD.l, xOf(i, n) - step / 2);
    const w = Math.min(W - PAD.r, xOf(i, n) + step / 2) - x;
    parts.push(
      svg('rect', {
        x,
        y: PAD.t,
        width: Math.max(w, 1),
        height: H - PAD.t - PAD.b,
        class: `level l${levels.indexOf(v) % 4}`,
      }),
    );
    if (i === 0 || series.values[i - 1] !== v)
      parts.push(svg('text', { x: x + 2, y: H - PAD.b - 4, class: 'level-label' }, String(v)));
  });
  return titled(series, H, ...parts);
}

// ---- replay on another variant, search from here -----------------------------------------------

async function replayOn() {
  const to = $('replay').value;
  if (!to) return;
  try {
    const r = await api(`/api/replay?${query(address)}&to=${encodeURIComponent(to)}`);
    opened = null;
    document.body.dataset.keepStatus = '1';
    status(r.summary, r.blocked !== null || r.differs !== null ? 'broken' : 'ok');
    go({ ...r.address, cursor: r.blocked !== null ? r.address.path.length : r.address.cursor });
  } catch (e) {
    status(e.message, 'error');
  }
}

async function search(how) {
  status(`${how === 'hunt' ? 'hunting' : 'checking'} from step ${address.cursor}…`, 'busy');
  for (const b of [$('hunt'), $('check')]) b.disabled = true;
  try {
    const property = $('search-property').value;
    const r = await api(
      `/api/search?${query(address)}&how=${how}${property ? `&property=${encodeURIComponent(property)}` : ''}`,
    );
    opened = null;
    document.body.dataset.keepStatus = '1';
    status(r.summary, r.found ? 'broken' : 'ok');
    go(r.address);
  } catch (e) {
    status(e.message, 'error');
  } finally {
    for (const b of [$('hunt'), $('check')]) b.disabled = false;
  }
}

start().catch((e) => status(e.message, 'error'));
