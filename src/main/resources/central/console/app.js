// SPDX-License-Identifier: Apache-2.0
// Shared by every console page: session, API calls with the CSRF header, language, formatting, navigation,
// the live feed (server-sent events) and the new-alarm notice.
import { TEXTS } from './i18n.js';

let session = null;
let lang = 'zh-CN';

export function t(key) {
  return (TEXTS[lang] && TEXTS[lang][key]) || TEXTS['zh-CN'][key] || key;
}
export const language = () => lang;
export const user = () => session;
export const may = (what) => session && (session.role === 'admin'
  || (what === 'command' && session.role === 'technician'));

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' })[c]);
}
// Intl formatters are costly to build: one of each per page, not one per table cell.
let timeFormat;
let numberFormat;
export function fmtTime(ms) {
  timeFormat ??= new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return ms == null ? '—' : timeFormat.format(new Date(ms));
}
export function fmtNum(n) {
  numberFormat ??= new Intl.NumberFormat(lang);
  return n == null ? '—' : numberFormat.format(n);
}
export function fmtAge(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  const f = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'short' });
  if (s < 60) return f.format(-s, 'second');
  if (s < 3600) return f.format(-Math.floor(s / 60), 'minute');
  if (s < 86400) return f.format(-Math.floor(s / 3600), 'hour');
  return f.format(-Math.floor(s / 86400), 'day');
}

/** Calls the API; a lost session goes back to the login page. */
export async function api(path, options = {}) {
  const headers = Object.assign({ accept: 'application/json' }, options.headers || {});
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (session && options.method && options.method !== 'GET') {
    headers['X-CSRF-Token'] = session.csrfToken;
  }
  const r = await fetch(path, { method: options.method || 'GET', headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (r.status === 401 && !options.noRedirect) {
    location.href = '/console/login.html?expired=1&next=' + encodeURIComponent(location.pathname + location.search);
    throw new Error(t('sessionExpired'));
  }
  const text = await r.text();
  const body = text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!r.ok) {
    const e = new Error((body && body.message) || r.statusText);
    e.status = r.status;
    throw e;
  }
  return body;
}

function storedLang(name) {
  return localStorage.getItem('uk.lang.' + name) || 'zh-CN';
}

/** Loads the session (or goes to login), sets the language, draws the navigation. */
export async function start(active) {
  session = await api('/api/session');
  lang = storedLang(session.user);
  document.documentElement.lang = lang;
  const nav = document.createElement('nav');
  const links = [['fleet', '/console/'], ['alarms', '/console/alarms.html'], ['reports', '/console/reports.html'],
    ['members', '/console/members.html'], ['provisioning', '/console/provisioning.html']];
  if (session.role === 'admin') links.push(['users', '/console/users.html']);
  nav.innerHTML = `<strong>${esc(t('title'))}</strong>` + links.map(([k, h]) =>
    `<a href="${h}" class="${k === active ? 'active' : ''}">${esc(t(k))}</a>`).join('')
    + `<span class="spacer"></span><span id="who">${esc(session.user)} (${esc(session.role)})</span>`
    + `<select id="lang"><option value="zh-CN">中文</option><option value="en">English</option></select>`
    + `<button id="logout">${esc(t('logout'))}</button>`;
  document.body.prepend(nav);
  const sel = nav.querySelector('#lang');
  sel.value = lang;
  sel.onchange = () => {
    localStorage.setItem('uk.lang.' + session.user, sel.value);
    location.reload();
  };
  nav.querySelector('#logout').onclick = async () => {
    await api('/api/logout', { method: 'POST' }).catch(() => {});
    location.href = '/console/login.html';
  };
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('[data-tp]').forEach((el) => { el.placeholder = t(el.dataset.tp); });
  document.title = t(active) + ' · ' + t('title');
  return session;
}

/** Opens the live feed; {@code handlers} maps event names (stations, alarms) to functions of the parsed data. */
export function live(handlers) {
  const es = new EventSource('/console/api/live');
  for (const [name, fn] of Object.entries(handlers)) {
    es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
  }
  // The stream fails when the session has expired: asking for the session then leads to the login page.
  let checked = 0;
  es.onerror = () => {
    if (Date.now() - checked > 10000) {
      checked = Date.now();
      api('/api/session').catch(() => {});
    }
  };
  es.addEventListener('alarms', (e) => {
    for (const a of JSON.parse(e.data)) {
      if (a.change === 'raised') notice(`${t('newAlarm')}: ${a.station} · ${a.code}${a.subject ? ' ' + a.subject : ''}`,
        a.severity);
    }
  });
  return es;
}

export function notice(text, severity) {
  let box = document.getElementById('notices');
  if (!box) {
    box = document.createElement('div');
    box.id = 'notices';
    document.body.append(box);
  }
  const n = document.createElement('div');
  n.className = 'notice ' + (severity || '');
  n.textContent = text;
  n.onclick = () => n.remove();
  box.append(n);
  setTimeout(() => n.remove(), 15000);
}
