// #/groups: every group of the tenant, and a new group (name, capacity, join policy, category,
// welcome message, preset), created with POST /v1/groups.
import { groupForm, groupBody } from './group-form.js';
import { revealSecret } from './group.js';
import * as label from '../lib/labels.js';

export default {
  route: '#/groups',
  nav: 'console.nav.groups',
  async render(ctx, root) {
    const { t, h, fmt } = ctx;
    const groups = await ctx.api.all('/v1/groups', { limit: 100 });
    const formSlot = h('div', { class: 'form-slot' });
    const newButton = h('button', {
      type: 'button',
      'data-action': 'new-group',
      'data-write': true,
      onclick: () => {
        newButton.hidden = true;
        formSlot.replaceChildren(createForm(ctx, () => {
          formSlot.replaceChildren();
          newButton.hidden = false;
        }));
        formSlot.querySelector('input[name="name"]').focus();
      },
    }, t('console.groups.new'));
    ctx.append(root,
      h('div', { class: 'title' }, h('h1', {}, t('console.groups.title')), newButton),
      formSlot,
      ctx.table({
        caption: t('console.groups.title'),
        items: groups,
        id: (g) => g.groupId,
        empty: t('console.groups.empty'),
        columns: [
          { label: t('console.group.name'), render: (g) => h('a', { href: ctx.href('#/groups/{groupId}', g) }, g.name) },
          { label: t('console.group.members'), render: (g) => `${fmt.number(g.members)} / ${fmt.number(g.capacity)}` },
          { label: t('console.group.joinPolicy'), render: (g) => label.joinPolicy(t, g.joinPolicy) },
          { label: t('console.group.status'), render: (g) => label.groupStatus(t, g.status) },
          { label: t('console.group.entry'), render: (g) => entrySummary(ctx, g.entry) },
        ],
      }));
  },
};

/** One line about a group's entry: its platform and, for a picture, the days it has left. */
export function entrySummary(ctx, entry) {
  const { t, fmt } = ctx;
  if (!entry) {
    return t('console.entry.none');
  }
  const platform = label.platform(t, entry.platform);
  const left = fmt.daysLeft(entry.expiresAt);
  return left === null ? platform : `${platform} · ${t('console.entry.daysLeft', { n: left })}`;
}

function createForm(ctx, close) {
  const { t, h } = ctx;
  const form = groupForm(ctx, {});
  form.append(h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', onclick: close }, t('console.common.cancel')),
    h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    try {
      const group = await ctx.busy(e.submitter || form, () => ctx.api.post('/v1/groups', groupBody(form, { create: true })));
      ctx.notify(t('console.groups.created', { name: group.name }));
      revealSecret(group);
      ctx.navigate(ctx.href('#/groups/{groupId}', group));
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  return form;
}
