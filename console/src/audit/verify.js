// Verifies a tenant's audit export (GET /v1/audit/export) in the browser: every entry's
// leaf from the exact bytes that were hashed, the RFC 6962 root of the first `size`
// entries against the latest signed checkpoint, and the checkpoint's ECDSA P-256 /
// SHA-256 signature over its note with the exported public key. The answer is OK or the
// first thing that fails, naming the entry when one is at fault.
import { equalBytes, fromBase64, pemBody, toBase64, toHex } from './bytes.js';
import { derToP1363 } from './ecdsa.js';
import { leafHash, rootOf } from './merkle.js';

/** The members of an entry's canonical JSON, in their hashed order. */
export const FIELDS = Object.freeze(['index', 'at', 'actor', 'action', 'target', 'summary']);

const UTF8 = new TextEncoder();

/** A verification outcome that is not OK: what failed (a key under console.audit.fail.*) and where. */
export class AuditFailure extends Error {
  constructor(reason, entry, detail) {
    super(reason + (entry === null ? '' : ' at entry ' + entry) + (detail ? ': ' + detail : ''));
    this.reason = reason;
    this.entry = entry;
    this.detail = detail || '';
  }
}

function fail(reason, entry, detail) {
  throw new AuditFailure(reason, entry === undefined ? null : entry, detail);
}

/** The entry's members in FIELDS order, serialised as the log hashed them: no whitespace, UTF-8. */
export function canonicalBytes(entry) {
  const ordered = {};
  for (const name of FIELDS) {
    ordered[name] = entry[name];
  }
  return UTF8.encode(JSON.stringify(ordered));
}

async function checkEntries(subtle, entries) {
  const leaves = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let place = 0; place < entries.length; place++) {
    const listed = entries[place];
    if (!listed || listed.index !== place) {
      fail('order', place, 'listed as index ' + (listed ? listed.index : 'nothing'));
    }
    let raw;
    let entry;
    try {
      raw = fromBase64(listed.leafInput);
      entry = JSON.parse(decoder.decode(raw));
    } catch (e) {
      fail('leafInput', place, e.message);
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)
        || Object.keys(entry).join(',') !== FIELDS.join(',')) {
      fail('members', place);
    }
    if (!equalBytes(canonicalBytes(entry), raw)) {
      fail('canonical', place);
    }
    if (entry.index !== place) {
      fail('order', place, 'its leafInput says index ' + entry.index);
    }
    for (const name of FIELDS.slice(1)) {
      if (name in listed && JSON.stringify(listed[name]) !== JSON.stringify(entry[name])) {
        fail('listed', place, name);
      }
    }
    leaves.push(await leafHash(subtle, raw));
  }
  return leaves;
}

async function checkSignature(subtle, exported) {
  const cp = exported.checkpoint;
  if (!cp) {
    fail('noCheckpoint');
  }
  const key = exported.publicKey || {};
  let spki;
  let publicKey;
  try {
    spki = pemBody(key.publicKeyPem || '', 'PUBLIC KEY');
    publicKey = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch (e) {
    fail('publicKey', null, e.message);
  }
  const keyId = toHex(new Uint8Array(await subtle.digest('SHA-256', spki)).subarray(0, 4));
  if (keyId !== key.keyId) {
    fail('keyId', null, key.keyId);
  }
  const note = cp.origin + '\n' + cp.size + '\n' + cp.rootHash + '\n';
  if (cp.note !== note) {
    fail('note', null, String(cp.size));
  }
  if (cp.origin !== exported.origin) {
    fail('origin', null, cp.origin);
  }
  let signature;
  try {
    signature = derToP1363(fromBase64(cp.signature));
  } catch (e) {
    fail('signature', null, e.message);
  }
  const good = await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, UTF8.encode(note));
  if (!good) {
    fail('signature', null, String(cp.size));
  }
  return { cp: cp, keyId: keyId };
}

/**
 * Resolves to {@code {size, entries, keyId, origin}} when the export verifies; rejects with
 * an AuditFailure naming the first failure otherwise. {@code subtle} is WebCrypto's
 * SubtleCrypto (window.crypto.subtle in the browser, globalThis.crypto.subtle in Node).
 */
export async function verifyExport(subtle, exported) {
  if (!exported || !Array.isArray(exported.entries)) {
    fail('malformed');
  }
  const leaves = await checkEntries(subtle, exported.entries);
  const { cp, keyId } = await checkSignature(subtle, exported);
  const size = cp.size;
  if (!Number.isInteger(size) || size < 0) {
    fail('note', null, String(size));
  }
  if (size > leaves.length) {
    fail('truncated', null, size + ' > ' + leaves.length);
  }
  const signed = exported.entries.slice(0, size);
  if (signed.every((e) => typeof e.leafHash === 'string')) {
    // The leaf hashes stored at each append are what the signed root covers: an entry whose
    // bytes no longer hash to its stored leaf was changed after it was signed.
    let stored;
    try {
      stored = signed.map((e) => fromBase64(e.leafHash));
    } catch (e) {
      fail('storedRoot', null, e.message);
    }
    if (toBase64(await rootOf(subtle, stored)) !== cp.rootHash) {
      fail('storedRoot', null, String(size));
    }
    for (let place = 0; place < size; place++) {
      if (!equalBytes(leaves[place], stored[place])) {
        fail('changed', place);
      }
    }
  }
  if (toBase64(await rootOf(subtle, leaves.slice(0, size))) !== cp.rootHash) {
    fail('root', null, String(size));
  }
  return { size: size, entries: leaves.length, keyId: keyId, origin: cp.origin };
}
