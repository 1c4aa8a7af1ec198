'use strict';
// Runs one CloudFront Function (cloudfront-js-2.0) for the local edge: argv[2] is the template's
// FunctionCode; each stdin line is one event, each stdout line {"ok": <what handler returned>}
// or {"error": "..."}. The Java side sends one event at a time.
const fs = require('node:fs');
const readline = require('node:readline');

const code = fs.readFileSync(process.argv[2], 'utf8');
// The function's code is a script defining handler(event), as CloudFront loads it.
const handler = new Function(`${code}\n;return handler;`)();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  let out;
  try {
    out = { ok: await handler(JSON.parse(line)) };
  } catch (e) {
    out = { error: String((e && e.stack) || e) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
});
