// #/settings: the tenant as the API knows it: its name and id, its time zone (the days of
// daily caps and stats, fixed when the tenant was created) and how long raw scan facts are
// kept (PATCH /v1/tenant), and the logo drawn into designs (PUT /v1/tenant/logo) with a preview.
import { logoForm } from './logo-upload.js';

export async function render(ctx, root) {
  const { t, h, field, fmt } = ctx;
  const tenant = await ctx.api.get('/v1/tenant');
  const retention = h('input', { name: 'factRetentionDays', type: 'number', inputmode: 'numeric', min: 1, max: 365,
    required: true, value: String(tenant.factRetentionDays) });
  const now = fmt.time(new Date().toISOString());
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.settings.retention')),
      field(t('console.settings.factRetentionDays'), retention, t('console.settings.factRetentionDaysHint'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const raw = retention.value.trim();
    try {
      const changed = await ctx.busy(e.submitter || form, () => ctx.api.patch('/v1/tenant',
        { factRetentionDays: /^\d+$/.test(raw) ? Number(raw) : raw }));
      retention.value = String(changed.factRetentionDays);
      ctx.notify(t('console.common.saved'));
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  root.append(
    h('div', { class: 'title' }, h('h1', {}, t('console.settings.title'))),
    h('section', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', {}, t('console.settings.name')), h('dd', {}, tenant.name),
        h('dt', {}, t('console.settings.tenantId')), h('dd', { class: 'mono' }, tenant.tenantId),
        h('dt', {}, t('console.settings.timezone')), h('dd', { 'data-zone': tenant.timezone }, tenant.timezone,
          h('small', { class: 'hint block' }, t('console.settings.timezoneHint', { now })))),
    ),
    form,
    logoForm(ctx));
}
