// Pieces the operations pages share: a secret shown once.

/**
 * A card holding a secret the API shows only once (a new API key, a webhook's whsec_), in a
 * read-only field that selects itself, with the warning that it will not be shown again.
 */
export function secretOnce(ctx, { title, label, value, done }) {
  const { t, h, field } = ctx;
  const input = h('input', { type: 'text', readonly: true, value, class: 'mono', 'data-secret': true,
    spellcheck: 'false', autocomplete: 'off', onfocus: (e) => e.target.select() });
  return h('div', { class: 'card secret-once', role: 'alert' },
    h('h2', {}, title),
    h('p', {}, t('console.secret.once')),
    field(label, input),
    h('div', { class: 'actions' }, h('button', { type: 'button', 'data-action': 'done', onclick: done }, t('console.secret.done'))));
}
