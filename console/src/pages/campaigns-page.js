// #/campaigns and #/campaigns/{campaignId}: the list with a new campaign (on one of the tenant's
// groups or live codes), and one campaign: its facts, funnel (from /stats), leaderboard, ending
// it (confirmed), redeeming a reward code and, while it runs, its poster template (campaign-poster.js).
import { funnel } from './campaign-funnel.js';
import { posterForm } from './campaign-poster.js';

const NUMBERS = ['goal', 'qualifyAfterMinutes', 'perInviterDailyLimit'];

export async function renderList(ctx, root) {
  const { t, h, api, fmt } = ctx;
  const [campaigns, groups, liveCodes] = await Promise.all([
    api.all('/v1/campaigns', { limit: 100 }),
    api.all('/v1/groups', { limit: 100 }),
    api.all('/v1/live-codes', { limit: 100 }),
  ]);
  const slot = h('div', { class: 'form-slot' });
  const newButton = h('button', {
    type: 'button', 'data-action': 'new-campaign', 'data-write': true,
    onclick: () => {
      newButton.hidden = true;
      slot.replaceChildren(createForm(ctx, groups, liveCodes, () => {
        slot.replaceChildren();
        newButton.hidden = false;
      }));
      slot.querySelector('input[name="name"]').focus();
    },
  }, t('console.campaigns.new'));
  ctx.append(root,
    h('div', { class: 'title' }, h('h1', {}, t('console.campaigns.title')), newButton),
    h('p', { class: 'hint' }, t('console.campaigns.help')),
    slot,
    ctx.table({
      caption: t('console.campaigns.title'),
      items: campaigns,
      id: (c) => c.campaignId,
      empty: t('console.campaigns.empty'),
      columns: [
        { label: t('console.campaigns.name'), render: (c) => h('a', { href: ctx.href('#/campaigns/{campaignId}', c) }, c.name) },
        { label: t('console.campaigns.target'), render: (c) => targetName(ctx, c, groups, liveCodes) },
        { label: t('console.campaigns.goal'), render: (c) => fmt.number(c.goal) },
        { label: t('console.campaigns.status'), render: (c) => status(ctx, c) },
        { label: t('console.campaigns.endsAt'), render: (c) => (c.endsAt ? fmt.time(c.endsAt) : t('console.campaigns.openEnded')) },
      ],
    }));
}

