// SPDX-License-Identifier: Apache-2.0
// One station: live status, last self-test, charts (uPlot), the event log with filters and paging, config and commands.
import { api, esc, fmtNum, fmtTime, live, may, start, t } from './app.js';

const id = new URLSearchParams(location.search).get('id') || '';
const [site, name] = id.split('/');
const base = `/api/stations/${encodeURIComponent(site)}/${encodeURIComponent(name)}`;
const cbase = `/console${base}`; // the console's own endpoints (event log)
let oldest = null;

function card(label, value, cls) {
  return `<div class="card"><div>${esc(label)}</div><div class="v ${cls || ''}">${value}</div></div>`;
}

function drawStatus(s) {
  const st = s.status || {};
  const occ = st.occupancy || {};
  const lk = st.lockers;
  const h = s.health || {};
  document.getElementById('status').innerHTML = [
    card(t('state'), `<span class="pill ${esc(s.presence)}" id="presence">${esc(t(s.presence))}</span>`),
    card(t('door'), esc(st.door ? t('door.' + st.door) : '—') + (st.lockdown ? ' · ' + esc(t('lockdown')) : '')),
    card(t('occupancy'), `${fmtNum(occ.inside)} / ${fmtNum(occ.capacity)}`),
    card(t('lockers'), lk ? `${fmtNum(lk.owned)} / ${fmtNum(lk.owned + lk.free + (lk.outOfService || []).length)}`
      : '—'),
    card(t('alarms'), esc((st.alarms || []).join(', ') || t('none'))),
    card(t('outbox'), fmtNum(h.outboxDepth)),
    card(t('lastSeen'), fmtTime(Math.max(s.statusAt || 0, s.stateAt || 0) || null)),
    card(t('version'), esc(s.version ?? '—')),
  ].join('');
  document.getElementById('reported').textContent = JSON.stringify(s.reportedConfig, null, 2) ?? '—';
}

/** The station's last self-test (docs/selftest.md): one row per check, the fix where it failed. */
function drawSelftest(r) {
  const table = document.getElementById('selftest');
  const summary = document.getElementById('selftest-summary');
  const results = r && Array.isArray(r.results) ? r.results : null;
  table.hidden = !results;
  if (!results) {
    summary.textContent = t('selftestNone');
    return;
  }
  const c = r.counts || {};
  summary.className = r.passed ? 'answer ok' : 'answer bad';
  summary.textContent = t('selftestSummary').replace('{at}', fmtTime(Date.parse(r.at)))
    .replace('{pass}', fmtNum(c.pass)).replace('{fail}', fmtNum(c.fail)).replace('{skip}', fmtNum(c.skip));
  table.querySelector('tbody').innerHTML = results.map((x) => `<tr data-result="${esc(x.result)}">`
    + `<td>${esc(x.name ?? x.what)}</td><td class="${x.result === 'fail' ? 'bad' : ''}">`
    + `${esc(t('selftest.' + x.result))}: ${esc(x.detail)}</td><td>${esc(x.fix ?? '')}</td></tr>`).join('');
}

async function refresh() {
  try {
    const s = await api(base);
    drawStatus(s);
    drawSelftest(s.selftest);
  } catch (e) {
    document.getElementById('status').textContent = e.status === 404 ? t('notFound') : e.message;
  }
}

function chart(el, title, xs, ys, bars, time = true) {
  const width = Math.max(300, el.parentElement.clientWidth - 10);
  el.innerHTML = '';
  const series = { label: title, stroke: '#1f6feb', fill: bars ? '#1f6feb55' : undefined, width: 2 };
  if (bars) series.paths = uPlot.paths.bars({ size: [0.7, 40] });
  // eslint-disable-next-line no-undef
  // Half a step of room either side, so the first and last bars are whole.
  const pad = bars && xs.length > 1 ? (xs[1] - xs[0]) / 2 : 0;
  return new uPlot({ width, height: 200, series: [{}, series], legend: { show: false },
    scales: { x: { time, range: (u, min, max) => [min - pad, max + pad] } }, axes: time ? undefined : [{ values: (u, v) => v.map((h) => h + ':00') }, {}] },
    [xs, ys], el);
}

function ymd(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Charts from central's usage aggregates: today per hour, the last 30 days per day. */
async function charts() {
  const today = new Date();
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  const q = `/api/usage?site=${encodeURIComponent(site)}&station=${encodeURIComponent(name)}`;
  const [hours, days] = await Promise.all([api(`${q}&step=hour&from=${ymd(today)}&to=${ymd(today)}`),
    api(`${q}&step=day&from=${ymd(first)}&to=${ymd(today)}`)]);
  // Hours are central's (the union's time zone): placed by the hour written in each period, not the browser's.
  const hx = [...Array(24).keys()];
  const visits = new Array(24).fill(0);
  const peak = new Array(24).fill(null);
  for (const p of hours) {
    const h = parseInt(p.period.substring(11, 13), 10);
    visits[h] += p.metrics.visits || 0;
    peak[h] = Math.max(peak[h] ?? 0, p.metrics['occupancy.peak'] ?? 0);
  }
  const dx = [];
  const perDay = [];
  const lockers = [];
  for (let i = 0; i < 30; i++) {
    const d = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i);
    const p = days.find((x) => x.period === ymd(d));
    dx.push(d.getTime() / 1000);
    perDay.push(p ? p.metrics.visits || 0 : 0);
    lockers.push(p ? p.metrics['lockers.assigned'] || 0 : 0);
  }
  chart(document.getElementById('c-hour'), t('entriesPerHour'), hx, visits, true, false);
  chart(document.getElementById('c-day'), t('entriesPerDay'), dx, perDay, true);
  chart(document.getElementById('c-inside'), t('peakPerHour'), hx, peak, false, false);
  chart(document.getElementById('c-lockers'), t('lockersPerDay'), dx, lockers, true);
}

