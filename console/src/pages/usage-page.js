// #/usage: what the tenant is billed for in a UTC month (GET /v1/usage).

function thisMonth() {
  return new Date().toISOString().slice(0, 7);
}

function bytes(fmt, n) {
  if (n < 1024) {
    return `${fmt.number(n)} B`;
  }
  if (n < 1024 * 1024) {
    return `${fmt.number(Math.round(n / 102.4) / 10)} KiB`;
  }
  return `${fmt.number(Math.round(n / 104857.6) / 10)} MiB`;
}

export async function render(ctx, root) {
  const { t, h, field, fmt } = ctx;
  const month = h('input', { name: 'month', type: 'month', value: thisMonth(), max: thisMonth(), required: true });
  const figures = h('dl', { class: 'facts usage' });
  const form = h('form', { class: 'card form', novalidate: true }, field(t('console.usage.month'), month, t('console.usage.monthHint')));
  async function show() {
    ctx.clearErrors(form);
    try {
      const u = await ctx.api.get('/v1/usage', { month: month.value });
      figures.replaceChildren(
        h('dt', {}, t('console.usage.codesIssued')), h('dd', { 'data-usage': 'codesIssued' }, fmt.number(u.codesIssued)),
        h('dt', {}, t('console.usage.scansVerified')), h('dd', { 'data-usage': 'scansVerified' }, fmt.number(u.scansVerified)),
        h('dt', {}, t('console.usage.joins')), h('dd', { 'data-usage': 'joins' }, fmt.number(u.joins)),
        h('dt', {}, t('console.usage.imageBytesStored')), h('dd', { 'data-usage': 'imageBytesStored' }, bytes(fmt, u.imageBytesStored)));
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  }
  month.addEventListener('change', show);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    show();
  });
  await show();
  root.append(h('div', { class: 'title' }, h('h1', {}, t('console.usage.title'))), form, h('section', { class: 'card' }, figures));
}
