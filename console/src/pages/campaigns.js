// #/campaigns: referral campaigns (裂变) on a group or a live code — the list, a new one, and
// per campaign (#/campaigns/{campaignId}) its leaderboard, its funnel, ending it and redeeming
// a reward code. The pages' code is a chunk of its own, loaded when first opened.
import './ops.css';

export default {
  route: '#/campaigns',
  nav: 'console.nav.campaigns',
  render: async (ctx, root, params) => (await import('./campaigns-page.js')).renderList(ctx, root, params),
};

export const campaign = {
  route: '#/campaigns/{campaignId}',
  nav: null,
  section: '#/campaigns',
  render: async (ctx, root, params) => (await import('./campaigns-page.js')).renderOne(ctx, root, params),
};
