// Every page of the console, one line each; the first is where the console opens. The order is
// the navigation's order. A page whose nav is null has no menu entry (details reached by link).
import groups from './groups.js';
import group from './group.js';
import approvals from './approvals.js';
import liveCodes from './live-codes.js';
import campaigns, { campaign } from './campaigns.js';
import analytics from './analytics.js';
import batches, { batch } from './batches.js';
import exportsPage, { exportJob } from './exports.js';
import webhooks from './webhooks.js';
import keys from './keys.js';
import words from './words.js';
import settings from './settings.js';
import usage from './usage.js';
import audit from './audit.js';

export default [
  groups,
  group,
  approvals,
  liveCodes,
  campaigns,
  campaign,
  analytics,
  batches,
  batch,
  exportsPage,
  exportJob,
  webhooks,
  keys,
  words,
  settings,
  usage,
  audit,
];
