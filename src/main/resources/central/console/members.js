// SPDX-License-Identifier: Apache-2.0
// Members and badges on central's members API: register, search, issue a badge and print its card (one, or an A4
// sheet of the badges ticked), suspend, revoke; export and erase for admins, each confirmed.
import { api, esc, fmtTime, start, t, user } from './app.js';

let members = [];
let current = null;
const picked = new Set(); // "member:badge" pairs for the A4 sheet
const manage = () => user().role === 'admin'; // MANAGE_MEMBERS is an admin's permission

function drawList() {
  const q = document.getElementById('q').value.trim().toLowerCase();
  const shown = members.filter((m) => !q || [m.memberId, m.name, m.occupation, m.union, m.phone]
    .some((x) => (x || '').toLowerCase().includes(q)));
  document.getElementById('count').textContent = `${shown.length} / ${members.length}`;
  const tbody = document.querySelector('#members tbody');
  tbody.innerHTML = shown.map((m) => `<tr data-member="${esc(m.memberId)}"><td>${esc(m.memberId)}</td>`
    + `<td>${esc(m.name)}</td><td>${esc(m.phone)}</td><td>${esc(m.occupation)}</td><td>${esc(m.union)}</td>`
    + `<td>${esc(m.status)}</td><td><button class="open">${esc(t('badges'))}</button></td></tr>`).join('');
  tbody.querySelectorAll('button.open').forEach((b) => { b.onclick = () => open(b.closest('tr').dataset.member); });
}

async function load() {
  members = await api('/api/members?limit=1000');
  drawList();
}

function cardLink(pairs, sheet) {
  return `/console/card.html?cards=${encodeURIComponent(pairs.join(','))}${sheet ? '&sheet=1' : ''}`;
}

async function open(id) {
  current = id;
  const [m, badges] = await Promise.all([api('/api/members/' + encodeURIComponent(id)),
    api(`/api/members/${encodeURIComponent(id)}/badges`)]);
  document.getElementById('detail').hidden = false;
  document.getElementById('dname').textContent = `${m.memberId} · ${m.name ?? ''} · ${m.status}`;
  const tbody = document.querySelector('#badges tbody');
  tbody.innerHTML = badges.map((b) => {
    const pair = `${id}:${b.badgeId}`;
    const actions = manage() && b.status === 'active' ? `<a href="${cardLink([pair], false)}" target="_blank">`
      + `${esc(t('printCard'))}</a> <button class="revoke danger">${esc(t('revoke'))}</button>` : '';
    return `<tr data-badge="${esc(b.badgeId)}"><td>${manage() && b.status === 'active' ? `<input type="checkbox" `
      + `class="pick"${picked.has(pair) ? ' checked' : ''}>` : ''}</td><td>${esc(b.badgeId)}</td><td>${esc(b.scope)}`
      + `</td><td>${fmtTime(b.expiresAt)}</td><td>${esc(b.status)}</td><td>${actions}</td></tr>`;
  }).join('');
  tbody.querySelectorAll('tr').forEach((tr) => {
    const pair = `${id}:${tr.dataset.badge}`;
    const box = tr.querySelector('.pick');
    if (box) box.onchange = () => { if (box.checked) picked.add(pair); else picked.delete(pair); sheetButton(); };
    const rv = tr.querySelector('.revoke');
    if (rv) {
      rv.onclick = async () => {
        if (!confirm(t('confirmRevoke'))) return;
        await act(() => api(`/api/badges/${encodeURIComponent(tr.dataset.badge)}/revoke`, { method: 'POST' }));
      };
    }
  });
}

function sheetButton() {
  const b = document.getElementById('sheet');
  b.hidden = picked.size === 0;
  b.textContent = `${t('printSheet')} (${picked.size})`;
}

async function act(fn) {
  const err = document.getElementById('derr');
  err.textContent = '';
  try {
    await fn();
    await Promise.all([load(), open(current)]);
  } catch (e) {
    err.textContent = e.message;
  }
}

function download(name, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

await start('members');
document.getElementById('q').oninput = drawList;
if (manage()) {
  const reg = document.getElementById('register');
  reg.hidden = false;
  reg.onsubmit = async (e) => {
    e.preventDefault();
    const body = {};
    new FormData(reg).forEach((v, k) => { if (String(v).trim()) body[k] = String(v).trim(); });
    try {
      await api('/api/members', { method: 'POST', body });
      reg.reset();
      document.getElementById('regerr').textContent = '';
      await load();
      open(body.memberId);
    } catch (err) {
      document.getElementById('regerr').textContent = err.message;
    }
  };
  document.getElementById('issue').onsubmit = (e) => {
    e.preventDefault();
    const f = e.target;
    act(() => api(`/api/members/${encodeURIComponent(current)}/badges`, { method: 'POST',
      body: { validDays: Number(f.validDays.value), scope: f.scope.value.trim() } }));
  };
  document.getElementById('suspend').onclick = () => confirm(t('confirmSuspend'))
    && act(() => api(`/api/members/${encodeURIComponent(current)}/suspend`, { method: 'POST' }));
  document.getElementById('export').onclick = () => confirm(t('confirmExport'))
    && act(async () => download(`member-${current}.json`, JSON.stringify(
      await api(`/api/members/${encodeURIComponent(current)}/export`), null, 2)));
  document.getElementById('erase').onclick = () => confirm(t('confirmErase'))
    && prompt(t('confirmEraseId')) === current
    && act(() => api(`/api/members/${encodeURIComponent(current)}/erase`, { method: 'POST' }));
  document.getElementById('sheet').onclick = () => window.open(cardLink([...picked], true), '_blank');
} else {
  document.querySelectorAll('.manage').forEach((el) => el.remove());
}
await load();
