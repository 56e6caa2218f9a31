// SPDX-License-Identifier: Apache-2.0
// The fleet table: drawn once from /console/api/fleet, then rows patched from live batches, at most one repaint per
// animation frame however many updates arrive.
import { api, esc, fmtNum, fmtTime, live, start, t } from './app.js';

const rows = new Map(); // station -> { data, tr }
const pending = new Map();
let frame = 0;
const tbody = document.querySelector('#fleet tbody');
const search = document.getElementById('search');
const siteSel = document.getElementById('site');
const stateSel = document.getElementById('state');

function cells(s) {
  const occ = s.capacity ? `${fmtNum(s.inside)} / ${fmtNum(s.capacity)}` : fmtNum(s.inside);
  const lockers = s.lockersTotal ? `${fmtNum(s.lockersUsed)} / ${fmtNum(s.lockersTotal)}` : '—';
  const href = '/console/station.html?id=' + encodeURIComponent(s.station);
  return `<td><a href="${href}">${esc(s.station.split('/')[1])}</a></td><td>${esc(s.site)}</td>`
    + `<td><span class="pill ${esc(s.presence)}">${esc(t(s.presence))}</span>${s.lockdown ? ' ' + esc(t('lockdown')) : ''}</td>`
    + `<td class="num">${occ}</td><td>${esc(s.door ? t('door.' + s.door) : '—')}</td><td class="num">${lockers}</td>`
    + `<td class="num">${s.alarms ? `<span class="pill critical">${fmtNum(s.alarms)}</span>` : '0'}</td>`
    + `<td class="num">${fmtNum(s.outboxDepth)}</td><td>${fmtTime(s.lastSeen)}</td>`;
}

function visible(s) {
  const q = search.value.trim().toLowerCase();
  return (!q || s.station.toLowerCase().includes(q)) && (!siteSel.value || s.site === siteSel.value)
    && (!stateSel.value || s.presence === stateSel.value);
}

function attrs(tr, s) {
  tr.dataset.station = s.station;
  tr.dataset.presence = s.presence;
  tr.hidden = !visible(s);
}

function count() {
  let n = 0;
  rows.forEach((r) => { if (!r.tr.hidden) n++; });
  document.getElementById('count').textContent = `${t('shown')} ${fmtNum(n)} ${t('of')} ${fmtNum(rows.size)}`;
}

function drawAll(stations) {
  // One innerHTML for the whole table: far cheaper than a thousand appendChild calls.
  tbody.innerHTML = stations.map((s) => `<tr>${cells(s)}</tr>`).join('');
  [...tbody.rows].forEach((tr, i) => {
    attrs(tr, stations[i]);
    rows.set(stations[i].station, { data: stations[i], tr });
  });
  count();
}

function patch() {
  frame = 0;
  for (const s of pending.values()) {
    let r = rows.get(s.station);
    if (!r) {
      const tr = tbody.insertRow();
      r = { data: s, tr };
      rows.set(s.station, r);
      if (![...siteSel.options].some((o) => o.value === s.site)) siteSel.add(new Option(s.site, s.site));
    }
    r.data = s;
    r.tr.innerHTML = cells(s);
    attrs(r.tr, s);
  }
  window.fleetPatchedRows = (window.fleetPatchedRows || 0) + pending.size;
  window.fleetPatches = (window.fleetPatches || 0) + 1;
  pending.clear();
  count();
  window.dispatchEvent(new CustomEvent('fleet-patched'));
}

function filter() {
  rows.forEach((r) => { r.tr.hidden = !visible(r.data); });
  count();
}

const t0 = performance.now();
// The fleet is fetched while the session loads; start() redirects to login if there is none.
const fleet = fetch('/console/api/fleet', { credentials: 'same-origin' });
await start('fleet');
const f = await (await fleet).json();
f.sites.forEach((s) => siteSel.add(new Option(s, s)));
drawAll(f.stations);
window.fleetRenderMs = performance.now() - t0;
requestAnimationFrame(() => {
  window.fleetPaintedMs = performance.now() - t0;
  window.fleetPaintedAt = performance.now(); // since navigation start: what the user waits for
});
[search, siteSel, stateSel].forEach((el) => el.addEventListener('input', filter));
live({
  stations: (list) => {
    list.forEach((s) => pending.set(s.station, s));
    if (!frame) frame = requestAnimationFrame(patch);
  },
});
