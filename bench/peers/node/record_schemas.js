// JSON Schemas (for ajv with ./keywords.js) of the catalog's
// LEGAL_PERSON_BASIC and NATURAL_PERSON_BASIC record schemas, written by hand
// from catalog/record_schemas/*.yaml and the data elements they use, as a JS
// team would. Properties are keyed by the input's own column names: `keyOf`
// maps a field name (tyshxydm) to the key its file uses (统一代码).
//
//   const schema = recordSchema('LEGAL_PERSON_BASIC', (field) => keys[field]);
//   const validate = ajv.compile(schema);
'use strict';

const CHARSET_C = '^[^\\p{Cc}]*$';  // format class c: anything but controls
const UPPER_CODE = ['width', 'trim', 'upper', { remove: ' -' }];
const DATE = ['width', 'trim', 'date'];
const ID = ['width', 'trim', 'upper', { replace: { '×': 'X' } }, 'id15to18'];
const NAME_DOTS = { '•': '·', '・': '·', '‧': '·', '．': '·', '﹒': '·', '∙': '·', '⋅': '·', '･': '·' };
const LANDLINE = [
  'width', 'trim', { remove: ' ' },
  { replace: { '(': '', ')': '-', '—': '-', '转': '-', '分机': '-', 'ext.': '-', ext: '-', Ext: '-', EXT: '-', '#': '-' } },
  { regexReplace: ['^(010|02[0-9]|0[3-9][0-9]{2})([1-9][0-9]{6,7})(-[0-9]{1,6})?$', '$1-$2$3'] },
];
const LANDLINE_PATTERN = '^0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}(-[0-9]{1,6})?$';
const EMAIL_PATTERN = '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$';
const POSTCODE = ['width', 'trim', { remove: ' ' }, { padLeft: [6, '0'] }];
const POSTCODE_PATTERN = '^(0[1-7]|[1-8][0-9])[0-9]{4}$';
const text = (max, min) => ({ pattern: CHARSET_C, maxLength: max, minLength: min });
const coded = (steps, list) => ({ steps: [...steps, { map: list }], checks: { codeList: list } });

const LEGAL_PERSON_BASIC = {
  fields: {
    tyshxydm: { required: true, steps: UPPER_CODE, checks: { checksum: 'GB32100' } },
    zzjgdm: { steps: UPPER_CODE, checks: { checksum: 'GB11714' } },
    jgmc: { required: true, steps: ['nfc', 'trim', 'collapse'], checks: text(200, 2) },
    djglbmdm: coded(['width', 'trim', 'upper'], 'GB_32100_DJGLBM'),
    xzqhdm: coded(['width', 'trim'], 'GB_T_2260'),
    fddbrxm: {
      steps: [{ replace: NAME_DOTS }, { regexReplace: ['(\\p{Script=Han})\\.', '$1·'] }, 'width', 'trim', 'collapse'],
      checks: text(100, 1),
    },
    fddbrzjhm: { steps: ID, checks: { checksum: 'GB11643', addressCodes: 'GB_T_2260' } },
    fddbrxbdm: coded(['width', 'trim', 'upper'], 'GB_T_2261_1'),
    zczb: {
      steps: ['width', 'trim', { replace: { 万元人民币: '', 万元: '', 万: '', 人民币: '', '(': '', ')': '' } }, { remove: ' ,' }],
      checks: { decimal: { digits: 18, scale: 6, nonNegative: true } },
    },
    clrq: { required: true, steps: DATE, checks: { format: 'date', formatMinimum: '1900-01-01' } },
    hzrq: { steps: DATE, checks: { format: 'date', formatMinimum: '1900-01-01' } },
    djjg: { steps: ['width', 'trim', 'collapse'], checks: text(100, 2) },
    jyfw: { steps: ['trim', 'collapse'], checks: text(4000, 2) },
    zs: { steps: ['width', 'trim', 'collapse'], checks: text(200, 4) },
    hydm: coded(['width', 'trim', 'upper'], 'GB_T_4754_MLDM'),
    jyzt: { required: true, ...coded(['width', 'trim'], 'JYZT') },
    yzbm: { steps: POSTCODE, checks: { pattern: POSTCODE_PATTERN } },
    gddhhm: { steps: LANDLINE, checks: { ...text(20, 0), pattern: LANDLINE_PATTERN } },
    dzyx: { steps: ['width', 'trim'], checks: { maxLength: 254, pattern: EMAIL_PATTERN } },
    // Luhn fails are warnings only in the catalog: not checked here.
    khyhzh: { steps: ['width', 'trim', { remove: ' -' }], checks: { pattern: '^[0-9]{8,32}$' } },
  },
  rules: (k) => ({
    usccParts: {
      uscc: k('tyshxydm'), orgCode: k('zzjgdm'), authority: k('djglbmdm'), division: k('xzqhdm'),
      authorityList: 'GB_32100_DJGLBM', divisionList: 'GB_T_2260',
    },
    dateOrder: { a: k('clrq'), b: k('hzrq') },
    requiredIf: { field: k('fddbrxm'), other: k('fddbrzjhm') },
    idSex: { id: k('fddbrzjhm'), sex: k('fddbrxbdm') },
  }),
};

