// #/usage: what the tenant is billed for in a UTC month (GET /v1/usage).
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/usage',
  nav: 'console.nav.usage',
  render: async (ctx, root, params) => (await import('./usage-page.js')).render(ctx, root, params),
};
