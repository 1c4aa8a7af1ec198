// ECDSA P-256 signatures as KMS gives them (ASN.1 DER, "ECDSA_SHA_256") turned into what
// WebCrypto verifies (IEEE P1363: r and s, 32 bytes each, big-endian).

const COORD = 32;

function readLength(der, at) {
  const first = der[at];
  if (first < 0x80) {
    return { length: first, next: at + 1 };
  }
  const count = first & 0x7f;
  if (count < 1 || count > 2) {
    throw new Error('DER length form');
  }
  let length = 0;
  for (let i = 1; i <= count; i++) {
    length = length * 256 + der[at + i];
  }
  return { length: length, next: at + 1 + count };
}

function readInteger(der, at) {
  if (der[at] !== 0x02) {
    throw new Error('DER: an INTEGER expected');
  }
  const { length, next } = readLength(der, at + 1);
  if (length < 1 || next + length > der.length) {
    throw new Error('DER: INTEGER length');
  }
  let value = der.subarray(next, next + length);
  while (value.length > 1 && value[0] === 0) {
    value = value.subarray(1);
  }
  if (value.length > COORD) {
    throw new Error('DER: INTEGER longer than 32 bytes');
  }
  return { value: value, next: next + length };
}

/** SEQUENCE { INTEGER r, INTEGER s } → r || s, each left-padded to 32 bytes. */
export function derToP1363(der) {
  if (!(der instanceof Uint8Array) || der[0] !== 0x30) {
    throw new Error('DER: a SEQUENCE expected');
  }
  const seq = readLength(der, 1);
  if (seq.next + seq.length !== der.length) {
    throw new Error('DER: SEQUENCE length');
  }
  const r = readInteger(der, seq.next);
  const s = readInteger(der, r.next);
  if (s.next !== der.length) {
    throw new Error('DER: trailing bytes');
  }
  const out = new Uint8Array(2 * COORD);
  out.set(r.value, COORD - r.value.length);
  out.set(s.value, 2 * COORD - s.value.length);
  return out;
}
