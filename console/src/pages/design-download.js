// Design downloads (the designs function): a code or live code as PNG, SVG or PDF for a medium,
// fetched with the console's key (the design routes need one), saved from a blob under a name
// that says what it is. The picker's selects are named as the API's query parameters.
import { ApiError, session } from '../lib/api.js';

export const FORMATS = ['png', 'svg', 'pdf'];
export const MEDIA = [
  ['screen', 'console.design.medium.screen'],
  ['flyer', 'console.design.medium.flyer'],
  ['poster', 'console.design.medium.poster'],
  ['billboard', 'console.design.medium.billboard'],
  ['sticker', 'console.design.medium.sticker'],
];

/** The design's API path with its query: {@code path} is /v1/codes/{id}/image or /v1/live-codes/{id}/image. */
export function designUrl(path, { format = 'png', medium = 'screen', logo = false } = {}) {
  const q = new URLSearchParams({ format, medium });
  if (logo) {
    q.set('logo', 'true');
  }
  return `${path}?${q}`;
}

/** A file name from a label (any script reduced to safe characters), an id and the format. */
export function designFileName(label, id, format) {
  const safe = String(label || 'code').replace(/[^A-Za-z0-9._-]/g, '_').replace(/_+/g, '_');
  return `groupgate-${safe}-${id}.${format}`;
}

async function fetchDesign(url) {
  const headers = { Accept: 'image/png, image/svg+xml, application/pdf, application/json' };
  const key = session.key();
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  const response = await fetch(url, { headers, credentials: 'omit' });
  if (!response.ok) {
    let e = {};
    try {
      e = (await response.json()).error || {};
    } catch {
      e = {};
    }
    throw new ApiError(response.status, e.code || `http_${response.status}`, e.message || response.statusText || String(response.status), e.field);
  }
  return response.blob();
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Format and medium selects and the download button for one code: {@code path} its design's
 * API path, {@code label} what it is for (its channel or name), {@code id} its id.
 */
export function designPicker(ctx, { path, label, id, logo = false }) {
  const { h, t } = ctx;
  const format = h('select', { name: 'format', 'aria-label': `${t('console.design.format')} ${label}` },
    FORMATS.map((f) => h('option', { value: f }, f.toUpperCase())));
  const medium = h('select', { name: 'medium', 'aria-label': `${t('console.design.medium')} ${label}` },
    MEDIA.map(([m, key]) => h('option', { value: m }, t(key))));
  const withLogo = logo ? h('input', { type: 'checkbox', name: 'logo', 'aria-label': `${t('console.design.logo')} ${label}` }) : null;
  return h('div', { class: 'download-choice', 'data-design': id },
    format, medium,
    withLogo ? h('label', { class: 'check' }, withLogo, ` ${t('console.design.logo')}`) : null,
    h('button', {
      type: 'button', class: 'secondary', 'data-action': 'download', 'aria-label': `${t('console.design.download')} ${label}`,
      onclick: async (e) => {
        const button = e.target.closest('button');
        try {
          const blob = await ctx.busy(button, () => fetchDesign(designUrl(path, {
            format: format.value, medium: medium.value, logo: Boolean(withLogo && withLogo.checked) })));
          save(blob, designFileName(label, id, format.value));
        } catch (error) {
          ctx.notify(error.message, 'error');
        }
      },
    }, t('console.design.download')));
}
