// SPDX-License-Identifier: Apache-2.0
// The monthly report of a site: figures, refusals by reason, visits by hour, per station; CSV and print.
import { api, esc, fmtNum, start, t } from './app.js';

const month = document.getElementById('month');
const site = document.getElementById('site');

function query() {
  const q = new URLSearchParams({ month: month.value });
  if (site.value.trim()) q.set('site', site.value.trim());
  return q;
}

async function draw() {
  const r = await api('/console/api/reports?' + query());
  document.getElementById('csv').href = '/console/api/reports.csv?' + query();
  document.getElementById('heading').textContent = `${t('reports')} ${r.month}${r.site ? ' · ' + r.site : ''}`;
  const tot = r.total;
  document.getElementById('totals').innerHTML = [['visits', tot.visits], ['distinctMembers', tot.members],
    ['entries', tot.entries], ['refusals', tot.refused], ['lockers', tot.lockers],
    ['peakHour', tot.peakHour == null ? '—' : `${tot.peakHour}:00`]].map(([k, v]) =>
    `<div class="card" data-figure="${k}"><div>${esc(t(k))}</div><div class="v">${typeof v === 'number'
      ? fmtNum(v) : esc(v)}</div></div>`).join('');
  document.getElementById('refusals').innerHTML = Object.entries(tot.refusals).map(([k, v]) =>
    `${esc(k)}: ${fmtNum(v)}`).join(' · ') || esc(t('none'));
  const max = Math.max(1, ...tot.hours);
  document.getElementById('hours').innerHTML = '<div style="display:flex;align-items:flex-end;gap:2px;height:90px">'
    + tot.hours.map((v, h) => `<div title="${h}:00 ${v}" style="flex:1;background:#1f6feb;height:${
      Math.round((v / max) * 80) + 1}px"></div>`).join('') + '</div>';
  document.querySelector('#stations tbody').innerHTML = r.stations.map((s) => `<tr><td>${esc(s.station)}</td>`
    + `<td class="num">${fmtNum(s.visits)}</td><td class="num">${fmtNum(s.members)}</td>`
    + `<td class="num">${fmtNum(s.entries)}</td><td class="num">${fmtNum(s.refused)}</td>`
    + `<td class="num">${fmtNum(s.lockers)}</td><td class="num">${s.peakHour == null ? '—' : s.peakHour + ':00'}</td>`
    + '</tr>').join('');
}

await start('reports');
const now = new Date();
month.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
month.onchange = draw;
site.onchange = draw;
document.getElementById('print').onclick = () => window.print();
await draw();
