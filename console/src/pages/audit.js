// #/audit: the tenant's audit log verified in this browser, with WebCrypto alone: every
// entry's leaf recomputed from the bytes that were hashed, the RFC 6962 root against the
// latest signed checkpoint, and the checkpoint's ECDSA P-256 signature against the exported
// public key (../audit/verify.js; it shares no code with the service). The result says OK or
// names the first entry that fails. A saved export (a file) can be checked the same way.
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/audit',
  nav: 'console.nav.audit',
  render: async (ctx, root, params) => (await import('./audit-page.js')).render(ctx, root, params),
};
