// #/live-codes: live codes (活码) — one printed image whose scans go to the first group of its
// pool with room. Create (name, pool in routing order, switch after joins, channel, daily cap),
// edit, revoke, download its design (PNG, SVG or PDF); each shows where scans go now and how full each pool group is.
import { download } from './group.js';
import { designPicker } from './design-download.js';

export default {
  route: '#/live-codes',
  nav: 'console.nav.liveCodes',
  async render(ctx, root) {
    const { t, h, api } = ctx;
    const [liveCodes, groups] = await Promise.all([
      api.all('/v1/live-codes', { limit: 100 }),
      api.all('/v1/groups', { limit: 100 }),
    ]);
    const reload = () => ctx.navigate('#/live-codes');
    const slot = h('div', {});
    const newButton = h('button', {
      type: 'button', 'data-action': 'new-live-code', 'data-write': true,
      onclick: () => {
        newButton.hidden = true;
        slot.replaceChildren(liveCodeForm(ctx, groups, null, reload, () => {
          slot.replaceChildren();
          newButton.hidden = false;
        }));
        slot.querySelector('input[name="name"]').focus();
      },
    }, t('console.liveCodes.new'));
    ctx.append(root,
      h('div', { class: 'title' }, h('h1', {}, t('console.liveCodes.title')), newButton),
      h('p', { class: 'hint' }, t('console.liveCodes.help')),
      slot,
      liveCodes.length ? liveCodes.map((lc) => liveCodeCard(ctx, lc, groups, reload))
        : h('p', { class: 'empty' }, t('console.liveCodes.empty')));
  },
};

function liveCodeCard(ctx, lc, groups, reload) {
  const { h, t, fmt, api } = ctx;
  const name = (id) => groups.find((g) => g.groupId === id)?.name || id;
  const editSlot = h('div', {});
  const live = lc.status === 'active';
  const card = h('article', { class: 'card live-code', 'data-id': lc.liveCodeId, 'aria-label': lc.name },
    h('div', { class: 'live-code-head' },
      h('img', { class: 'qr', src: lc.imageUrl, alt: t('console.code.imageAlt', { channel: lc.name }), width: 160, height: 160, loading: 'lazy' }),
      h('div', {},
        h('h2', {}, lc.name),
        h('dl', { class: 'facts' },
          h('dt', {}, t('console.code.status')), h('dd', { class: `status-${lc.status}` }, t(live ? 'console.code.status.active' : 'console.code.status.revoked')),
          h('dt', {}, t('console.liveCodes.current')), h('dd', {}, lc.currentGroupId ? name(lc.currentGroupId) : h('span', { class: 'status-revoked' }, t('console.liveCodes.exhausted'))),
          h('dt', {}, t('console.code.channel')), h('dd', {}, lc.channel || t('console.code.noChannel')),
          h('dt', {}, t('console.liveCodes.switchAfterJoins')), h('dd', {}, lc.switchAfterJoins ? fmt.number(lc.switchAfterJoins) : t('console.common.none')),
          h('dt', {}, t('console.code.scansToday')), h('dd', {}, lc.dailyScanLimit ? `${fmt.number(lc.scansToday)} / ${fmt.number(lc.dailyScanLimit)}` : fmt.number(lc.scansToday)),
          h('dt', {}, t('console.code.scanUrl')), h('dd', { class: 'mono' }, lc.scanUrl)))),
    h('h3', {}, t('console.liveCodes.pool')),
    ctx.table({
      caption: t('console.liveCodes.pool'),
      items: lc.pool,
      id: (p) => p.groupId,
      empty: t('console.liveCodes.poolEmpty'),
      columns: [
        { label: t('console.liveCodes.order'), render: (p) => String(lc.pool.indexOf(p) + 1) },
        { label: t('console.group.name'), render: (p) => h('a', { href: ctx.href('#/groups/{groupId}', p) }, p.name) },
        { label: t('console.liveCodes.fill'), render: (p) => h('span', {}, `${fmt.number(p.members)} / ${fmt.number(p.limit)}`, p.groupId === lc.currentGroupId ? ` · ${t('console.liveCodes.now')}` : '') },
      ],
    }),
    h('div', { class: 'actions' },
      live ? designPicker(ctx, { path: `/v1/live-codes/${encodeURIComponent(lc.liveCodeId)}/image`, label: lc.name, id: lc.liveCodeId, logo: true })
        : h('button', { type: 'button', class: 'secondary', 'data-action': 'download', 'aria-label': `${t('console.code.download')} ${lc.name}`,
          onclick: (e) => ctx.busy(e.target.closest('button'), () => download({ imageUrl: lc.imageUrl, channel: lc.channel || 'live', codeId: lc.liveCodeId })).catch((error) => ctx.notify(error.message, 'error')) },
        t('console.code.download')),
      live ? h('button', { type: 'button', class: 'secondary', 'data-action': 'edit', 'data-write': true, 'aria-label': `${t('console.liveCodes.edit')} ${lc.name}`,
        onclick: () => {
          editSlot.replaceChildren(liveCodeForm(ctx, groups, lc, reload, () => editSlot.replaceChildren()));
        } }, t('console.liveCodes.edit')) : null,
      live ? h('button', { type: 'button', class: 'danger', 'data-action': 'revoke-code', 'data-write': true, 'aria-label': `${t('console.code.revoke')} ${lc.name}`,
        onclick: async (e) => {
          if (!(await ctx.confirm('console.liveCodes.revokeConfirm', { name: lc.name }))) {
            return;
          }
          try {
            await ctx.busy(e.target.closest('button'), () => api.post(`/v1/live-codes/${encodeURIComponent(lc.liveCodeId)}/revoke`));
            reload();
          } catch (error) {
            ctx.notify(error.message, 'error');
          }
        } }, t('console.code.revoke')) : null),
    editSlot);
  return card;
}

