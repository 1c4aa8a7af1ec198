// The RFC 6962 Merkle tree hash (RFC 9162 section 2.1.1) over SHA-256 from WebCrypto:
// leaf = SHA-256(0x00 || input), node = SHA-256(0x01 || left || right), and a tree of n
// leaves splits at the largest power of two below n. Written for the console's audit page,
// independent of the service's own Java and of scripts/verify_audit.py.
import { concat } from './bytes.js';

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

async function sha256(subtle, bytes) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

export function leafHash(subtle, input) {
  return sha256(subtle, concat(LEAF, input));
}

export function nodeHash(subtle, left, right) {
  return sha256(subtle, concat(NODE, left, right));
}

/** The largest power of two strictly below n (n >= 2). */
export function splitPoint(n) {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** MTH(leaves): the root of the tree over these leaf hashes; SHA-256 of nothing for none. */
export async function rootOf(subtle, leaves) {
  if (leaves.length === 0) {
    return sha256(subtle, new Uint8Array(0));
  }
  if (leaves.length === 1) {
    return leaves[0];
  }
  const k = splitPoint(leaves.length);
  const [left, right] = await Promise.all([rootOf(subtle, leaves.slice(0, k)), rootOf(subtle, leaves.slice(k))]);
  return nodeHash(subtle, left, right);
}
