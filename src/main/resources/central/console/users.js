// SPDX-License-Identifier: Apache-2.0
// Admin: users, wall-display links and the audit log.
import { api, esc, fmtTime, start, t } from './app.js';

let audit = [];

async function users() {
  const list = await api('/api/users');
  const tbody = document.querySelector('#users tbody');
  tbody.innerHTML = list.map((u) => `<tr data-user="${esc(u.name)}"><td>${esc(u.name)}</td><td><select class="role">${
    ['viewer', 'technician', 'admin'].map((r) => `<option value="${r}"${r === u.role ? ' selected' : ''}>${r}</option>`).join('')
  }</select></td><td>${fmtTime(u.createdAt)}</td><td><input class="pw" type="password" minlength="10" placeholder="${
    esc(t('newPassword'))}"> <button class="reset">${esc(t('resetPassword'))}</button> <span class="msg"></span>`
    + '</td></tr>').join('');
  tbody.querySelectorAll('tr').forEach((tr) => {
    const change = async (body) => {
      const msg = tr.querySelector('.msg');
      try {
        await api('/console/api/users/' + encodeURIComponent(tr.dataset.user), { method: 'PATCH', body });
        msg.className = 'msg';
        msg.textContent = '✓';
      } catch (e) {
        msg.className = 'msg error';
        msg.textContent = e.message;
      }
    };
    tr.querySelector('.role').onchange = (e) => change({ role: e.target.value });
    tr.querySelector('.reset').onclick = () => change({ password: tr.querySelector('.pw').value })
      .then(() => { tr.querySelector('.pw').value = ''; });
  });
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
