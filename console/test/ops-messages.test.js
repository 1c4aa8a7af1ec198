// Every reason the audit verifier can fail with has its own message key in ops-labels.js
// (whose literal keys the catalogue test then finds in every language).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { auditFailure } from '../src/pages/ops-labels.js';

const source = readFileSync(new URL('../src/audit/verify.js', import.meta.url), 'utf8');
const reasons = [...new Set([...source.matchAll(/fail\('(\w+)'/g)].map((m) => m[1]))];
const keyOf = (key) => key;

test('every audit failure reason has its message key', () => {
  assert.ok(reasons.length >= 10, reasons.join(','));
  for (const reason of [...reasons, 'malformed']) {
    assert.equal(auditFailure(keyOf, reason), `console.audit.fail.${reason}`);
  }
});
