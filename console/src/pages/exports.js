// #/exports: a CSV export of members, joins, requests or scans over days in the tenant's time
// zone (POST /v1/exports), and #/exports/{exportId}: its status, rows and the file's link.
// The pages' code is a chunk of its own, loaded when first opened.
import './ops.css';

export default {
  route: '#/exports',
  nav: 'console.nav.exports',
  render: async (ctx, root, params) => (await import('./exports-page.js')).render(ctx, root, params),
};

export const exportJob = {
  route: '#/exports/{exportId}',
  nav: null,
  section: '#/exports',
  render: async (ctx, root, params) => (await import('./exports-page.js')).render(ctx, root, params),
};
