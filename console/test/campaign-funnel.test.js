// The campaign funnel reads the stats' steps in order, each as a share of the step before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { funnel, FUNNEL_STEPS } from '../src/pages/campaign-funnel.js';

test('the funnel runs invites issued → scans → joins → qualified → rewards with shares of the step before', () => {
  const steps = funnel({ invitesIssued: 10, inviteScans: 8, joins: 4, qualified: 2, rewards: 1, kFactor: 0.2 });
  assert.deepEqual(steps.map((s) => s.step), ['invitesIssued', 'inviteScans', 'joins', 'qualified', 'rewards']);
  assert.deepEqual(steps.map((s) => s.count), [10, 8, 4, 2, 1]);
  assert.deepEqual(steps.map((s) => s.ofPrevious), [null, 0.8, 0.5, 0.5, 0.5]);
});

test('a new campaign shows zeros without dividing by zero', () => {
  const steps = funnel({ invitesIssued: 0, inviteScans: 0, joins: 0, qualified: 0, rewards: 0 });
  assert.ok(steps.every((s) => s.count === 0 && s.ofPrevious === null));
});

test('every step names its catalogue key whole', () => {
  for (const [step, key] of FUNNEL_STEPS) {
    assert.equal(key, `console.campaigns.funnel.${step}`);
  }
});
