// SPDX-License-Identifier: Apache-2.0
// Alarms: open (or all) with severity and age; acknowledged with a note; redrawn when the live feed says so.
import { api, esc, fmtAge, fmtTime, live, may, start, t } from './app.js';

const stateSel = document.getElementById('state');

function row(a) {
  let ack = '';
  if (a.ackedAt) {
    ack = `${esc(t('acked'))}: ${esc(a.ackedBy)} ${fmtTime(a.ackedAt)} — ${esc(a.ackNote)}`;
  } else if (may('command')) {
    ack = `<form class="ack"><input name="note" required data-tp="ackNote" placeholder="${esc(t('ackNote'))}">`
      + `<button>${esc(t('acknowledge'))}</button></form>`;
  }
  const state = a.clearedAt ? `${t('cleared')} ${fmtTime(a.clearedAt)}` : t('open');
  return `<tr data-id="${a.id}" data-code="${esc(a.code)}" data-station="${esc(a.station)}" data-state="${
    a.clearedAt ? 'cleared' : 'open'}">`
    + `<td><span class="pill ${esc(a.severity)}">${esc(a.severity)}</span></td>`
    + `<td><a href="/console/station.html?id=${encodeURIComponent(a.station)}">${esc(a.station)}</a></td>`
    + `<td>${esc(a.code)}</td><td>${esc(a.subject)}</td><td>${esc(a.detail ?? '')}</td>`
    + `<td title="${fmtTime(a.raisedAt)}">${fmtAge(a.raisedAt)}</td><td>${esc(state)}</td><td class="ackcell">${ack}</td></tr>`;
}

async function draw() {
  const list = await api('/console/api/alarms?state=' + stateSel.value);
  const tbody = document.querySelector('#alarms tbody');
  tbody.innerHTML = list.map(row).join('');
  tbody.querySelectorAll('form.ack').forEach((f) => {
    f.onsubmit = async (e) => {
      e.preventDefault();
      const id = f.closest('tr').dataset.id;
      await api(`/console/api/alarms/${id}/ack`, { method: 'POST', body: { note: f.note.value } });
      draw();
    };
  });
}

await start('alarms');
stateSel.onchange = draw;
await draw();
let timer = 0;
live({
  alarms: () => {
    // Don't redraw under a note being typed; redraw when it is sent.
    if (document.activeElement?.name === 'note') return;
    clearTimeout(timer);
    timer = setTimeout(draw, 200);
  },
});
setInterval(() => { if (document.activeElement?.name !== 'note') draw(); }, 60000);
