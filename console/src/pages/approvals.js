// #/approvals: every pending join request of every group, oldest first, to approve or reject;
// its nav entry carries the count (the shell polls badge() every 10 s).

/** Pending requests of every group, each with its group, oldest first. */
async function pending(api) {
  const groups = await api.all('/v1/groups', { limit: 100 });
  const out = [];
  // A few groups at a time: a tenant with many groups must not open dozens of requests at once.
  for (let i = 0; i < groups.length; i += 6) {
    const batch = groups.slice(i, i + 6);
    const lists = await Promise.all(batch.map((g) => api.all(`/v1/groups/${encodeURIComponent(g.groupId)}/join-requests`,
      { status: 'pending', limit: 100 })));
    lists.forEach((items, j) => items.forEach((r) => out.push({ ...r, group: batch[j] })));
  }
  return out.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
}

export default {
  route: '#/approvals',
  nav: 'console.nav.approvals',
  async badge(ctx) {
    return (await pending(ctx.api)).length;
  },
  async render(ctx, root) {
    const { t, h } = ctx;
    const requests = await pending(ctx.api);
    ctx.append(root,
      h('div', { class: 'title' }, h('h1', {}, t('console.approvals.title'))),
      h('p', { class: 'hint' }, t('console.approvals.help')),
      requestRows(ctx, requests, () => ctx.navigate('#/approvals'), true));
  },
};

/** The requests as a list with approve and reject on each row (data-id: the request id). */
export function requestRows(ctx, requests, reload, withGroup = false) {
  const { h, t, fmt, api } = ctx;
  const decide = (request, action) => async (e) => {
    try {
      const answer = await ctx.busy(e.target.closest('button'), () => api.post(`/v1/join-requests/${encodeURIComponent(request.requestId)}/${action}`));
      ctx.notify(t(answer.status === 'joined' ? 'console.approvals.approved' : 'console.approvals.rejected', { memberRef: request.memberRef }));
      ctx.refreshBadges();
      reload();
    } catch (error) {
      ctx.notify(error.code === 'group_full' ? t('console.approvals.groupFull') : error.message, 'error');
    }
  };
  return ctx.table({
    caption: t('console.approvals.title'),
    items: requests,
    id: (r) => r.requestId,
    empty: t('console.approvals.empty'),
    columns: [
      withGroup ? { label: t('console.approvals.group'), render: (r) => h('a', { href: ctx.href('#/groups/{groupId}', r.group) }, r.group.name) } : null,
      { label: t('console.member.ref'), render: (r) => h('span', { class: 'mono' }, r.memberRef) },
      { label: t('console.approvals.requestedAt'), render: (r) => fmt.time(r.createdAt) },
      {
        label: t('console.common.actions'),
        render: (r) => h('div', { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'approve', 'data-write': true, 'aria-label': `${t('console.approvals.approve')} ${r.memberRef}`, onclick: decide(r, 'approve') }, t('console.approvals.approve')),
          h('button', { type: 'button', class: 'danger', 'data-action': 'reject', 'data-write': true, 'aria-label': `${t('console.approvals.reject')} ${r.memberRef}`, onclick: decide(r, 'reject') }, t('console.approvals.reject'))),
      },
    ].filter(Boolean),
  });
}