const NATURAL_PERSON_BASIC = {
  fields: {
    gmsfhm: { required: true, steps: ID, checks: { checksum: 'GB11643', addressCodes: 'GB_T_2260' } },
    xm: {
      required: true,
      steps: [{ replace: { ...NAME_DOTS, '.': '·' } }, 'width', 'trim', 'collapse'],
      checks: { pattern: '^[\\p{L}\\p{M}· ]*$', maxLength: 50, minLength: 1 },
    },
    xbdm: coded(['width', 'trim', 'upper'], 'GB_T_2261_1'),
    csrq: { steps: DATE, checks: { format: 'date', formatMinimum: '1800-01-01', notFuture: true } },
    mzdm: { steps: ['width', 'trim', { map: 'GB_T_3304' }, { padLeft: [2, '0'] }], checks: { codeList: 'GB_T_3304' } },
    gjdqdm: {
      steps: ['width', 'trim', 'upper', { map: 'GB_T_2659_1', aliasesOf: 'GJDQDM' }],
      checks: { codeList: 'GB_T_2659_1' },
    },
    zz: { steps: ['width', 'trim', 'collapse'], checks: text(200, 4) },
    yddhhm: {
      steps: ['width', 'trim', { remove: ' -()' }, { regexReplace: ['^(?:\\+?86|0086)(1[0-9]{10})$', '$1'] }],
      checks: { pattern: '^1[3-9][0-9]{9}$' },
    },
    gddhhm: { steps: LANDLINE, checks: { ...text(20, 0), pattern: LANDLINE_PATTERN } },
    dzyx: { steps: ['width', 'trim'], checks: { maxLength: 254, pattern: EMAIL_PATTERN } },
    yzbm: { steps: POSTCODE, checks: { pattern: POSTCODE_PATTERN } },
  },
  rules: (k) => ({
    idBirthDate: { id: k('gmsfhm'), date: k('csrq') },
    idSex: { id: k('gmsfhm'), sex: k('xbdm') },
    nationality: { id: k('gmsfhm'), nationality: k('gjdqdm'), list: 'GB_T_2659_1' },
    requiredIf: { field: k('zz'), other: k('yzbm') },
  }),
};

const SCHEMAS = { LEGAL_PERSON_BASIC, NATURAL_PERSON_BASIC };

// A required field must be non-empty after normalising; an optional one is
// either empty or passes its checks.
function propertySchema(field) {
  const checks = { type: 'string', ...field.checks };
  if (field.required) return { type: 'string', normalize: field.steps, minLength: 1, ...field.checks };
  return { type: 'string', normalize: field.steps, anyOf: [{ const: '' }, checks] };
}

function recordSchema(id, keyOf) {
  const def = SCHEMAS[id];
  if (!def) throw new Error(`no JSON Schema for record schema ${id}`);
  const properties = {};
  const required = [];
  for (const [name, field] of Object.entries(def.fields)) {
    properties[keyOf(name)] = propertySchema(field);
    if (field.required) required.push(keyOf(name));
  }
  return { type: 'object', required, properties, ...def.rules(keyOf) };
}

module.exports = { recordSchema, fieldNames: (id) => Object.keys(SCHEMAS[id].fields) };
