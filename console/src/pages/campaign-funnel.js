// The campaign funnel from GET /v1/campaigns/{id}/stats: each step with its label key, its count
// and its share of the step before (null where the step before is zero). Pure, so node --test
// covers it; keys are spelled out whole for the catalogue test.

export const FUNNEL_STEPS = [
  ['invitesIssued', 'console.campaigns.funnel.invitesIssued'],
  ['inviteScans', 'console.campaigns.funnel.inviteScans'],
  ['joins', 'console.campaigns.funnel.joins'],
  ['qualified', 'console.campaigns.funnel.qualified'],
  ['rewards', 'console.campaigns.funnel.rewards'],
];

export function funnel(stats) {
  const count = (step) => {
    const n = Number(stats[step]);
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  return FUNNEL_STEPS.map(([step, key], i) => {
    const before = i === 0 ? null : count(FUNNEL_STEPS[i - 1][0]);
    return { step, key, count: count(step), ofPrevious: before ? count(step) / before : null };
  });
}
