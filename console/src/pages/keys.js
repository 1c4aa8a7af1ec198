// #/keys: the tenant's API keys (never the keys themselves), a new one with its scope (shown
// once, here) and revoking one. The API refuses deleting the last full key (409), and says so.
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/keys',
  nav: 'console.nav.keys',
  render: async (ctx, root, params) => (await import('./keys-page.js')).render(ctx, root, params),
};
