// #/batches: a CSV of codes uploaded as a batch (POST /v1/batches), its problems by line when
// the API refuses it, and #/batches/{batchId}: its progress until done and the ZIP's link.
// The pages' code is a chunk of its own, loaded when first opened.
import './ops.css';

export default {
  route: '#/batches',
  nav: 'console.nav.batches',
  render: async (ctx, root, params) => (await import('./batches-page.js')).render(ctx, root, params),
};

export const batch = {
  route: '#/batches/{batchId}',
  nav: null,
  section: '#/batches',
  render: async (ctx, root, params) => (await import('./batches-page.js')).render(ctx, root, params),
};
