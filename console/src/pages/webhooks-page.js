// #/webhooks: the tenant's endpoints (Standard Webhooks), a new one with its events, a change
// of an endpoint's URL or events, a test event, the latest delivery attempts of each and their
// redelivery. The secret of a new endpoint, and the new secret of a rotation, are shown once,
// here, and never again.
import { formOpener, secretOnce } from './ops-ui.js';
import { deliveryStatus, disabledReason } from './ops-labels.js';

export const EVENTS = ['member.joined', 'join.requested', 'join.approved', 'join.rejected', 'member.removed',
  'code.daily_limit_reached', 'code.expiring', 'group.full', 'group.entry_expiring', 'live_code.pool_exhausted',
  'audit.checkpoint'];
const DELIVERIES_SHOWN = 10;

export async function render(ctx, root) {
  const { t, h } = ctx;
  const hooks = (await ctx.api.get('/v1/webhooks')).items;
  const deliveries = await Promise.all(hooks.map((hook) => ctx.api.get(
    `/v1/webhooks/${encodeURIComponent(hook.webhookId)}/deliveries`, { limit: DELIVERIES_SHOWN }).then((d) => d.items)));
  const { button: newButton, slot: formSlot } = formOpener(ctx, {
    action: 'new-webhook', label: t('console.webhooks.new'), focus: 'input[name="url"]',
    form: (slot, close) => createForm(ctx, slot, close),
  });
  root.append(
    h('div', { class: 'title' }, h('h1', {}, t('console.webhooks.title')), newButton),
    h('p', { class: 'hint' }, t('console.webhooks.help')),
    formSlot,
    hooks.length === 0 ? h('p', { class: 'empty' }, t('console.webhooks.empty'))
      : h('div', { class: 'stack' }, hooks.map((hook, i) => endpoint(ctx, hook, deliveries[i]))));
}

