// The catalog's normalising steps (SPEC §2.3) as plain string functions, and
// a compiler from a step list to one function. Used by the `normalize` ajv
// keyword; dates come out as ISO YYYY-MM-DD so that ajv-formats' "date"
// format and formatMinimum can check them.
//
//   const steps = compileSteps(['width', 'trim', 'upper', {remove: ' -'}], lists);
//   steps('９１１１ ００００ ６０００ ３７３４ １l')  // '91110000600037341L'
'use strict';

const { upgradeId15 } = require('./gb_codes');

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const TRIM = /^[\s\u0085\u200B]+|[\s\u0085\u200B]+$/g;
const SPACE_RUNS = /[\s\u0085]+/g;
const LOWER = /[a-z]+/g;

function width(s) {
  if (!FULL_WIDTH.test(s)) return s;
  FULL_WIDTH.lastIndex = 0;
  return s.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xFEE0)));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// One left-to-right pass, longest key first where keys share a start.
function replacer(pairs) {
  const keys = Object.keys(pairs).sort((a, b) => b.length - a.length);
  const re = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
  return (s) => s.replace(re, (k) => pairs[k]);
}

function padLeft(size, fill) {
  return (s) => {
    const count = [...s].length;
    return count >= size ? s : fill.repeat(size - count) + s;
  };
}

// --- Dates ---------------------------------------------------------------
const CN_DIGITS = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const CN_DATE = /^([〇○零一二三四五六七八九]{4})年([〇○零一二三四五六七八九十]{1,3})月([〇○零一二三四五六七八九十]{1,3})[日号]$/;
const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) \d{1,2}:\d{2}:\d{2}$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2}) \d{1,2}:\d{2}(?::\d{2})?$/,
];
const EXCEL_SERIAL = /^[1-9]\d{0,6}(?:\.\d+)?$/;

// 八, 十, 十二, 二十, 三十一 → number; NaN when not written that way.
const CN_NUMBER = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/;
function cnNumber(text) {
  const m = CN_NUMBER.exec(text);
  if (!m || text === '') return NaN;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]] : NaN;
  const tens = m[1] ? CN_DIGITS[m[1]] : 1;
  if (m[1] && tens < 2) return NaN;
  return tens * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

function iso(year, month, day) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function excelSerialToIso(text) {
  const serial = Math.floor(Number(text));
  if (serial > 2958465 || serial === 60) return null;
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + serial * 86400000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// Legacy date forms → 'YYYY-MM-DD' (real or not: the "date" format judges);
// a value of no known form comes back unchanged and fails the format.
function dateToIso(s) {
  if (s.length === 8 && /^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
  for (const form of DATE_FORMS) {
    const m = form.exec(s);
    if (m) return iso(m[1], +m[2], +m[3]);
  }
  const cn = CN_DATE.exec(s);
  if (cn) {
    const year = [...cn[1]].map((c) => CN_DIGITS[c]).join('');
    const month = cnNumber(cn[2]);
    const day = cnNumber(cn[3]);
    if (month > 0 && day > 0) return iso(year, month, day);
  }
  if (EXCEL_SERIAL.test(s)) return excelSerialToIso(s) || s;
  return s;
}

// --- Step lists ----------------------------------------------------------
function compileStep(step, lists) {
  if (step === 'width') return width;
  if (step === 'trim') return (s) => s.replace(TRIM, '');
  if (step === 'collapse') return (s) => s.replace(SPACE_RUNS, ' ');
  if (step === 'upper') return (s) => s.replace(LOWER, (m) => m.toUpperCase());
  if (step === 'nfc') return (s) => s.normalize('NFC');
  if (step === 'date') return dateToIso;
  if (step === 'id15to18') return upgradeId15;
  if (step.remove !== undefined) {
    const re = new RegExp(`[${step.remove.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
    return (s) => s.replace(re, '');
  }
  if (step.replace !== undefined) return replacer(step.replace);
  if (step.regexReplace !== undefined) {
    const re = new RegExp(step.regexReplace[0], 'gu');
    return (s) => s.replace(re, step.regexReplace[1]);
  }
  if (step.padLeft !== undefined) return padLeft(step.padLeft[0], step.padLeft[1]);
  if (step.map !== undefined) {
    const list = lists.get(step.map);
    const aliases = (step.aliasesOf && lists.elementAliases[step.aliasesOf]) || {};
    return (s) => aliases[s] || list.mapName(s);
  }
  throw new Error(`normalize: unknown step ${JSON.stringify(step)}`);
}

function compileSteps(steps, lists) {
  const fns = steps.map((step) => compileStep(step, lists));
  return (s) => {
    if (s === '') return s;  // empty is missing: nothing to normalise
    for (const fn of fns) s = fn(s);
    return s;
  };
}

module.exports = { compileSteps, dateToIso };