export async function renderOne(ctx, root, params) {
  const { t, h, api, fmt } = ctx;
  const path = `/v1/campaigns/${encodeURIComponent(params.campaignId)}`;
  const [c, stats, board, groups, liveCodes] = await Promise.all([
    api.get(path),
    api.get(`${path}/stats`),
    api.get(`${path}/leaderboard`, { limit: 100 }),
    api.all('/v1/groups', { limit: 100 }),
    api.all('/v1/live-codes', { limit: 100 }),
  ]);
  const reload = () => ctx.navigate(ctx.href('#/campaigns/{campaignId}', c));
  const active = c.status === 'active';
  const end = active ? h('button', {
    type: 'button', class: 'danger', 'data-action': 'end-campaign', 'data-write': true,
    onclick: async (e) => {
      const button = e.currentTarget;
      if (!(await ctx.confirm('console.campaigns.endConfirm', { name: c.name }))) {
        return;
      }
      try {
        await ctx.busy(button, () => api.patch(path, { status: 'ended' }));
        ctx.notify(t('console.campaigns.ended'));
        reload();
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.campaigns.end')) : null;
  ctx.append(root,
    h('p', {}, h('a', { href: '#/campaigns' }, t('console.campaigns.back'))),
    h('div', { class: 'title' }, h('h1', {}, c.name), end),
    h('section', { class: 'card', 'aria-label': t('console.campaigns.details') },
      h('h2', {}, t('console.campaigns.details')),
      h('dl', { class: 'facts', 'data-campaign': c.campaignId },
        h('dt', {}, t('console.campaigns.status')), h('dd', { 'data-status': c.status }, status(ctx, c)),
        h('dt', {}, t('console.campaigns.target')), h('dd', {}, targetName(ctx, c, groups, liveCodes)),
        h('dt', {}, t('console.campaigns.goal')), h('dd', {}, fmt.number(c.goal)),
        h('dt', {}, t('console.campaigns.reward')), h('dd', { class: 'wrap' }, c.reward),
        h('dt', {}, t('console.campaigns.qualifyAfterMinutes')), h('dd', {}, fmt.number(c.qualifyAfterMinutes)),
        h('dt', {}, t('console.campaigns.perInviterDailyLimit')), h('dd', {}, fmt.number(c.perInviterDailyLimit)),
        h('dt', {}, t('console.campaigns.createdAt')), h('dd', {}, fmt.time(c.createdAt)),
        h('dt', {}, t('console.campaigns.endsAt')), h('dd', {}, c.endedAt ? fmt.time(c.endedAt)
          : c.endsAt ? fmt.time(c.endsAt) : t('console.campaigns.openEnded')))),
    h('section', { class: 'card', 'aria-label': t('console.campaigns.funnel') },
      h('h2', {}, t('console.campaigns.funnel')),
      funnelList(ctx, stats)),
    h('section', { class: 'card', 'aria-label': t('console.campaigns.leaderboard') },
      h('h2', {}, t('console.campaigns.leaderboard')),
      ctx.table({
        caption: t('console.campaigns.leaderboard'),
        items: board.items,
        id: (r) => r.memberRef,
        empty: t('console.campaigns.noInviters'),
        columns: [
          { label: t('console.campaigns.rank'), render: (r) => fmt.number(board.items.indexOf(r) + 1) },
          { label: t('console.campaigns.member'), render: (r) => h('span', { class: 'wrap' }, r.displayName || r.memberRef) },
          { label: t('console.campaigns.qualified'), render: (r) => h('span', { 'data-qualified': r.qualified }, fmt.number(r.qualified)) },
          { label: t('console.campaigns.pending'), render: (r) => fmt.number(r.pending) },
          { label: t('console.campaigns.rewardCode'), render: (r) => (r.rewardCode ? h('span', { class: 'mono wrap' }, r.rewardCode) : '—') },
        ],
      })),
    redeemForm(ctx, path),
    active ? posterForm(ctx, path) : null);
}

function funnelList(ctx, stats) {
  const { t, h, fmt } = ctx;
  return h('div', {},
    h('ol', { class: 'funnel' }, funnel(stats).map((s) => h('li', { 'data-step': s.step, 'data-count': s.count },
      h('span', { class: 'funnel-label' }, t(s.key)),
      h('strong', {}, fmt.number(s.count)),
      s.ofPrevious === null ? '' : h('small', { class: 'hint' }, ` (${fmt.percent(s.ofPrevious)})`)))),
    h('p', { 'data-kfactor': stats.kFactor }, t('console.campaigns.kFactor'), ': ', h('strong', {}, fmt.number(stats.kFactor))),
    h('p', { class: 'hint' }, t('console.campaigns.split', {
      pending: fmt.number(stats.pending), refused: fmt.number(stats.refused), removed: fmt.number(stats.removed) })));
}

function redeemForm(ctx, path) {
  const { t, h } = ctx;
  const code = h('input', { name: 'rewardCode', type: 'text', maxlength: 64, autocomplete: 'off', required: true, class: 'mono' });
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.campaigns.redeem')),
      ctx.field(t('console.campaigns.rewardCode'), code, t('console.campaigns.redeemHint'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'redeem', 'data-write': true }, t('console.campaigns.redeem'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const value = code.value.trim().toUpperCase();
    if (!value) {
      ctx.fieldErrors(form, { message: t('console.campaigns.rewardCodeMissing'), field: 'rewardCode' });
      return;
    }
    try {
      const done = await ctx.busy(e.submitter || form, () => ctx.api.post(`${path}/rewards/${encodeURIComponent(value)}/redeem`));
      code.value = '';
      ctx.notify(t('console.campaigns.redeemed', { memberRef: done.memberRef }));
    } catch (error) {
      ctx.fieldErrors(form, { ...error, message: error.code === 'reward_redeemed' ? t('console.campaigns.alreadyRedeemed') : error.message,
        field: 'rewardCode' });
    }
  });
  return form;
}

function status(ctx, c) {
  const { t, h } = ctx;
  return h('span', { class: c.status === 'active' ? 'status-active' : 'status-revoked' },
    t(c.status === 'active' ? 'console.campaigns.active' : 'console.campaigns.endedStatus'));
}

function targetName(ctx, c, groups, liveCodes) {
  const { h, t } = ctx;
  if (c.groupId) {
    const g = groups.find((x) => x.groupId === c.groupId);
    return h('a', { href: ctx.href('#/groups/{groupId}', c) }, g ? g.name : c.groupId);
  }
  const lc = liveCodes.find((x) => x.liveCodeId === c.liveCodeId);
  return `${t('console.campaigns.liveCode')}: ${lc ? lc.name : c.liveCodeId}`;
}

function createForm(ctx, groups, liveCodes, close) {
  const { t, h, field } = ctx;
  const choose = (name, items, id) => h('select', { name },
    h('option', { value: '' }, t('console.campaigns.none')),
    items.filter((x) => x.status !== 'archived' && x.status !== 'revoked').map((x) => h('option', { value: x[id] }, x.name)));
  const groupSelect = choose('groupId', groups, 'groupId');
  const liveSelect = choose('liveCodeId', liveCodes, 'liveCodeId');
  const form = h('form', { class: 'card form', 'data-form': 'new-campaign', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.campaigns.new')),
      field(t('console.campaigns.name'), h('input', { name: 'name', type: 'text', maxlength: 100, required: true, autocomplete: 'off' })),
      h('p', { class: 'hint' }, t('console.campaigns.targetHint')),
      h('div', { class: 'columns' },
        field(t('console.campaigns.group'), groupSelect),
        field(t('console.campaigns.liveCode'), liveSelect)),
      h('div', { class: 'columns' },
        field(t('console.campaigns.goal'), h('input', { name: 'goal', type: 'number', inputmode: 'numeric', min: 1, max: 100, required: true, value: '3' }),
          t('console.campaigns.goalHint')),
        field(t('console.campaigns.qualifyAfterMinutes'), h('input', { name: 'qualifyAfterMinutes', type: 'number', inputmode: 'numeric', min: 0, max: 4320, placeholder: '60' })),
        field(t('console.campaigns.perInviterDailyLimit'), h('input', { name: 'perInviterDailyLimit', type: 'number', inputmode: 'numeric', min: 1, max: 1000, placeholder: '20' }))),
      field(t('console.campaigns.reward'), h('textarea', { name: 'reward', rows: 2, maxlength: 200, required: true })),
      field(t('console.campaigns.endsAt'), h('input', { name: 'endsAt', type: 'datetime-local' }), t('console.campaigns.endsAtHint'))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
      h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    const body = {};
    for (const el of form.querySelectorAll('[name]')) {
      const raw = el.value.trim();
      if (raw === '') {
        continue;
      }
      if (NUMBERS.includes(el.name)) {
        body[el.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
      } else if (el.name === 'endsAt') {
        body.endsAt = ctx.fmt.instant(raw);
      } else {
        body[el.name] = el.name === 'reward' ? el.value : raw;
      }
    }
    try {
      const created = await ctx.busy(e.submitter || form, () => ctx.api.post('/v1/campaigns', body));
      ctx.notify(t('console.campaigns.created', { name: created.name }));
      ctx.navigate(ctx.href('#/campaigns/{campaignId}', created));
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  return form;
}
