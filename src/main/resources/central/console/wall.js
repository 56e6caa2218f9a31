// SPDX-License-Identifier: Apache-2.0
// The wall display (大屏): read-only figures, station tiles and an alarm ticker, refreshed every 15 s with the
// link's token; no session. Chinese unless the link says ?lang=en.
import { TEXTS } from './i18n.js';

const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
const T = TEXTS[lang];
const num = new Intl.NumberFormat(lang);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
document.documentElement.lang = lang;
document.getElementById('title').textContent = T.wallTitle;
document.title = T.wallTitle;
document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = T[el.dataset.t]; });

function tick() {
  document.getElementById('clock').textContent = new Intl.DateTimeFormat(lang, { dateStyle: 'full',
    timeStyle: 'medium' }).format(new Date());
}

async function refresh() {
  const r = await fetch(location.pathname.replace(/\/$/, '') + '/data', { cache: 'no-store' });
  if (r.status === 404) {
    document.body.innerHTML = '<h1>' + esc(lang === 'en' ? 'This link is no longer valid' : '此链接已失效') + '</h1>';
    return;
  }
  if (!r.ok) return; // keep the last figures on screen through a hiccup
  const d = await r.json();
  document.getElementById('today').textContent = num.format(d.visits.today);
  document.getElementById('month').textContent = num.format(d.visits.month);
  document.getElementById('year').textContent = num.format(d.visits.year);
  const occ = Object.entries(d.visits.byOccupation).sort((a, b) => b[1] - a[1]).slice(0, 10);
  const max = Math.max(1, ...occ.map((o) => o[1]));
  document.getElementById('occupations').innerHTML = occ.map(([k, v]) => `<div class="bar"><span class="l">${
    esc(T['occ_' + k] || k || T.otherOccupation)}</span><span class="b" style="width:${Math.round((v / max) * 12)}vw"></span>`
    + `<span>${num.format(v)}</span></div>`).join('');
  document.getElementById('tiles').innerHTML = d.stations.map((s) => `<div class="tile ${esc(s.presence)}${
    s.alarms ? ' alarm' : ''}" data-station="${esc(s.station)}" data-presence="${esc(s.presence)}"><div class="n">${
    esc(s.station.split('/')[1])}</div><div>${esc(T[s.presence])} · ${s.inside == null ? '—'
    : num.format(s.inside)}${s.capacity ? '/' + num.format(s.capacity) : ''}</div></div>`).join('');
  const ticker = document.getElementById('ticker');
  const text = d.alarms.length ? d.alarms.map((a) => `⚠ ${a.station} ${a.code}${a.subject ? ' ' + a.subject : ''}`)
    .join('　　') : T.noAlarms;
  if (ticker.textContent !== text) ticker.textContent = text;
}

tick();
setInterval(tick, 1000);
await refresh();
setInterval(refresh, 15000);
