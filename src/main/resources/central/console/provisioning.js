// SPDX-License-Identifier: Apache-2.0
// Provisioning: technicians and admins make a one-time claim QR; everyone sees stations claimed, pending, online.
import { api, esc, fmtTime, start, t } from './app.js';

async function list() {
  const rows = await api('/api/provisioning');
  document.querySelector('#list tbody').innerHTML = rows.map((r) => `<tr data-station="${esc(r.station)}"`
    + ` data-status="${esc(r.status)}"><td>${esc(r.station)}</td><td>${esc(t('prov_' + r.status))}</td>`
    + `<td>${esc(r.serial || '')}</td><td>${fmtTime(r.enrolledAt || r.createdAt)}</td></tr>`).join('');
}

const session = await start('provisioning');
const form = document.getElementById('claim');
form.hidden = !(session.role === 'admin' || session.role === 'technician');
form.onsubmit = async (e) => {
  e.preventDefault();
  try {
    const c = await api('/api/provisioning/claims', { method: 'POST',
      body: { site: form.site.value, station: form.station.value } });
    document.getElementById('claimerr').textContent = '';
    document.getElementById('qr').src = 'data:image/png;base64,' + c.qrPng;
    document.getElementById('codetext').textContent = c.code;
    document.getElementById('codestation').textContent = c.station;
    document.getElementById('codeexpires').textContent = fmtTime(c.expiresAt);
    document.getElementById('code').hidden = false;
    list();
  } catch (err) {
    document.getElementById('claimerr').textContent = err.message;
  }
};
await list();
setInterval(list, 5000);
