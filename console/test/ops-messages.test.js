// The operations pages build some message keys from values (an audit failure's reason, a
// delivery's status, a key's scope…): every such key exists in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), 'utf8'));
const LANGS = ['en', 'zh-CN', 'zh-TW'];
const source = (path) => readFileSync(new URL(`../src/${path}`, import.meta.url), 'utf8');

const reasons = [...new Set([...source('audit/verify.js').matchAll(/fail\('(\w+)'/g)].map((m) => m[1]))];

const BUILT = [
  ...reasons.map((r) => `console.audit.fail.${r}`),
  ...['api', 'file'].map((s) => `console.audit.source.${s}`),
  ...['delivered', 'failed', 'gone'].map((s) => `console.webhooks.deliveryStatus.${s}`),
  ...['gone', 'failing', 'tenant'].map((s) => `console.webhooks.disabledReason.${s}`),
  ...['full', 'read'].map((s) => `console.keyScope.${s}`),
  ...[1, 7, 30].map((d) => `console.analytics.preset.${d}`),
  ...['scans', 'accepted', 'refused', 'joins', 'conversionRate'].map((k) => `console.analytics.kpi.${k}`),
  ...['series', 'refused', 'region', 'country', 'device', 'os', 'app', 'hours'].map((c) => `console.analytics.chart.${c}`),
];

test('every audit failure reason the verifier can give has its message', () => {
  assert.ok(reasons.length >= 10, reasons.join(','));
  assert.ok(reasons.includes('malformed'));
});

for (const lang of LANGS) {
  test(`every message key the operations pages build exists in ${lang}`, () => {
    const texts = catalogue(lang);
    assert.deepEqual(BUILT.filter((k) => typeof texts[k] !== 'string' || texts[k] === ''), []);
  });
}