async function events(more) {
  const f = new FormData(document.getElementById('filter'));
  const q = new URLSearchParams({ limit: 50 });
  if (f.get('type')) q.set('type', f.get('type'));
  if (f.get('reason')) q.set('reason', f.get('reason').trim());
  if (f.get('from')) q.set('from', new Date(f.get('from')).getTime());
  if (f.get('to')) q.set('to', new Date(f.get('to')).getTime());
  if (more && oldest != null) q.set('before', oldest);
  const list = await api(`${cbase}/events?${q}`);
  const tbody = document.querySelector('#events tbody');
  const html = list.map((e) => `<tr><td class="num">${e.seq}</td><td>${fmtTime(e.ts)}</td><td>${esc(e.type)}</td>`
    + `<td>${esc(Object.entries(e.fields).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' '))}</td></tr>`).join('');
  tbody.innerHTML = more ? tbody.innerHTML + html : html;
  if (list.length) oldest = list[list.length - 1].seq;
  document.getElementById('older').hidden = list.length < 50;
}

async function desired() {
  const cmds = await api(base + '/commands?limit=50');
  const last = cmds.find((c) => c.name === 'config');
  document.getElementById('desired').textContent = last ? JSON.stringify({ args: last.args, outcome: last.outcome,
    at: fmtTime(last.issuedAt), by: last.issuedBy }, null, 2) : '—';
}

/** Sends a command, then shows the station's answer or the timeout. */
async function send(cmd, args) {
  const out = document.getElementById('answer');
  out.className = 'answer';
  out.textContent = t('sent');
  try {
    let c = await api(base + '/commands', { method: 'POST', body: { name: cmd, args } });
    while (c.outcome === 'pending') {
      await new Promise((r) => setTimeout(r, 500));
      c = await api('/api/commands/' + encodeURIComponent(c.id));
    }
    const text = { ok: t('answerOk'), refused: t('answerRefused'), timeout: t('answerTimeout'),
      unsent: t('answerUnsent') }[c.outcome] || c.outcome;
    out.className = 'answer ' + (c.outcome === 'ok' ? 'ok' : 'bad');
    out.dataset.outcome = c.outcome;
    out.textContent = `${t(cmdKey(cmd))}: ${text}${c.reason ? ' (' + c.reason + ')' : ''}`;
  } catch (e) {
    out.className = 'answer bad';
    out.dataset.outcome = 'error';
    out.textContent = e.message;
  }
}

function cmdKey(cmd) {
  return { unlock: 'unlock', 'lockdown-on': 'lockdownOn', 'lockdown-off': 'lockdownOff', 'open-locker': 'openLocker',
    'release-locker': 'releaseLocker', 'block-locker': 'blockLocker', rebirth: 'rebirth' }[cmd];
}

await start('fleet');
document.getElementById('name').textContent = id;
document.title = id;
if (may('command')) {
  document.getElementById('commands').hidden = false;
  document.getElementById('config').hidden = false;
  document.querySelectorAll('[data-cmd]').forEach((b) => {
    b.onclick = () => {
      const c = b.dataset.cmd;
      const locker = document.getElementById('locker').value.trim();
      if (c.startsWith('lockdown')) send('lockdown', { on: c === 'lockdown-on' });
      else if (c.endsWith('-locker')) send(c, { locker });
      else send(c, {});
    };
  });
  document.getElementById('config').onsubmit = (e) => {
    e.preventDefault();
    const args = {};
    new FormData(e.target).forEach((v, k) => { if (String(v).trim()) args[k] = String(v).trim(); });
    send('config', args).then(desired);
  };
} else {
  document.getElementById('commands').remove();
  document.getElementById('config').remove();
}
document.getElementById('filter').onsubmit = (e) => { e.preventDefault(); oldest = null; events(false); };
document.getElementById('older').onclick = () => events(true);
await refresh();
await Promise.all([events(false), charts().catch(() => {}), desired()]);
let pendingRefresh = false;
live({
  stations: (list) => {
    if (list.some((s) => s.station === id) && !pendingRefresh) {
      pendingRefresh = true;
      setTimeout(() => { pendingRefresh = false; refresh(); }, 300);
    }
  },
});
