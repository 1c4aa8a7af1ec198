// Bytes for the audit verifier: base64 and PEM in, Uint8Array out, compared in constant shape.

/** The bytes of standard base64 (padding optional); throws on anything else. */
export function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new Error('not base64');
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    out[i] = binary.charCodeAt(i);
  }
  return out;
}

export function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function equalBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The DER body of a PEM block labelled `label` (e.g. PUBLIC KEY). */
export function pemBody(pem, label) {
  const begin = '-----BEGIN ' + label + '-----';
  const end = '-----END ' + label + '-----';
  const from = pem.indexOf(begin);
  const to = pem.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error('not a PEM ' + label);
  }
  return fromBase64(pem.slice(from + begin.length, to).replace(/\s+/g, ''));
}
