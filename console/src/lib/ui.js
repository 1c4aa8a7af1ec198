// What every page uses besides the API: confirmation dialogs, notices, errors beside their
// field, and lists that are tables on wide screens and cards on phones (style.css, ≤ 600 px).
import { h, replace, uid } from './dom.js';

/**
 * Asks the question of {@code messageKey}; resolves true when OK is pressed. The OK button
 * carries data-action="confirm" (the automation hook for any confirmation).
 */
export function confirmDialog(t, messageKey, vars) {
  return new Promise((resolve) => {
    const titleId = uid('confirm');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': titleId });
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('p', { id: titleId }, t(messageKey, vars)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel', onclick: () => close(false) }, t('console.common.cancel')),
        h('button', { type: 'button', class: 'danger', 'data-action': 'confirm', onclick: () => close(true) }, t('console.common.ok'))),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A notice in the shell's live region (role=status): kind 'ok' or 'error'. */
export function notifier(region) {
  let timer;
  return (text, kind = 'ok') => {
    clearTimeout(timer);
    replace(region, h('p', { class: `notice ${kind}` }, text));
    timer = setTimeout(() => region.replaceChildren(), 8000);
  };
}

/** Removes the errors fieldErrors put into {@code form}. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const described = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-'));
    if (described.length) {
      e.setAttribute('aria-describedby', described.join(' '));
    } else {
      e.removeAttribute('aria-describedby');
    }
  });
}

/**
 * Shows {@code error.message} beside the input named {@code error.field} (a dotted field such as
 * "geo.allowCountries" also finds the input named "allowCountries"); without such an input, at
 * the top of the form. Nothing typed is touched: the form stays as the user left it.
 * {@code aliases} maps an API field to the input that stands for it ({body: 'entryImage'}).
 */
export function fieldErrors(form, error, aliases = {}) {
  clearErrors(form);
  const field = error && (aliases[error.field] || error.field);
  const named = (name) => name && form.querySelector(`[name="${CSS.escape(name)}"]`);
  // "geo.allowCountries[2]" → geo.allowCountries[2], geo.allowCountries, allowCountries
  const plain = field ? field.replace(/\[\d+\]/g, '') : null;
  const input = named(field) || named(plain) || (plain && named(plain.split('.').pop())) || null;
  const id = uid('err');
  const message = h('p', { class: 'field-error', id, role: 'alert', 'data-field': field || '' }, error.message || String(error));
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    const holder = input.closest('.field') || input.parentElement;
    holder.append(message);
    input.focus();
  } else {
    form.prepend(message);
  }
  return message;
}

/**
 * A list of {@code items}: a table on wide screens, one card per item at ≤ 600 px (the same
 * markup; style.css turns rows into cards, each cell labelled). Each row carries data-id.
 *
 * @param columns [{label, render(item) → node|text, class?}]
 * @param id      item → its resource id (the row's data-id)
 */
export function table({ caption, columns, items, id, empty }) {
  if (!items.length) {
    return h('p', { class: 'empty' }, empty || '');
  }
  return h('table', { class: 'list' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, items.map((item) => h('tr', { 'data-id': id(item) },
      columns.map((c) => h('td', { 'data-label': c.label, class: c.class }, c.render(item)))))));
}

/** Runs {@code action} with {@code button} disabled and marked busy, for a click that calls the API. */
export async function busy(button, action) {
  const wasDisabled = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.removeAttribute('aria-busy');
    button.disabled = wasDisabled;
  }
}
