// The catalogue key of each value the operations pages name with a word (a delivery's
// status, a key's scope, an audit failure's reason…), written out in full so the catalogue
// test finds every key (as labels.js does for the other pages).

const pick = (keys) => (t, value, vars) => t(keys[value] || String(value), vars);

export const disabledReason = pick({
  gone: 'console.webhooks.disabledReason.gone',
  failing: 'console.webhooks.disabledReason.failing',
  tenant: 'console.webhooks.disabledReason.tenant',
});

export const deliveryStatus = pick({
  delivered: 'console.webhooks.deliveryStatus.delivered',
  failed: 'console.webhooks.deliveryStatus.failed',
  gone: 'console.webhooks.deliveryStatus.gone',
});

export const keyScope = pick({
  full: 'console.keyScope.full',
  read: 'console.keyScope.read',
});

export const auditSource = pick({
  api: 'console.audit.source.api',
  file: 'console.audit.source.file',
});

/** Every reason ../audit/verify.js can fail with. */
export const auditFailure = pick({
  malformed: 'console.audit.fail.malformed',
  order: 'console.audit.fail.order',
  leafInput: 'console.audit.fail.leafInput',
  members: 'console.audit.fail.members',
  canonical: 'console.audit.fail.canonical',
  listed: 'console.audit.fail.listed',
  changed: 'console.audit.fail.changed',
  noCheckpoint: 'console.audit.fail.noCheckpoint',
  publicKey: 'console.audit.fail.publicKey',
  keyId: 'console.audit.fail.keyId',
  note: 'console.audit.fail.note',
  origin: 'console.audit.fail.origin',
  signature: 'console.audit.fail.signature',
  truncated: 'console.audit.fail.truncated',
  storedRoot: 'console.audit.fail.storedRoot',
  root: 'console.audit.fail.root',
});

export const rangePreset = pick({
  1: 'console.analytics.preset.1',
  7: 'console.analytics.preset.7',
  30: 'console.analytics.preset.30',
});

export const kpi = pick({
  scans: 'console.analytics.kpi.scans',
  accepted: 'console.analytics.kpi.accepted',
  refused: 'console.analytics.kpi.refused',
  joins: 'console.analytics.kpi.joins',
  conversionRate: 'console.analytics.kpi.conversionRate',
});

export const chart = pick({
  series: 'console.analytics.chart.series',
  refused: 'console.analytics.chart.refused',
  region: 'console.analytics.chart.region',
  country: 'console.analytics.chart.country',
  device: 'console.analytics.chart.device',
  os: 'console.analytics.chart.os',
  app: 'console.analytics.chart.app',
  hours: 'console.analytics.chart.hours',
});