/** Create ({@code lc} null) or edit a live code. The pool is the groups ticked, in the order ticked. */
function liveCodeForm(ctx, groups, lc, reload, close) {
  const { h, t, api } = ctx;
  const order = lc ? [...lc.groupIds] : [];
  const badges = new Map();
  const showOrder = () => badges.forEach((badge, id) => {
    const i = order.indexOf(id);
    badge.textContent = i < 0 ? '' : `#${i + 1}`;
  });
  const pool = h('fieldset', { class: 'pool' }, h('legend', {}, t('console.liveCodes.pool')),
    h('p', { class: 'hint' }, t('console.liveCodes.poolHint')),
    h('div', { class: 'checks' }, groups.map((g) => {
      const badge = h('span', { class: 'order', 'aria-hidden': 'true' });
      badges.set(g.groupId, badge);
      return h('label', { class: 'check' },
        h('input', {
          type: 'checkbox', name: 'groupIds', value: g.groupId, checked: order.includes(g.groupId),
          onchange: (e) => {
            const at = order.indexOf(g.groupId);
            if (e.target.checked && at < 0) {
              order.push(g.groupId);
            } else if (!e.target.checked && at >= 0) {
              order.splice(at, 1);
            }
            showOrder();
          },
        }), ` ${g.name} `, badge);
    })));
  showOrder();
  const value = (name) => (lc && lc[name] !== null && lc[name] !== undefined ? lc[name] : '');
  const form = h('form', { class: 'card form', 'data-form': lc ? 'edit-live-code' : 'new-live-code', novalidate: true },
    h('fieldset', { 'data-write': true }, h('legend', {}, t(lc ? 'console.liveCodes.edit' : 'console.liveCodes.new')),
      ctx.field(t('console.group.name'), h('input', { name: 'name', type: 'text', maxlength: 100, required: true, value: value('name'), autocomplete: 'off' })),
      pool,
      h('div', { class: 'columns' },
        ctx.field(t('console.liveCodes.switchAfterJoins'), h('input', { name: 'switchAfterJoins', type: 'number', inputmode: 'numeric', min: 1, max: 3000, value: value('switchAfterJoins') }), t('console.liveCodes.switchHint')),
        ctx.field(t('console.code.channel'), h('input', { name: 'channel', type: 'text', maxlength: 64, value: value('channel'), autocomplete: 'off' }), t('console.code.channelHint')),
        ctx.field(t('console.code.dailyScanLimit'), h('input', { name: 'dailyScanLimit', type: 'number', inputmode: 'numeric', min: 1, max: 1000000, value: value('dailyScanLimit') }), t('console.liveCodes.limitHint'))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
        h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t(lc ? 'console.common.save' : 'console.common.create')))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const body = { groupIds: [...order] };
    for (const el of form.querySelectorAll('input[name]:not([type=checkbox])')) {
      const raw = el.value.trim();
      if (raw === '') {
        if (lc) {
          body[el.name] = null;
        }
        continue;
      }
      body[el.name] = el.type === 'number' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    }
    if (lc && body.name === null) {
      delete body.name;
    }
    try {
      await ctx.busy(e.submitter || form, () => (lc
        ? api.put(`/v1/live-codes/${encodeURIComponent(lc.liveCodeId)}`, body)
        : api.post('/v1/live-codes', body)));
      ctx.notify(t('console.common.saved'));
      reload();
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  return form;
}