function endpoint(ctx, hook, deliveries) {
  const { t, h, fmt } = ctx;
  const id = encodeURIComponent(hook.webhookId);
  const state = hook.enabled ? h('span', { class: 'status-active' }, t('console.webhooks.enabled'))
    : h('span', { class: 'status-revoked' }, t('console.webhooks.disabled') + (hook.disabledReason
      ? ` (${disabledReason(t, hook.disabledReason)})` : ''));
  const testButton = h('button', {
    type: 'button', 'data-action': 'send-test', 'data-write': true, disabled: !hook.enabled,
    'aria-label': t('console.webhooks.sendTestTo', { url: hook.url }),
    onclick: async (e) => {
      try {
        const queued = await ctx.busy(e.currentTarget, () => ctx.api.post(`/v1/webhooks/${id}/test`));
        ctx.notify(t('console.webhooks.testQueued', { eventId: queued.eventId }));
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.webhooks.sendTest'));
  const toggle = h('button', {
    type: 'button', class: 'secondary', 'data-action': hook.enabled ? 'disable-webhook' : 'enable-webhook', 'data-write': true,
    onclick: async (e) => {
      try {
        await ctx.busy(e.currentTarget, () => ctx.api.patch(`/v1/webhooks/${id}`, { enabled: !hook.enabled }));
        ctx.navigate('#/webhooks');
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t(hook.enabled ? 'console.webhooks.disable' : 'console.webhooks.enable'));
  const remove = h('button', {
    type: 'button', class: 'danger', 'data-action': 'delete-webhook', 'data-write': true,
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!(await ctx.confirm('console.webhooks.deleteConfirm', { url: hook.url }))) {
        return;
      }
      try {
        await ctx.busy(button, () => ctx.api.del(`/v1/webhooks/${id}`));
        ctx.notify(t('console.webhooks.deleted'));
        ctx.navigate('#/webhooks');
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.webhooks.delete'));
  const slot = h('div', { class: 'form-slot' });
  const edit = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'edit-webhook', 'data-write': true,
    'aria-label': t('console.webhooks.editOne', { url: hook.url }),
    onclick: () => {
      slot.replaceChildren(editForm(ctx, hook, () => slot.replaceChildren()));
      slot.querySelector('input[name="url"]').focus();
    },
  }, t('console.webhooks.edit'));
  const rotate = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'rotate-secret', 'data-write': true,
    'aria-label': t('console.webhooks.rotateOne', { url: hook.url }),
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!(await ctx.confirm('console.webhooks.rotateConfirm', { url: hook.url }))) {
        return;
      }
      try {
        const rotated = await ctx.busy(button, () => ctx.api.post(`/v1/webhooks/${id}/rotate-secret`));
        slot.replaceChildren(secretOnce(ctx, {
          title: t('console.webhooks.rotated', { url: hook.url, until: fmt.time(rotated.previousSecretValidUntil) }),
          label: t('console.webhooks.secret'),
          value: rotated.secret,
          done: () => ctx.navigate('#/webhooks'),
        }));
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.webhooks.rotate'));
  const list = ctx.table({
    caption: t('console.webhooks.deliveries'),
    items: deliveries,
    id: (d) => d.deliveryId,
    empty: t('console.webhooks.noDeliveries'),
    columns: [
      { label: t('console.webhooks.at'), render: (d) => fmt.time(d.at) },
      { label: t('console.webhooks.event'), render: (d) => h('span', { class: 'mono' }, d.type) },
      { label: t('console.webhooks.attempt'), render: (d) => fmt.number(d.attempt) },
      { label: t('console.webhooks.status'),
        render: (d) => h('span', { class: d.status === 'delivered' ? 'status-active' : 'status-revoked', 'data-status': d.status },
          deliveryStatus(t, d.status)) },
      { label: t('console.webhooks.responseCode'), render: (d) => (d.responseCode === null ? '—' : String(d.responseCode)) },
      { label: t('console.common.actions'), render: (d) => h('button', {
        type: 'button', class: 'secondary', 'data-action': 'redeliver', 'data-write': true, disabled: !hook.enabled,
        'aria-label': t('console.webhooks.redeliverOne', { type: d.type, at: fmt.time(d.at) }),
        onclick: async (e) => {
          try {
            await ctx.busy(e.currentTarget, () => ctx.api.post(
              `/v1/webhooks/${id}/deliveries/${encodeURIComponent(d.deliveryId)}/redeliver`));
            ctx.notify(t('console.webhooks.redelivered'));
          } catch (error) {
            ctx.notify(error.message, 'error');
          }
        },
      }, t('console.webhooks.redeliver')) },
    ],
  });
  return h('section', { class: 'card', 'data-id': hook.webhookId, 'aria-label': hook.url },
    h('h2', { class: 'mono wrap' }, hook.url),
    h('p', {}, state, hook.description ? ` · ${hook.description}` : ''),
    h('p', { class: 'hint' }, t('console.webhooks.events'), ': ', h('span', { class: 'mono wrap' }, hook.events.join(', '))),
    h('div', { class: 'actions' }, testButton, edit, toggle, rotate, remove,
      h('button', { type: 'button', class: 'secondary', 'data-action': 'refresh', onclick: () => ctx.navigate('#/webhooks') },
        t('console.common.refresh'))),
    slot,
    h('h3', {}, t('console.webhooks.deliveries')),
    list);
}

/** The event checkboxes, those in {@code chosen} ticked. */
function eventChecks(ctx, chosen) {
  const { t, h } = ctx;
  return h('fieldset', { class: 'checks' },
    h('legend', {}, t('console.webhooks.events')),
    EVENTS.map((e) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'events', value: e, checked: chosen.includes(e) }),
      h('span', { class: 'mono' }, e))));
}

/** The API's error beside its field; an event's index ({@code events[2]}) points at the checkboxes. */
function showError(ctx, form, error) {
  ctx.fieldErrors(form, { ...error, message: error.message, field: error.field && error.field.replace(/\[\d+\]$/, '') });
}

// The URL and the events of an endpoint, changed with PATCH (the API changes no description).
function editForm(ctx, hook, close) {
  const { t, h, field } = ctx;
  const form = h('form', { class: 'card form', novalidate: true, 'data-write': true },
    h('fieldset', {},
      h('legend', {}, t('console.webhooks.editOne', { url: hook.url })),
      field(t('console.webhooks.url'), h('input', { name: 'url', type: 'url', required: true, autocomplete: 'off',
        value: hook.url, maxlength: 2048 }), t('console.webhooks.urlHint')),
      eventChecks(ctx, hook.events)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
      h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const body = {
      url: form.elements.url.value.trim(),
      events: [...form.querySelectorAll('input[name="events"]:checked')].map((c) => c.value),
    };
    try {
      await ctx.busy(e.submitter || form, () => ctx.api.patch(`/v1/webhooks/${encodeURIComponent(hook.webhookId)}`, body));
      ctx.notify(t('console.webhooks.saved'));
      ctx.navigate('#/webhooks');
    } catch (error) {
      showError(ctx, form, error);
    }
  });
  return form;
}

function createForm(ctx, slot, close) {
  const { t, h, field } = ctx;
  const events = eventChecks(ctx, ['member.joined', 'join.requested']);
  const form = h('form', { class: 'card form', novalidate: true, 'data-write': true },
    h('fieldset', {},
      h('legend', {}, t('console.webhooks.new')),
      field(t('console.webhooks.url'), h('input', { name: 'url', type: 'url', required: true, autocomplete: 'off',
        placeholder: 'https://', maxlength: 2048 }), t('console.webhooks.urlHint')),
      field(t('console.webhooks.description'), h('input', { name: 'description', type: 'text', maxlength: 200 })),
      events),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
      h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const body = {
      url: form.elements.url.value.trim(),
      events: [...form.querySelectorAll('input[name="events"]:checked')].map((c) => c.value),
    };
    const description = form.elements.description.value.trim();
    if (description) {
      body.description = description;
    }
    try {
      const hook = await ctx.busy(e.submitter || form, () => ctx.api.post('/v1/webhooks', body));
      slot.replaceChildren(secretOnce(ctx, {
        title: t('console.webhooks.created', { url: hook.url }),
        label: t('console.webhooks.secret'),
        value: hook.secret,
        done: () => ctx.navigate('#/webhooks'),
      }));
    } catch (error) {
      showError(ctx, form, error);
    }
  });
  return form;
}
