// The audit page's verifier, against exports built here with Node's own crypto (DER
// signatures as KMS makes them), whole and tampered in each way a log can be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { verifyExport, AuditFailure, canonicalBytes } from '../src/audit/verify.js';
import { rootOf, splitPoint } from '../src/audit/merkle.js';
import { derToP1363 } from '../src/audit/ecdsa.js';

const subtle = globalThis.crypto.subtle;
const ORIGIN = 'gg.example.com/audit/t_1';

const sha = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leaf = (bytes) => sha([0], bytes);

/** RFC 6962 MTH written bottom-up, as a second opinion on the page's recursive one. */
function referenceRoot(leaves) {
  if (leaves.length === 0) {
    return sha([]);
  }
  if (leaves.length === 1) {
    return leaves[0];
  }
  let k = 1;
  while (k * 2 < leaves.length) {
    k *= 2;
  }
  return sha([1], referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

function makeExport(count, { size = count, withLeafHashes = true } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const entries = [];
  for (let i = 0; i < count; i++) {
    const entry = { index: i, at: '2026-12-0' + (1 + (i % 5)) + 'T08:00:0' + (i % 10) + 'Z',
      actor: i % 3 === 0 ? 'admin' : { keyId: 'k_' + i }, action: 'group.create', target: 'groups/g_' + i,
      summary: '建群 "夜市" ' + i };
    const raw = Buffer.from(canonicalBytes(entry));
    const listed = { ...entry, leafInput: raw.toString('base64') };
    if (withLeafHashes) {
      listed.leafHash = leaf(raw).toString('base64');
    }
    entries.push(listed);
  }
  const rootHash = referenceRoot(entries.slice(0, size).map((e) => leaf(Buffer.from(e.leafInput, 'base64'))))
    .toString('base64');
  const note = ORIGIN + '\n' + size + '\n' + rootHash + '\n';
  const signature = sign('sha256', Buffer.from(note), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  return {
    origin: ORIGIN,
    publicKey: { keyId: sha(spki).subarray(0, 4).toString('hex'), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) },
    checkpoint: { origin: ORIGIN, size: size, rootHash: rootHash, note: note, signature: signature },
    entries: entries
  };
}

async function failureOf(exported) {
  try {
    await verifyExport(subtle, exported);
  } catch (e) {
    assert.ok(e instanceof AuditFailure, 'an AuditFailure, not ' + e);
    return e;
  }
  assert.fail('the export verified');
}

test('the root is RFC 6962 for every tree size up to 33', async () => {
  for (let n = 0; n <= 33; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leaf(Buffer.from('leaf ' + i)));
    const got = Buffer.from(await rootOf(subtle, leaves.map((l) => new Uint8Array(l))));
    assert.equal(got.toString('hex'), referenceRoot(leaves).toString('hex'), 'size ' + n);
  }
  assert.equal(splitPoint(2), 1);
  assert.equal(splitPoint(8), 4);
  assert.equal(splitPoint(9), 8);
});

test('a DER signature becomes r||s of 32 bytes each, leading zeros and short integers included', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  for (let i = 0; i < 64; i++) {
    const data = Buffer.from('note ' + i);
    const der = sign('sha256', data, { key: privateKey, dsaEncoding: 'der' });
    const p1363 = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    // ECDSA is randomised: check the conversion by verifying, and its shape directly.
    const converted = derToP1363(new Uint8Array(der));
    assert.equal(converted.length, 64);
    assert.equal(p1363.length, 64);
    assert.ok(createVerify(publicKey, data, converted), 'signature ' + i + ' verifies after conversion');
  }
  // r = 1, s = 0x80 (needs its DER leading zero): 30 07 02 01 01 02 02 00 80
  const small = derToP1363(Uint8Array.of(0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80));
  assert.equal(small[31], 1);
  assert.equal(small[63], 0x80);
  assert.equal(small.slice(0, 31).every((b) => b === 0) && small.slice(32, 63).every((b) => b === 0), true);
  assert.throws(() => derToP1363(Uint8Array.of(0x31, 0x00)));
  assert.throws(() => derToP1363(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01)));
});

function createVerify(publicKey, data, p1363) {
  return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(p1363));
}

test('a whole export verifies with WebCrypto', async () => {
  for (const n of [1, 2, 5, 13]) {
    const result = await verifyExport(subtle, makeExport(n));
    assert.equal(result.size, n);
    assert.equal(result.entries, n);
    assert.equal(result.origin, ORIGIN);
  }
});

test('entries appended after the checkpoint are checked but not yet signed', async () => {
  const result = await verifyExport(subtle, makeExport(7, { size: 4 }));
  assert.equal(result.size, 4);
  assert.equal(result.entries, 7);
});

test('a changed summary names its entry', async () => {
  const exported = makeExport(9);
  exported.entries[5].summary = 'nothing happened';
  const failure = await failureOf(exported);
  assert.equal(failure.entry, 5);
  assert.equal(failure.reason, 'listed');
});

test('an entry re-hashed consistently after signing names that entry', async () => {
  const exported = makeExport(9);
  const e = exported.entries[3];
  const changed = { index: 3, at: e.at, actor: e.actor, action: e.action, target: e.target, summary: 'rewritten' };
  e.summary = 'rewritten';
  e.leafInput = Buffer.from(canonicalBytes(changed)).toString('base64');
  const failure = await failureOf(exported);
  assert.equal(failure.entry, 3);
  assert.equal(failure.reason, 'changed');
});

test('without stored leaf hashes a rewritten entry breaks the signed root', async () => {
  const exported = makeExport(6, { withLeafHashes: false });
  const e = exported.entries[2];
  e.summary = 'rewritten';
  e.leafInput = Buffer.from(canonicalBytes({ index: 2, at: e.at, actor: e.actor, action: e.action, target: e.target,
    summary: 'rewritten' })).toString('base64');
  assert.equal((await failureOf(exported)).reason, 'root');
});

test('a removed entry is named where the order breaks', async () => {
  const exported = makeExport(6);
  exported.entries.splice(2, 1);
  const failure = await failureOf(exported);
  assert.equal(failure.entry, 2);
  assert.equal(failure.reason, 'order');
});

test('a leafInput with whitespace is not canonical', async () => {
  const exported = makeExport(3);
  const e = exported.entries[1];
  e.leafInput = Buffer.from(JSON.stringify({ index: 1, at: e.at, actor: e.actor, action: e.action, target: e.target,
    summary: e.summary }, null, 1)).toString('base64');
  const failure = await failureOf(exported);
  assert.equal(failure.entry, 1);
  assert.equal(failure.reason, 'canonical');
});

test('a signature by another key, a changed note or a missing checkpoint fails', async () => {
  const exported = makeExport(4);
  exported.checkpoint.signature = makeExport(4).checkpoint.signature;
  assert.equal((await failureOf(exported)).reason, 'signature');

  const noted = makeExport(4);
  noted.checkpoint.note = noted.checkpoint.note.replace('\n4\n', '\n3\n');
  assert.equal((await failureOf(noted)).reason, 'note');

  const unsigned = makeExport(2);
  unsigned.checkpoint = null;
  assert.equal((await failureOf(unsigned)).reason, 'noCheckpoint');

  const wrongId = makeExport(2);
  wrongId.publicKey.keyId = '00000000';
  assert.equal((await failureOf(wrongId)).reason, 'keyId');

  const truncated = makeExport(5);
  truncated.entries.length = 3;
  assert.equal((await failureOf(truncated)).reason, 'truncated');
});
