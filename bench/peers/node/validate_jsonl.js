#!/usr/bin/env node
// The peer a JS team would write instead of shuyuan: read a JSONL file line
// by line and validate each object with one ajv schema, compiled once, with
// GB 11643 / GB 32100 / GB 11714, code-list, date and record-rule keywords
// (./keywords.js, ./record_schemas.js).
//
//   node validate_jsonl.js FILE.jsonl --catalog-json catalog.json \
//       [--schema LEGAL_PERSON_BASIC] [--as-of 2026-11-30] [--invalid-out FILE]
//
// Prints one JSON line: {"rows", "valid", "invalid", "elapsed_s"} where
// elapsed_s covers reading, parsing and validating (not loading the code
// lists or compiling the schema). --invalid-out gets the 0-based index of
// each invalid row, one per line. Blank lines are not rows. A line with an
// invalid UTF-8 sequence (decoded as U+FFFD) or invalid JSON is invalid.
'use strict';

const fs = require('fs');
const readline = require('readline');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const { CodeLists } = require('./code_lists');
const { addGbKeywords } = require('./keywords');
const { recordSchema, fieldNames } = require('./record_schemas');

function parseArgs(argv) {
  const args = { schema: 'LEGAL_PERSON_BASIC', asOf: new Date().toISOString().slice(0, 10) };
  const flags = { '--catalog-json': 'catalogJson', '--schema': 'schema', '--as-of': 'asOf', '--invalid-out': 'invalidOut' };
  for (let i = 0; i < argv.length; i++) {
    if (flags[argv[i]] && i + 1 < argv.length) args[flags[argv[i]]] = argv[++i];
    else if (!argv[i].startsWith('--') && !args.input) args.input = argv[i];
    else throw new Error(`unknown or incomplete argument ${argv[i]}`);
  }
  if (!args.input || !args.catalogJson) {
    throw new Error('usage: validate_jsonl.js FILE.jsonl --catalog-json FILE [--schema ID] [--as-of YYYY-MM-DD] [--invalid-out FILE]');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) throw new Error(`--as-of ${args.asOf}: expected YYYY-MM-DD`);
  return args;
}

// The file's key for each field: its name or one of its catalog aliases, as
// found in the first object of the file that parses.
function keysOf(path, schemaId, lists) {
  const columns = lists.schemas[schemaId];
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 16);
  const head = buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0)).split('\n');
  fs.closeSync(fd);
  let sample = {};
  for (const line of head) {
    try { sample = JSON.parse(line); break; } catch (e) { /* try the next line */ }
  }
  const keys = {};
  for (const name of fieldNames(schemaId)) {
    const column = columns.find((c) => c.name === name);
    const candidates = [name, ...(column ? column.aliases : [])];
    keys[name] = candidates.find((k) => Object.prototype.hasOwnProperty.call(sample, k)) || name;
  }
  return (field) => keys[field];
}

function compileValidator(args, lists) {
  const asOfKey = +args.asOf.replace(/-/g, '');
  const ajv = new Ajv({ coerceTypes: true, strictTypes: false });
  addFormats(ajv);
  addGbKeywords(ajv, lists, asOfKey);
  return ajv.compile(recordSchema(args.schema, keysOf(args.input, args.schema, lists)));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const lists = CodeLists.load(args.catalogJson, +args.asOf.replace(/-/g, ''));
  const validate = compileValidator(args, lists);
  const invalid = [];
  let rows = 0;
  const start = process.hrtime.bigint();
  const lines = readline.createInterface({ input: fs.createReadStream(args.input, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let ok = !line.includes('\uFFFD');
    if (ok) {
      try {
        ok = validate(JSON.parse(line));
      } catch (e) {
        ok = false;
      }
    }
    if (!ok) invalid.push(rows);
    rows++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (args.invalidOut) fs.writeFileSync(args.invalidOut, invalid.map((i) => `${i}\n`).join(''));
  process.stdout.write(`${JSON.stringify({ peer: 'node-ajv', rows, valid: rows - invalid.length, invalid: invalid.length, elapsed_s: +elapsed.toFixed(3) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`validate_jsonl: ${e.message}\n`);
  process.exit(2);
});
