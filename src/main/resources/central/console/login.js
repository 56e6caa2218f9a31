// SPDX-License-Identifier: Apache-2.0
// The login form; the language chosen here becomes the user's until changed in the console.
import { TEXTS } from '/console/i18n.js';
const q = new URLSearchParams(location.search);
const lang = document.getElementById('lang');
lang.value = localStorage.getItem('uk.lang') || 'zh-CN';
const draw = () => {
  const T = TEXTS[lang.value];
  document.getElementById('h').textContent = T.title;
  document.querySelectorAll('[data-k]').forEach((e) => { e.textContent = T[e.dataset.k]; });
  document.getElementById('submit').textContent = T.login;
  if (q.get('expired')) document.getElementById('error').textContent = T.sessionExpired;
};
lang.onchange = () => { localStorage.setItem('uk.lang', lang.value); draw(); };
draw();
document.getElementById('login').onsubmit = async (e) => {
  e.preventDefault();
  const body = { username: e.target.username.value, password: e.target.password.value };
  const r = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  if (r.ok) {
    const s = await r.json();
    if (!localStorage.getItem('uk.lang.' + s.user)) localStorage.setItem('uk.lang.' + s.user, lang.value);
    const next = q.get('next');
    location.href = next && next.startsWith('/console/') ? next : '/console/';
  } else {
    const b = await r.json().catch(() => ({}));
    document.getElementById('error').textContent = r.status === 401 ? TEXTS[lang.value].loginFailed
      : (b.message || r.statusText);
  }
};
