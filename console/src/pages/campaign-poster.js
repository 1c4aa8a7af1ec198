// A campaign's poster template (PUT /v1/campaigns/{id}/poster): the picture, and where each
// member's invite code and display name go on it, in the picture's pixels — inputs named as the
// API's query fields. A canvas previews the placement live: the picture, a placeholder QR square
// and a sample name, redrawn on every change, before anything is sent.
export const MAX_BYTES = 2 * 1024 * 1024;
/** The API's smallest QR square: an invite URL's symbol at three pixels a module. */
export const MIN_QR_SIZE = 150;
export const PLACEMENT_FIELDS = ['qrX', 'qrY', 'qrSize', 'nameX', 'nameY', 'nameSize'];
/** Each input's label, its catalogue key spelt out whole. */
const LABELS = {
  qrX: 'console.campaigns.posterQrX',
  qrY: 'console.campaigns.posterQrY',
  qrSize: 'console.campaigns.posterQrSize',
  nameX: 'console.campaigns.posterNameX',
  nameY: 'console.campaigns.posterNameY',
  nameSize: 'console.campaigns.posterNameSize',
  nameColor: 'console.campaigns.posterNameColor',
};

/**
 * A starting placement for a {@code width} × {@code height} picture that the API accepts: the
 * code centred in the lower part (a third of the short side, at least MIN_QR_SIZE), the name's
 * line near the top, a twentieth of the height.
 */
export function defaultPlacement(width, height) {
  const qrSize = Math.min(Math.max(MIN_QR_SIZE, Math.round(Math.min(width, height) / 3)), width, height);
  const nameSize = Math.max(12, Math.min(200, Math.round(height / 20)));
  return {
    qrX: Math.round((width - qrSize) / 2),
    qrY: Math.max(0, height - qrSize - Math.round(height / 12)),
    qrSize,
    nameX: Math.round(width / 12),
    nameY: Math.round(height / 12),
    nameSize,
    nameColor: '#000000',
  };
}

/** The form's values as numbers (a blank or non-numeric field is null: the preview leaves that part out). */
export function readPlacement(values) {
  const out = {};
  for (const name of PLACEMENT_FIELDS) {
    const raw = String(values[name] ?? '').trim();
    out[name] = /^\d{1,5}$/.test(raw) ? Number(raw) : null;
  }
  out.nameColor = /^#[0-9a-fA-F]{6}$/.test(values.nameColor || '') ? values.nameColor.toLowerCase() : '#000000';
  return out;
}

/** Draws the preview: the picture, the code's placeholder square (finder patterns, as a QR shows), the sample name. */
export function drawPreview(canvas, image, p, sampleName) {
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  if (p.qrX !== null && p.qrY !== null && p.qrSize !== null) {
    g.fillStyle = '#ffffff';
    g.fillRect(p.qrX, p.qrY, p.qrSize, p.qrSize);
    const m = p.qrSize / 49; // a version-6 symbol with its quiet zone
    g.fillStyle = '#000000';
    for (const [cx, cy] of [[4, 4], [38, 4], [4, 38]]) {
      g.fillRect(p.qrX + cx * m, p.qrY + cy * m, 7 * m, 7 * m);
      g.fillStyle = '#ffffff';
      g.fillRect(p.qrX + (cx + 1) * m, p.qrY + (cy + 1) * m, 5 * m, 5 * m);
      g.fillStyle = '#000000';
      g.fillRect(p.qrX + (cx + 2) * m, p.qrY + (cy + 2) * m, 3 * m, 3 * m);
    }
    g.strokeStyle = '#c0392b';
    g.lineWidth = Math.max(2, m);
    g.strokeRect(p.qrX, p.qrY, p.qrSize, p.qrSize);
  }
  if (p.nameX !== null && p.nameY !== null && p.nameSize !== null) {
    g.fillStyle = p.nameColor;
    g.textBaseline = 'top';
    g.font = `${p.nameSize}px sans-serif`;
    g.fillText(sampleName, p.nameX, p.nameY, Math.max(1, canvas.width - p.nameX));
  }
}

export function posterForm(ctx, path) {
  const { t, h, field } = ctx;
  const file = h('input', { type: 'file', name: 'poster', accept: 'image/png,image/jpeg' });
  const inputs = Object.fromEntries(PLACEMENT_FIELDS.map((name) => [name,
    h('input', { name, type: 'number', inputmode: 'numeric', min: 0, max: 2048, step: 1, required: true })]));
  const colour = h('input', { name: 'nameColor', type: 'color', value: '#000000' });
  const canvas = h('canvas', { class: 'poster-preview', role: 'img', 'aria-label': t('console.campaigns.posterPreview'),
    width: 1, height: 1, hidden: true });
  const stored = h('p', { class: 'hint', 'data-poster': '' });
  const image = new Image();
  let imageUrl = null;
  const redraw = () => {
    if (image.naturalWidth) {
      const values = Object.fromEntries(PLACEMENT_FIELDS.map((n) => [n, inputs[n].value]));
      drawPreview(canvas, image, readPlacement({ ...values, nameColor: colour.value }), t('console.campaigns.posterSampleName'));
      canvas.hidden = false;
    }
  };
  image.onload = () => {
    // A first picture gets a placement the API accepts; a replaced one keeps what was typed.
    if (PLACEMENT_FIELDS.every((n) => inputs[n].value === '')) {
      const start = defaultPlacement(image.naturalWidth, image.naturalHeight);
      PLACEMENT_FIELDS.forEach((n) => { inputs[n].value = String(start[n]); });
    }
    redraw();
  };
  file.addEventListener('change', () => {
    if (imageUrl) {
      URL.revokeObjectURL(imageUrl);
      imageUrl = null;
    }
    const picked = file.files[0];
    if (picked) {
      imageUrl = URL.createObjectURL(picked);
      image.src = imageUrl;
    }
  });
  [...Object.values(inputs), colour].forEach((el) => el.addEventListener('input', redraw));
  const label = (name) => t(LABELS[name]);
  const form = h('form', { class: 'card form', 'data-form': 'poster', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.campaigns.poster')),
      field(t('console.campaigns.posterFile'), file, t('console.campaigns.posterHint')),
      h('div', { class: 'columns' }, ['qrX', 'qrY', 'qrSize'].map((n) => field(label(n), inputs[n]))),
      h('div', { class: 'columns' }, ['nameX', 'nameY', 'nameSize'].map((n) => field(label(n), inputs[n])),
        field(label('nameColor'), colour)),
      canvas, stored),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'upload-poster', 'data-write': true },
      t('console.campaigns.posterUpload'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const picked = file.files[0];
    if (!picked) {
      ctx.fieldErrors(form, { message: t('console.campaigns.posterMissing'), field: 'poster' });
      return;
    }
    if (picked.size > MAX_BYTES) {
      ctx.fieldErrors(form, { message: t('console.campaigns.posterTooLarge'), field: 'poster' });
      return;
    }
    const params = Object.fromEntries(PLACEMENT_FIELDS.map((n) => [n, inputs[n].value.trim()]));
    params.nameColor = colour.value;
    try {
      const done = await ctx.busy(e.submitter || form, () => ctx.api.request('PUT', `${path}/poster`,
        { body: picked, params, contentType: picked.type || 'image/png' }));
      stored.dataset.poster = `${done.width}x${done.height}`;
      stored.textContent = t('console.campaigns.posterStored', { width: done.width, height: done.height });
      ctx.notify(t('console.common.saved'));
    } catch (error) {
      // The API names the body for the picture; every placement field is an input of its own name.
      ctx.fieldErrors(form, error, { body: 'poster' });
    }
  });
  return form;
}
