// #/analytics: what the retired dashboard showed — KPIs, scans/accepted/joins over time,
// refusals, where and on what scanners were, the hour of day, and channels from scans to
// joins — for a range and a channel. The KPIs are the sum of the channel rows shown under
// them (one source for both), and every range is aligned to its buckets before it is sent
// (../analytics/window.js), so the per-code reports behind the charts cover the same hours.
// The page's code is a chunk of its own, loaded when the page is first opened.
import './ops.css';

export default {
  route: '#/analytics',
  nav: 'console.nav.analytics',
  render: async (ctx, root, params) => (await import('./analytics-page.js')).render(ctx, root, params),
};
