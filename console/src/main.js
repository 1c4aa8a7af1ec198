// The console's shell: sign-in, language, navigation with badges, read-only keys, and the
// context every page renders with. Pages are modules listed in pages/index.js:
//   export default { route: '#/groups', nav: 'console.nav.groups', render(ctx, root, params), badge?(ctx) }
// render may be async and may call ctx.onLeave(fn) for what must stop when the page is left.
// A page marks each control that changes something with data-write; with a read key the shell
// disables every such control and says why.
import './style.css';
import pages from './pages/index.js';
import { ApiError, createApi, session } from './lib/api.js';
import { append, h, replace, field } from './lib/dom.js';
import { formatter } from './lib/format.js';
import { chooseLanguage, LANGUAGES, remember, translator } from './lib/i18n.js';
import { href, resolve } from './lib/router.js';
import { busy, clearErrors, confirmDialog, fieldErrors, notifier, table } from './lib/ui.js';

/** How often nav badges (the approvals queue) are refreshed. */
const BADGE_MS = 10_000;

const app = document.getElementById('app');
const state = { lang: null, t: null, tenant: null, leaving: [], badgeTimer: null, observer: null };
const api = createApi({ onUnauthorized: () => signOut('console.signIn.expired') });

async function setLanguage(lang) {
  state.lang = lang;
  state.t = await translator(lang);
  document.documentElement.lang = lang;
  document.title = state.t('console.title');
}

function canWrite() {
  return !!state.tenant && state.tenant.keyScope !== 'read';
}

function leave() {
  for (const fn of state.leaving.splice(0)) {
    try {
      fn();
    } catch {
      // A page's cleanup failing must not keep the next page from showing.
    }
  }
}

function signOut(reasonKey) {
  session.signOut();
  state.tenant = null;
  clearInterval(state.badgeTimer);
  leave();
  renderSignIn(reasonKey);
}

function languageSwitch() {
  const t = state.t;
  return h('select', {
    'data-action': 'language',
    'aria-label': t('console.language'),
    onchange: async (e) => {
      remember(e.target.value);
      await setLanguage(e.target.value);
      if (state.tenant) {
        renderShell();
      } else {
        renderSignIn();
      }
    },
  }, LANGUAGES.map(([tag, name]) => h('option', { value: tag, lang: tag, selected: tag === state.lang }, name)));
}

function renderSignIn(reasonKey) {
  const t = state.t;
  const key = h('input', { name: 'apiKey', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'sign-in', novalidate: true },
    h('h1', {}, t('console.signIn.title')),
    reasonKey ? h('p', { class: 'notice error', role: 'alert' }, t(reasonKey)) : null,
    h('p', {}, t('console.signIn.help')),
    field(t('console.signIn.apiKey'), key),
    h('button', { type: 'submit', 'data-action': 'sign-in' }, t('console.signIn.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const value = key.value.trim();
    if (!value) {
      fieldErrors(form, { field: 'apiKey', message: t('console.signIn.required') });
      return;
    }
    session.signIn(value);
    try {
      state.tenant = await api.get('/v1/tenant');
    } catch (error) {
      session.signOut();
      fieldErrors(form, { field: 'apiKey', message: error.status === 401 ? t('console.signIn.unknownKey') : error.message });
      return;
    }
    renderShell();
  });
  replace(app, h('header', { class: 'bar' }, h('span', { class: 'brand' }, t('console.title')), languageSwitch()),
    h('main', { id: 'page' }, form));
  key.focus();
}

function context(root) {
  const t = state.t;
  const fmt = formatter(state.lang, state.tenant.timezone);
  return {
    api,
    t,
    lang: state.lang,
    tenant: state.tenant,
    zone: state.tenant.timezone,
    canWrite: canWrite(),
    readOnlyReason: canWrite() ? null : t('console.readOnly.reason'),
    fmt,
    h,
    append: (parent, ...children) => append(parent, children),
    field,
    href,
    navigate: (hash) => {
      if (location.hash === hash) {
        route();
      } else {
        location.hash = hash;
      }
    },
    confirm: (messageKey, vars) => confirmDialog(t, messageKey, vars),
    notify: state.notify,
    fieldErrors,
    clearErrors,
    table,
    busy,
    onLeave: (fn) => state.leaving.push(fn),
    refreshBadges,
    root,
  };
}

/** With a read key: every [data-write] control under {@code root} disabled, saying why. */
function enforceReadOnly(root) {
  state.observer?.disconnect();
  if (canWrite()) {
    return;
  }
  const reason = state.t('console.readOnly.reason');
  const disable = () => root.querySelectorAll('[data-write]').forEach((el) => {
    if (!el.disabled) {
      el.disabled = true;
    }
    el.title = reason;
    if (!(el.getAttribute('aria-describedby') || '').includes('read-only')) {
      el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), 'read-only'].filter(Boolean).join(' '));
    }
  });
  state.observer = new MutationObserver(disable);
  state.observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  disable();
}

