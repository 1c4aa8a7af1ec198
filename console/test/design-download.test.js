// The design picker asks the designs route with the format and medium as query parameters and
// saves under a name that is safe on every file system.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.sessionStorage = globalThis.sessionStorage || { getItem: () => null };
const { designUrl, designFileName, MEDIA } = await import('../src/pages/design-download.js');

test('the design URL carries format, medium and the logo only when asked', () => {
  assert.equal(designUrl('/v1/codes/abc/image', { format: 'svg', medium: 'poster' }), '/v1/codes/abc/image?format=svg&medium=poster');
  assert.equal(designUrl('/v1/live-codes/x/image', { format: 'pdf', medium: 'flyer', logo: true }),
    '/v1/live-codes/x/image?format=pdf&medium=flyer&logo=true');
});

test('a file name keeps only safe characters and ends in the format', () => {
  assert.equal(designFileName('校园 north', 'c1', 'pdf'), 'groupgate-_north-c1.pdf');
  assert.equal(designFileName('', 'c2', 'svg'), 'groupgate-code-c2.svg');
});

test('the media are the API\'s presets, each with its whole catalogue key', () => {
  assert.deepEqual(MEDIA.map(([m]) => m), ['screen', 'flyer', 'poster', 'billboard', 'sticker']);
  for (const [m, key] of MEDIA) {
    assert.equal(key, `console.design.medium.${m}`);
  }
});
