// The tenant's logo for designs with logo=true: a PNG or JPEG (≤ 512 KiB, ≤ 2048 px a side),
// previewed from the file before it is sent, then shown as stored (its logoUrl on the edge).
const MAX_BYTES = 512 * 1024;

export function logoForm(ctx) {
  const { t, h, field } = ctx;
  const preview = h('img', { class: 'logo-preview', alt: t('console.settings.logoPreview'), hidden: true });
  const stored = h('p', { class: 'hint', 'data-logo': '' });
  let previewUrl = null;
  const file = h('input', {
    type: 'file', name: 'logo', accept: 'image/png,image/jpeg',
    onchange: () => {
      if (previewUrl) {
        URL.revokeObjectURL(previewUrl);
        previewUrl = null;
      }
      const picked = file.files[0];
      if (picked) {
        previewUrl = URL.createObjectURL(picked);
        preview.src = previewUrl;
        preview.hidden = false;
      }
    },
  });
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.settings.logo')),
      field(t('console.settings.logoFile'), file, t('console.settings.logoHint')),
      preview, stored),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'upload-logo', 'data-write': true }, t('console.settings.logoUpload'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const picked = file.files[0];
    if (!picked) {
      ctx.fieldErrors(form, { message: t('console.settings.logoMissing'), field: 'logo' });
      return;
    }
    if (picked.size > MAX_BYTES) {
      ctx.fieldErrors(form, { message: t('console.settings.logoTooLarge'), field: 'logo' });
      return;
    }
    try {
      const logo = await ctx.busy(e.submitter || form, () => ctx.api.put('/v1/tenant/logo', picked, picked.type || 'image/png'));
      preview.src = logo.logoUrl;
      preview.hidden = false;
      stored.dataset.logo = logo.logoUrl;
      stored.textContent = t('console.settings.logoStored', { width: logo.width, height: logo.height, bytes: ctx.fmt.number(logo.bytes) });
      ctx.notify(t('console.common.saved'));
    } catch (error) {
      // The API names the body; the file input is what the person chose.
      ctx.fieldErrors(form, { ...error, message: error.message, field: 'logo' });
    }
  });
  return form;
}
