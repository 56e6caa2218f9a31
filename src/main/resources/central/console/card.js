// SPDX-License-Identifier: Apache-2.0
// Printable member cards: ?cards=member:badge,member:badge[&sheet=1]. The QR is central's PNG of the signed badge.
import { api, esc, start } from './app.js';

const q = new URLSearchParams(location.search);
const sheet = q.get('sheet') === '1';
document.body.className = sheet ? 'sheet' : 'single';
const style = document.createElement('style');
style.textContent = sheet ? '@page { size: A4; margin: 10mm; }' : '@page { size: 85.6mm 54mm; margin: 0; }';
document.head.append(style);
await start('members');
document.querySelector('nav')?.remove(); // a print page
const pairs = (q.get('cards') || '').split(',').filter(Boolean).map((p) => p.split(':'));
const people = new Map();
await Promise.all([...new Set(pairs.map((p) => p[0]))].map(async (id) => {
  people.set(id, await api('/api/members/' + encodeURIComponent(id)));
}));
document.getElementById('cards').innerHTML = pairs.map(([m, b]) => {
  const p = people.get(m) || {};
  return `<div class="card" data-badge="${esc(b)}"><img alt="QR" src="/api/badges/${encodeURIComponent(b)}/qr.png">`
    + `<div><div class="union">${esc(p.union ?? '')}</div><div class="name">${esc(p.name ?? m)}</div>`
    + `<div class="id">${esc(m)}</div></div></div>`;
}).join('');
document.getElementById('print').onclick = () => window.print();