async function refreshBadges() {
  for (const page of pages.filter((p) => p.badge && p.nav)) {
    const badge = app.querySelector(`[data-badge="${page.route}"]`);
    if (!badge) {
      continue;
    }
    try {
      const n = await page.badge(context(null));
      badge.textContent = n > 0 ? String(n) : '';
      badge.hidden = !(n > 0);
      badge.setAttribute('aria-label', state.t('console.nav.badge', { n }));
    } catch {
      // A failed count keeps the last one; the next poll tries again.
    }
  }
}

function renderShell() {
  const t = state.t;
  leave();
  const status = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  state.notify = notifier(status);
  const nav = h('nav', { 'aria-label': t('console.nav.label') }, h('ul', {},
    pages.filter((p) => p.nav).map((p) => h('li', {}, h('a', { href: p.route, 'data-nav': p.route },
      t(p.nav), p.badge ? h('span', { class: 'badge', 'data-badge': p.route, hidden: true }) : null)))));
  const readOnly = canWrite() ? null
    : h('p', { id: 'read-only', class: 'read-only', role: 'note' }, t('console.readOnly.banner'));
  replace(app,
    h('header', { class: 'bar' },
      h('a', { class: 'brand', href: pages[0].route }, t('console.title')),
      h('span', { class: 'tenant' }, state.tenant.name),
      languageSwitch(),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'sign-out', onclick: () => signOut() }, t('console.signOut'))),
    nav,
    readOnly,
    h('main', { id: 'page', tabindex: '-1' }),
    status);
  clearInterval(state.badgeTimer);
  state.badgeTimer = setInterval(refreshBadges, BADGE_MS);
  refreshBadges();
  route();
}

async function route() {
  const root = document.getElementById('page');
  if (!state.tenant || !root) {
    return;
  }
  leave();
  const found = resolve(pages, location.hash);
  app.querySelectorAll('[data-nav]').forEach((a) => {
    const current = found && (found.page.route === a.dataset.nav || found.page.section === a.dataset.nav);
    if (current) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (!found) {
    replace(root, h('h1', {}, state.t('console.notFound')));
    return;
  }
  replace(root, h('p', { class: 'loading' }, state.t('console.loading')));
  // data-loading while a page renders, data-page once it shows: what tests and scripts wait for.
  root.setAttribute('data-loading', 'true');
  root.removeAttribute('data-page');
  const ctx = context(root);
  const rendering = Symbol('render');
  state.rendering = rendering;
  try {
    const page = h('div', { class: 'page' });
    enforceReadOnly(page);
    await found.page.render(ctx, page, found.params);
    if (state.rendering !== rendering) {
      return; // another address was opened meanwhile; it shows instead
    }
    replace(root, page);
  } catch (error) {
    if (state.rendering !== rendering) {
      return;
    }
    replace(root, h('p', { class: 'notice error', role: 'alert' },
      error instanceof ApiError && error.status === 404 ? state.t('console.notFound') : (error.message || String(error))));
  }
  root.removeAttribute('data-loading');
  root.setAttribute('data-page', found.page.route);
}

async function start() {
  await setLanguage(chooseLanguage());
  window.addEventListener('hashchange', route);
  if (session.key()) {
    try {
      state.tenant = await api.get('/v1/tenant');
    } catch {
      session.signOut();
    }
  }
  if (state.tenant) {
    renderShell();
  } else {
    renderSignIn();
  }
}

start();
