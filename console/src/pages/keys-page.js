// #/keys: the tenant's API keys (never the keys themselves), a new one with its scope (shown
// once, here) and revoking one. The API refuses deleting the last full key (409), and says so.
import { select } from '../lib/dom.js';
import { formOpener, secretOnce } from './ops-ui.js';
import { keyScope } from './ops-labels.js';

export async function render(ctx, root) {
  const { t, h, fmt } = ctx;
  const keys = (await ctx.api.get('/v1/keys')).items;
  const { button: newButton, slot: formSlot } = formOpener(ctx, {
    action: 'new-key', label: t('console.keys.new'), focus: 'input[name="name"]',
    form: (slot, close) => createForm(ctx, slot, close),
  });
  root.append(
    h('div', { class: 'title' }, h('h1', {}, t('console.keys.title')), newButton),
    h('p', { class: 'hint' }, t('console.keys.help')),
    formSlot,
    ctx.table({
      caption: t('console.keys.title'),
      items: keys,
      id: (k) => k.keyId,
      empty: t('console.keys.empty'),
      columns: [
        { label: t('console.keys.name'), render: (k) => k.name },
        { label: t('console.keys.scope'), render: (k) => keyScope(t, k.scope) },
        { label: t('console.keys.createdAt'), render: (k) => fmt.time(k.createdAt) },
        { label: t('console.keys.lastUsedAt'), render: (k) => (k.lastUsedAt ? fmt.time(k.lastUsedAt) : t('console.keys.neverUsed')) },
        { label: t('console.common.actions'), render: (k) => h('button', {
          type: 'button', class: 'danger', 'data-action': 'revoke-key', 'data-write': true,
          'aria-label': t('console.keys.revokeOne', { name: k.name }),
          onclick: async (e) => {
            const button = e.currentTarget;
            if (!(await ctx.confirm('console.keys.revokeConfirm', { name: k.name }))) {
              return;
            }
            try {
              await ctx.busy(button, () => ctx.api.del(`/v1/keys/${encodeURIComponent(k.keyId)}`));
              ctx.notify(t('console.keys.revoked', { name: k.name }));
              ctx.navigate('#/keys');
            } catch (error) {
              ctx.notify(error.code === 'last_full_key' ? t('console.keys.lastFullKey') : error.message, 'error');
            }
          },
        }, t('console.keys.revoke')) },
      ],
    }));
}

function createForm(ctx, slot, close) {
  const { t, h, field } = ctx;
  const form = h('form', { class: 'card form', novalidate: true, 'data-write': true },
    h('fieldset', {},
      h('legend', {}, t('console.keys.new')),
      field(t('console.keys.name'), h('input', { name: 'name', type: 'text', required: true, maxlength: 100, autocomplete: 'off' })),
      field(t('console.keys.scope'), select({ name: 'scope' },
        [['read', t('console.keyScope.read')], ['full', t('console.keyScope.full')]], 'read'), t('console.keys.scopeHint'))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
      h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    try {
      const key = await ctx.busy(e.submitter || form, () => ctx.api.post('/v1/keys',
        { name: form.elements.name.value.trim(), scope: form.elements.scope.value }));
      slot.replaceChildren(secretOnce(ctx, {
        title: t('console.keys.created', { name: key.name }),
        label: t('console.keys.apiKey'),
        value: key.apiKey,
        done: () => ctx.navigate('#/keys'),
      }));
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  return form;
}
