// Pieces the operations pages share: a secret shown once, and a "new …" button that opens a form.

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

/**
 * A page's "new …" button and the slot its form opens in: the button hides while the form is
 * open and comes back when the form calls {@code close} (cancel, or done with a secret shown).
 * {@code form(slot, close)} makes the form; {@code focus} selects the field focused first.
 */
export function formOpener(ctx, { action, label, form, focus }) {
  const { h } = ctx;
  const slot = h('div', { class: 'form-slot' });
  const button = h('button', {
    type: 'button', 'data-action': action, 'data-write': true,
    onclick: () => {
      button.hidden = true;
      slot.replaceChildren(form(slot, () => {
        slot.replaceChildren();
        button.hidden = false;
      }));
      slot.querySelector(focus).focus();
    },
  }, label);
  return { button, slot };
}
