// The batch upload's pure parts: the template file with the documented header, the
// Idempotency-Key of an upload, and the 422's problems as rows of a table, in file order.

/** Line 1 of every batch file, as POST /v1/batches documents it. */
export const HEADER = ['channel', 'label', 'groupId', 'liveCodeId', 'dailyScanLimit', 'ttlSeconds', 'medium', 'format'];

/**
 * The template: the header with a byte order mark (so a spreadsheet opens it as UTF-8 and
 * keeps Chinese labels) and CRLF, as RFC 4180 has it.
 */
export const TEMPLATE = `\uFEFF${HEADER.join(',')}\r\n`;
export const TEMPLATE_NAME = 'groupgate-batch-template.csv';

/** The API's Idempotency-Key: 1 … 255 visible ASCII characters. */
const KEY = /^[\x21-\x7E]{1,255}$/;

/**
 * The key of one upload: the console's visit ({@code visit}, random per loaded tab) and the
 * file's SHA-256 (hex). The same file sent again from the same tab (a retry after a lost
 * answer, a second click) names the batch the first made; a changed file is a new batch.
 */
export function uploadKey(visit, sha256Hex) {
  const key = `console-${visit}-${sha256Hex}`;
  if (!KEY.test(key)) {
    throw new Error(`not an Idempotency-Key: ${key}`);
  }
  return key;
}

/** Lowercase hex of {@code bytes}' SHA-256 (Web Crypto, as browsers and node have it). */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Where a problem sits in a line: the whole file, its header, the whole record, then the columns
// in the header's order; a field the console does not know last.
const PLACE = ['body', 'header', 'line', ...HEADER];

function place(field) {
  const i = PLACE.indexOf(field);
  return i < 0 ? PLACE.length : i;
}

/**
 * The 422's problems as table rows: by line, then by where in the line (file, header, record,
 * columns left to right), each once; {@code column} is the header name when the problem is a
 * cell's, else null (the whole line, header or file).
 */
export function problemRows(problems) {
  const seen = new Set();
  return (problems || [])
    .filter((p) => p && Number.isInteger(p.line))
    .filter((p) => {
      const id = `${p.line}\u0000${p.field}\u0000${p.code}\u0000${p.message}`;
      if (seen.has(id)) {
        return false;
      }
      seen.add(id);
      return true;
    })
    .map((p, order) => ({ ...p, order }))
    .sort((a, b) => a.line - b.line || place(a.field) - place(b.field) || a.order - b.order)
    .map(({ line, field, code, message }) => ({
      line, field, code, message, column: HEADER.includes(field) ? field : null,
    }));
}
