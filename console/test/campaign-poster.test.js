// The poster form's starting placement is one the API accepts, for any picture it accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPlacement, readPlacement, MIN_QR_SIZE } from '../src/pages/campaign-poster.js';

// The API's rules (PosterPlacement): both parts inside the picture, the square at least
// MIN_QR_SIZE, the name 12..200 high and its line (to the right edge) clear of the square.
function accepted(p, width, height) {
  const inside = p.qrX >= 0 && p.qrY >= 0 && p.qrX + p.qrSize <= width && p.qrY + p.qrSize <= height
    && p.nameX >= 0 && p.nameX < width && p.nameY >= 0 && p.nameY + p.nameSize <= height;
  const rowsMeet = p.nameY < p.qrY + p.qrSize && p.qrY < p.nameY + p.nameSize;
  const columnsMeet = p.nameX < p.qrX + p.qrSize;
  return inside && p.qrSize >= MIN_QR_SIZE && p.nameSize >= 12 && p.nameSize <= 200 && !(rowsMeet && columnsMeet);
}

test('the starting placement fits the API on phone, square, wide and smallest pictures', () => {
  for (const [w, h] of [[750, 1334], [1080, 1920], [2048, 2048], [300, 300], [2048, 300], [300, 2048], [1240, 1754]]) {
    const p = defaultPlacement(w, h);
    assert.ok(accepted(p, w, h), `${w} × ${h}: ${JSON.stringify(p)}`);
  }
});

test('typed values are read as whole numbers; anything else leaves that part out of the preview', () => {
  const p = readPlacement({ qrX: '250', qrY: ' 900 ', qrSize: '250', nameX: '', nameY: '-3', nameSize: '4.5', nameColor: '#A0B1C2' });
  assert.deepEqual(p, { qrX: 250, qrY: 900, qrSize: 250, nameX: null, nameY: null, nameSize: null, nameColor: '#a0b1c2' });
  assert.equal(readPlacement({ nameColor: 'red' }).nameColor, '#000000');
});
