// #/groups/{groupId}: one group — its settings (edit, archive), its entry (a link, or the
// platform's own group QR uploaded as a picture, with the decoded payload and the days left),
// its codes (issue per channel, refresh, revoke, download its design: PNG, SVG or PDF), its members (remove) and its
// pending join requests (approve, reject).
import { designPicker } from './design-download.js';
import { groupBody, groupForm } from './group-form.js';
import { entrySummary } from './groups.js';
import { requestRows } from './approvals.js';
import * as label from '../lib/labels.js';

/** Secrets shown once (a passcode group's TOTP secret), handed from the answer to the page. */
const revealed = new Map();

export default {
  route: '#/groups/{groupId}',
  nav: null,
  section: '#/groups',
  async render(ctx, root, { groupId }) {
    const { t, h, api } = ctx;
    const path = `/v1/groups/${encodeURIComponent(groupId)}`;
    const [group, codes, members, requests] = await Promise.all([
      api.get(path),
      api.all('/v1/codes', { limit: 100 }, 500).then((all) => all.filter((c) => c.groupId === groupId)),
      api.get(`${path}/members`, { limit: 100 }),
      api.all(`${path}/join-requests`, { status: 'pending', limit: 100 }),
    ]);
    const reload = () => ctx.navigate(ctx.href('#/groups/{groupId}', { groupId }));
    ctx.append(root,
      h('p', { class: 'crumbs' }, h('a', { href: '#/groups' }, t('console.groups.title'))),
      h('div', { class: 'title' }, h('h1', {}, group.name),
        h('span', { class: `status-${group.status}` }, label.groupStatus(t, group.status))),
      secretNotice(ctx, group),
      overview(ctx, group),
      section(ctx, 'console.entry.title', entrySection(ctx, group, path, reload)),
      section(ctx, 'console.codes.title', codesSection(ctx, group, codes, reload)),
      section(ctx, 'console.requests.title', requestRows(ctx, requests.map((r) => ({ ...r, group })), reload)),
      section(ctx, 'console.members.title', membersSection(ctx, group, path, members, reload)),
      section(ctx, 'console.group.edit', settingsSection(ctx, group, path, reload)));
  },
};

function section(ctx, titleKey, ...children) {
  const { h, t } = ctx;
  return h('section', { class: 'card', 'aria-label': t(titleKey) }, h('h2', {}, t(titleKey)), children);
}

function secretNotice(ctx, group) {
  const secret = revealed.get(group.groupId);
  if (!secret) {
    return null;
  }
  revealed.delete(group.groupId);
  const { h, t } = ctx;
  return h('div', { class: 'notice warn', role: 'alert' },
    h('p', {}, t('console.group.passcodeSecret')),
    h('p', { class: 'mono', 'data-secret': 'passcodeSecret' }, secret));
}

/** Remembers a passcode secret from an API answer for the next render of its group. */
export function revealSecret(group) {
  if (group && group.passcodeSecret) {
    revealed.set(group.groupId, group.passcodeSecret);
  }
}

function overview(ctx, group) {
  const { h, t, fmt } = ctx;
  return h('dl', { class: 'facts card' },
    h('dt', {}, t('console.group.members')), h('dd', {}, `${fmt.number(group.members)} / ${fmt.number(group.capacity)}`),
    h('dt', {}, t('console.group.joinPolicy')), h('dd', {}, label.joinPolicy(t, group.joinPolicy)),
    h('dt', {}, t('console.group.category')), h('dd', {}, label.category(t, group.category)),
    h('dt', {}, t('console.group.verifyAbove')), h('dd', {}, group.verifyAbove ? fmt.number(group.verifyAbove) : t('console.common.none')),
    h('dt', {}, t('console.group.welcomeMessage')), h('dd', {}, group.welcomeMessage || '—'),
    h('dt', {}, t('console.group.entry')), h('dd', { 'data-entry-summary': true }, entrySummary(ctx, group.entry)),
    group.blocked ? [h('dt', {}, t('console.group.blocked')), h('dd', { class: 'status-revoked' }, group.blocked.reason)] : null,
    h('dt', {}, t('console.group.id')), h('dd', { class: 'mono' }, group.groupId));
}

