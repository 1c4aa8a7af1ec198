// #/words: the tenant's own word list (PUT /v1/blocked-words replaces it whole), one word a
// line, and the allowed words that excuse the blocked words they contain. The operator's list
// is never shown; a name, welcome message, channel or live code name that hits either answers
// 422 content_blocked.
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/words',
  nav: 'console.nav.words',
  render: async (ctx, root, params) => (await import('./words-page.js')).render(ctx, root, params),
};
