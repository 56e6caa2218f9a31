// SPDX-License-Identifier: Apache-2.0
// Admin: users, wall-display links and the audit log.
import { api, esc, fmtTime, start, t } from './app.js';

let audit = [];

async function users() {
  const list = await api('/api/users');
  document.querySelector('#users tbody').innerHTML = list.map((u) => `<tr><td>${esc(u.name)}</td><td>${esc(u.role)}`
    + `</td><td>${fmtTime(u.createdAt)}</td></tr>`).join('');
}

async function links() {
  const list = await api('/console/api/wall-links');
  const tbody = document.querySelector('#links tbody');
  tbody.innerHTML = list.map((l) => `<tr data-id="${esc(l.id)}"><td>${esc(l.label)}</td><td>${fmtTime(l.createdAt)}`
    + ` (${esc(l.createdBy)})</td><td><button class="danger">${esc(t('revoke'))}</button></td></tr>`).join('');
  tbody.querySelectorAll('button').forEach((b) => {
    b.onclick = async () => {
      await api('/console/api/wall-links/' + b.closest('tr').dataset.id, { method: 'DELETE' });
      links();
    };
  });
}

function drawAudit() {
  const q = document.getElementById('auditq').value.trim().toLowerCase();
  document.querySelector('#audit tbody').innerHTML = audit.filter((a) => !q || [a.actor, a.action, a.target, a.detail]
    .some((x) => (x || '').toLowerCase().includes(q))).map((a) => `<tr><td>${fmtTime(a.at)}</td><td>${esc(a.actor)}</td>`
    + `<td>${esc(a.action)}</td><td>${esc(a.target)}</td><td>${esc(a.detail)}</td><td>${esc(a.address)}</td></tr>`)
    .join('');
}

await start('users');
document.getElementById('add').onsubmit = async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    await api('/api/users', { method: 'POST', body: { name: f.name.value, role: f.role.value,
      password: f.password.value } });
    f.reset();
    document.getElementById('adderr').textContent = '';
    users();
  } catch (err) {
    document.getElementById('adderr').textContent = err.message;
  }
};
document.getElementById('link').onsubmit = async (e) => {
  e.preventDefault();
  const l = await api('/console/api/wall-links', { method: 'POST', body: { label: e.target.label.value } });
  const out = document.getElementById('newlink');
  out.hidden = false;
  out.value = `${location.origin}/wall/${l.token}`;
  out.title = t('copyLink');
  out.select();
  links();
};
document.getElementById('auditq').oninput = drawAudit;
await Promise.all([users(), links()]);
audit = await api('/api/audit?limit=500');
drawAudit();