function entrySection(ctx, group, path, reload) {
  const { h, t, fmt, api } = ctx;
  const entry = group.entry;
  const current = entry
    ? h('dl', { class: 'facts', 'data-entry': entry.type },
      h('dt', {}, t('console.entry.platform')), h('dd', {}, label.platform(t, entry.platform)),
      entry.type === 'link'
        ? [h('dt', {}, t('console.entry.url')), h('dd', { class: 'mono' }, entry.url)]
        : [h('dt', {}, t('console.entry.payload')), h('dd', { class: 'mono', 'data-payload': true }, entry.payload)],
      h('dt', {}, t('console.entry.expiresAt')),
      h('dd', { 'data-days-left': fmt.daysLeft(entry.expiresAt) ?? '' }, entry.expiresAt
        ? `${fmt.time(entry.expiresAt)} (${t('console.entry.daysLeft', { n: fmt.daysLeft(entry.expiresAt) })})`
        : t('console.entry.never')),
      entry.expired ? h('dd', { class: 'notice error' }, t('console.entry.expired'))
        : entry.expiringSoon ? h('dd', { class: 'notice warn' }, t('console.entry.expiringSoon')) : null)
    : h('p', { class: 'empty' }, t('console.entry.none'));

  const url = h('input', { name: 'url', type: 'url', inputmode: 'url', placeholder: 'https://', value: entry?.type === 'link' ? entry.url : '' });
  const linkForm = h('form', { class: 'form', 'data-form': 'entry-link', novalidate: true },
    h('fieldset', { 'data-write': true }, h('legend', {}, t('console.entry.link')),
      ctx.field(t('console.entry.url'), url, t('console.entry.linkHint')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.entry.saveLink')))));
  linkForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(linkForm);
    try {
      await ctx.busy(e.submitter || linkForm, () => api.patch(path, { entry: { type: 'link', url: url.value.trim() } }));
      ctx.notify(t('console.common.saved'));
      reload();
    } catch (error) {
      ctx.fieldErrors(linkForm, error, { entry: 'url', 'entry.url': 'url' });
    }
  });

  const file = h('input', { name: 'entryImage', type: 'file', accept: 'image/png,image/jpeg' });
  const expires = h('input', { name: 'expiresAt', type: 'datetime-local' });
  const imageForm = h('form', { class: 'form', 'data-form': 'entry-image', novalidate: true },
    h('fieldset', { 'data-write': true }, h('legend', {}, t('console.entry.image')),
      ctx.field(t('console.entry.imageFile'), file, t('console.entry.imageHint')),
      ctx.field(t('console.entry.expiresAtOptional'), expires, t('console.entry.expiresAtHint', { zone: ctx.zone })),
      h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'upload-entry', 'data-write': true }, t('console.entry.upload')))));
  imageForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(imageForm);
    const picture = file.files[0];
    if (!picture) {
      ctx.fieldErrors(imageForm, { field: 'entryImage', message: t('console.entry.chooseFile') });
      return;
    }
    // The time typed is the tenant's (as every time the console shows), not the browser's.
    const params = expires.value ? { expiresAt: fmt.instant(expires.value) } : undefined;
    try {
      const updated = await ctx.busy(e.submitter || imageForm, () => api.request('PUT', `${path}/entry-image`,
        { body: picture, params, contentType: picture.type || 'image/png' }));
      ctx.notify(t('console.entry.uploaded', { payload: updated.entry.payload }));
      reload();
    } catch (error) {
      ctx.fieldErrors(imageForm, error, { body: 'entryImage' });
    }
  });

  const remove = entry ? h('button', {
    type: 'button', class: 'secondary', 'data-action': 'remove-entry', 'data-write': true,
    onclick: async (e) => {
      if (!(await ctx.confirm('console.entry.removeConfirm'))) {
        return;
      }
      try {
        await ctx.busy(e.target.closest('button'), () => api.patch(path, { entry: null }));
        reload();
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.entry.remove')) : null;
  return [current, remove, h('div', { class: 'columns' }, imageForm, linkForm)];
}

function codesSection(ctx, group, codes, reload) {
  const { h, t, fmt, api } = ctx;
  const form = h('form', { class: 'form', 'data-form': 'issue-code', novalidate: true },
    h('fieldset', { 'data-write': true }, h('legend', {}, t('console.codes.issue')),
      h('div', { class: 'columns' },
        ctx.field(t('console.code.channel'), h('input', { name: 'channel', type: 'text', maxlength: 64, autocomplete: 'off', placeholder: 'campus-north' }), t('console.code.channelHint')),
        ctx.field(t('console.code.ttl'), ttlSelect(ctx)),
        ctx.field(t('console.code.dailyScanLimit'), h('input', { name: 'dailyScanLimit', type: 'number', inputmode: 'numeric', min: 1, max: 1000000, placeholder: '500' }))),
      h('details', {}, h('summary', {}, t('console.code.advanced')),
        h('div', { class: 'columns' },
          ['allowCountries', 'denyCountries', 'allowRegions', 'denyRegions', 'allowCidrs', 'denyCidrs'].map((name) => ctx.field(t(GEO_KEYS[name]),
            h('input', { name, type: 'text', autocomplete: 'off', 'data-list': true }), t('console.code.listHint'))),
          ctx.field(t('console.code.ecc'), ctx.h('select', { name: 'ecc' }, ['', 'L', 'M', 'Q', 'H'].map((v) => h('option', { value: v }, v || t('console.common.default'))))),
          ctx.field(t('console.code.modulePx'), h('input', { name: 'modulePx', type: 'number', inputmode: 'numeric', min: 1, max: 40, placeholder: '8' })))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'issue-code', 'data-write': true, disabled: group.status === 'archived' }, t('console.codes.issue')))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    try {
      const code = await ctx.busy(e.submitter || form, () => api.post(`/v1/groups/${encodeURIComponent(group.groupId)}/codes`, codeBody(form)));
      ctx.notify(t('console.codes.issued', { channel: code.channel || t('console.code.noChannel') }));
      reload();
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  const list = ctx.table({
    caption: t('console.codes.title'),
    items: codes,
    id: (c) => c.codeId,
    empty: t('console.codes.empty'),
    columns: [
      { label: t('console.code.image'), render: (c) => h('img', { class: 'qr', src: c.imageUrl, alt: t('console.code.imageAlt', { channel: c.channel || t('console.code.noChannel') }), width: 160, height: 160, loading: 'lazy' }) },
      { label: t('console.code.channel'), render: (c) => c.channel || t('console.code.noChannel') },
      { label: t('console.code.status'), render: (c) => h('span', { class: `status-${c.status}` }, label.codeStatus(t, c.status)) },
      { label: t('console.code.expiresAt'), render: (c) => fmt.time(c.expiresAt) },
      { label: t('console.code.scansToday'), render: (c) => `${fmt.number(c.scansToday)} / ${fmt.number(c.dailyScanLimit)}` },
      { label: t('console.code.scanUrl'), render: (c) => h('span', { class: 'mono' }, c.scanUrl) },
      { label: t('console.common.actions'), render: (c) => codeActions(ctx, c, reload) },
    ],
  });
  return [form, list];
}

const GEO_KEYS = {
  allowCountries: 'console.code.allowCountries',
  denyCountries: 'console.code.denyCountries',
  allowRegions: 'console.code.allowRegions',
  denyRegions: 'console.code.denyRegions',
  allowCidrs: 'console.code.allowCidrs',
  denyCidrs: 'console.code.denyCidrs',
};

function ttlSelect(ctx) {
  const { h, t } = ctx;
  const options = [
    ['', t('console.common.default')],
    ['3600', t('console.code.ttl.hours', { n: 1 })],
    ['86400', t('console.code.ttl.days', { n: 1 })],
    ['259200', t('console.code.ttl.days', { n: 3 })],
    ['604800', t('console.code.ttl.days', { n: 7 })],
    ['2592000', t('console.code.ttl.days', { n: 30 })],
  ];
  return h('select', { name: 'ttlSeconds' }, options.map(([v, text]) => h('option', { value: v }, text)));
}

/** POST /v1/groups/{id}/codes's body from the issue form: empty fields left to the API's defaults. */
function codeBody(form) {
  const body = {};
  const geo = {};
  for (const el of form.querySelectorAll('input[name], select[name]')) {
    const raw = el.value.trim();
    if (raw === '') {
      continue;
    }
    if (el.dataset.list !== undefined) {
      geo[el.name] = raw.split(/[\s,，]+/).filter(Boolean);
    } else if (el.type === 'number' || el.name === 'ttlSeconds') {
      body[el.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    } else {
      body[el.name] = raw;
    }
  }
  if (Object.keys(geo).length) {
    body.geo = geo;
  }
  return body;
}

function codeActions(ctx, code, reload) {
  const { h, t, api } = ctx;
  const live = code.status === 'active';
  const act = (action, labelKey, run, confirmKey) => h('button', {
    type: 'button',
    class: action === 'download' ? 'secondary' : action === 'revoke-code' ? 'danger' : '',
    'data-action': action,
    'data-write': action === 'download' ? null : true,
    'aria-label': `${t(labelKey)} ${code.channel || code.codeId}`,
    onclick: async (e) => {
      if (confirmKey && !(await ctx.confirm(confirmKey, { channel: code.channel || t('console.code.noChannel') }))) {
        return;
      }
      try {
        await ctx.busy(e.target.closest('button'), run);
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t(labelKey));
  return h('div', { class: 'actions' },
    live ? designPicker(ctx, { path: `/v1/codes/${encodeURIComponent(code.codeId)}/image`, label: code.channel || code.codeId, id: code.codeId, logo: true })
      : act('download', 'console.code.download', () => download(code)),
    live ? act('refresh-code', 'console.code.refresh', async () => {
      await api.post(`/v1/codes/${encodeURIComponent(code.codeId)}/refresh`);
      ctx.notify(t('console.code.refreshed'));
      reload();
    }, 'console.code.refreshConfirm') : null,
    live ? act('revoke-code', 'console.code.revoke', async () => {
      await api.post(`/v1/codes/${encodeURIComponent(code.codeId)}/revoke`);
      ctx.notify(t('console.code.revoked'));
      reload();
    }, 'console.code.revokeConfirm') : null);
}

/** Saves the code's PNG under a name that says which channel it is for. */
export async function download(code) {
  const response = await fetch(code.imageUrl, { credentials: 'omit' });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `groupgate-${(code.channel || 'code').replace(/[^A-Za-z0-9._-]/g, '_')}-${code.codeId}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function membersSection(ctx, group, path, page, reload) {
  const { h, t, fmt, api } = ctx;
  const items = [...page.items];
  const holder = h('div', {});
  let cursor = page.nextCursor;
  const render = () => {
    holder.replaceChildren(ctx.table({
      caption: t('console.members.title'),
      items,
      id: (m) => m.memberRef,
      empty: t('console.members.empty'),
      columns: [
        { label: t('console.member.ref'), render: (m) => h('span', { class: 'mono' }, m.memberRef) },
        { label: t('console.member.joinedAt'), render: (m) => fmt.time(m.joinedAt) },
        {
          label: t('console.common.actions'),
          render: (m) => h('button', {
            type: 'button', class: 'danger', 'data-action': 'remove-member', 'data-write': true,
            'aria-label': `${t('console.member.remove')} ${m.memberRef}`,
            onclick: async (e) => {
              if (!(await ctx.confirm('console.member.removeConfirm', { memberRef: m.memberRef }))) {
                return;
              }
              try {
                await ctx.busy(e.target.closest('button'), () => api.del(`${path}/members/${encodeURIComponent(m.memberRef)}`));
                ctx.notify(t('console.member.removed', { memberRef: m.memberRef }));
                reload();
              } catch (error) {
                ctx.notify(error.message, 'error');
              }
            },
          }, t('console.member.remove')),
        },
      ],
    }), cursor ? h('button', {
      type: 'button', class: 'secondary', 'data-action': 'more',
      onclick: async (e) => {
        const next = await ctx.busy(e.target.closest('button'), () => api.get(`${path}/members`, { limit: 100, cursor }));
        items.push(...next.items);
        cursor = next.nextCursor;
        render();
      },
    }, t('console.common.more')) : null);
  };
  render();
  return holder;
}

function settingsSection(ctx, group, path, reload) {
  const { h, t, api } = ctx;
  const form = groupForm(ctx, group);
  form.setAttribute('data-form', 'group');
  form.append(h('div', { class: 'actions' },
    h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    try {
      const updated = await ctx.busy(e.submitter || form, () => api.patch(path, groupBody(form, { create: false })));
      revealSecret(updated);
      ctx.notify(t('console.common.saved'));
      reload();
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  const archived = group.status === 'archived';
  const archive = h('button', {
    type: 'button', class: archived ? 'secondary' : 'danger', 'data-action': archived ? 'unarchive' : 'archive', 'data-write': true,
    onclick: async (e) => {
      if (!(await ctx.confirm(archived ? 'console.group.unarchiveConfirm' : 'console.group.archiveConfirm', { name: group.name }))) {
        return;
      }
      try {
        await ctx.busy(e.target.closest('button'), () => api.patch(path, { status: archived ? 'active' : 'archived' }));
        reload();
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t(archived ? 'console.group.unarchive' : 'console.group.archive'));
  const rotate = group.joinPolicy === 'passcode' ? h('button', {
    type: 'button', class: 'secondary', 'data-action': 'rotate-passcode', 'data-write': true,
    onclick: async (e) => {
      if (!(await ctx.confirm('console.group.rotateConfirm'))) {
        return;
      }
      try {
        revealSecret(await ctx.busy(e.target.closest('button'), () => api.post(`${path}/passcode/rotate`)));
        reload();
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.group.rotatePasscode')) : null;
  return [form, h('div', { class: 'actions' }, archive, rotate)];
}
