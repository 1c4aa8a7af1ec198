// #/settings: the tenant as the API knows it: its name and id, its time zone (the days of
// daily caps and stats, fixed when the tenant was created) and how long raw scan facts are
// kept (PATCH /v1/tenant).
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/settings',
  nav: 'console.nav.settings',
  render: async (ctx, root, params) => (await import('./settings-page.js')).render(ctx, root, params),
};
