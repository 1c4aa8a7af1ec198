// #/webhooks: the tenant's endpoints (Standard Webhooks), a new one with its events, a test
// event, the latest delivery attempts of each and their redelivery. The secret of a new
// endpoint is shown once, here, and never again.
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/webhooks',
  nav: 'console.nav.webhooks',
  render: async (ctx, root, params) => (await import('./webhooks-page.js')).render(ctx, root, params),
};
