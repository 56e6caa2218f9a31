// SPDX-License-Identifier: Apache-2.0
// A site's month from central's usage aggregates (/api/usage): figures, refusals by reason, visits by hour of day,
// one row per station, visits served by occupation (first-time and repeat); the CSV is central's own; the page prints.
import { api, esc, fmtNum, start, t } from './app.js';

const month = document.getElementById('month');
const site = document.getElementById('site');
const FIGURES = [['visits', 'visits'], ['entries', 'entries'], ['grants', 'grants'], ['refusals', 'refusals'],
  ['occupancy.peak', 'peakOccupancy'], ['lockers.assigned', 'lockers'], ['alarms', 'alarms']];

function lastDay(m) {
  const [y, mo] = m.split('-').map(Number);
  return `${m}-${String(new Date(y, mo, 0).getDate()).padStart(2, '0')}`;
}

// Visits served (服务人次) by occupation category, from central's visits rows, with the month's total last.
function drawServed(v) {
  const cells = (n) => ['visits', 'firstTime', 'repeat'].map((k) => `<td class="num">${fmtNum(n[k])}</td>`).join('');
  document.querySelector('#served thead').innerHTML = `<tr><th>${esc(t('occupationLabelShort'))}</th>`
    + ['visits', 'firstTime', 'repeat'].map((k) => `<th class="num">${esc(t(k))}</th>`).join('') + '</tr>';
  document.querySelector('#served tbody').innerHTML = Object.entries(v.byOccupation)
    .sort((a, b) => b[1].visits - a[1].visits)
    .map(([o, n]) => `<tr data-occupation="${esc(o)}"><td>${esc(t('occ_' + o) === 'occ_' + o ? o : t('occ_' + o))
    }</td>${cells(n)}</tr>`).join('') + `<tr data-occupation=""><th>${esc(t('total'))}</th>${cells(v)}</tr>`;
}

async function draw() {
  if (!site.value || !month.value) return;
  const path = `/api/usage/monthly/${encodeURIComponent(site.value)}/${month.value}`;
  const [r, hours] = await Promise.all([api(path), api(`/api/usage?site=${encodeURIComponent(site.value)}`
    + `&step=hour&from=${month.value}-01&to=${lastDay(month.value)}`)]);
  document.getElementById('csv').href = path + '?format=csv';
  document.getElementById('heading').textContent = `${t('reports')} ${r.month} · ${r.site}`;
  const tot = r.total;
  document.getElementById('totals').innerHTML = FIGURES.map(([k, label]) => `<div class="card" data-figure="${
    esc(k)}"><div>${esc(t(label))}</div><div class="v">${fmtNum(tot[k] ?? 0)}</div></div>`).join('');
  document.getElementById('refusals').innerHTML = Object.entries(tot).filter(([k]) => k.startsWith('refusals.'))
    .map(([k, v]) => `${esc(k.substring(9))}: ${fmtNum(v)}`).join(' · ') || esc(t('none'));
  const byHour = new Array(24).fill(0);
  // The hour written in each period is central's (the union's time zone), whatever the browser's zone.
  for (const p of hours) byHour[parseInt(p.period.substring(11, 13), 10)] += p.metrics.visits || 0;
  const max = Math.max(1, ...byHour);
  document.getElementById('hours').innerHTML = '<div class="hours">' + byHour.map((v, h) => `<div title="${h}:00 ${
    fmtNum(v)}"><span style="height:${Math.round((v / max) * 80) + 1}px"></span><small>${h}</small></div>`).join('')
    + '</div>';
  drawServed(r.visitsServed);
  document.querySelector('#stations thead').innerHTML = `<tr><th>${esc(t('station'))}</th>`
    + r.columns.map((c) => `<th class="num">${esc(c)}</th>`).join('') + '</tr>';
  document.querySelector('#stations tbody').innerHTML = Object.entries(r.stations).map(([s, m]) => `<tr><td>${
    esc(s)}</td>` + r.columns.map((c) => `<td class="num">${fmtNum(m[c] ?? 0)}</td>`).join('') + '</tr>').join('');
}

await start('reports');
const now = new Date();
month.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
const fleet = await api('/console/api/fleet');
fleet.sites.forEach((s) => site.add(new Option(s, s)));
month.onchange = draw;
site.onchange = draw;
document.getElementById('print').onclick = () => window.print();
await draw();
