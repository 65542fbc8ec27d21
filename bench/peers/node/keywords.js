// ajv keywords for Chinese registry data: a modifying `normalize` keyword
// (the catalog's normalising steps, run before the other keywords of a
// property), `checksum` (GB 11643 / GB 32100 / GB 11714), `addressCodes`
// (GB/T 2260 address code in force on the ID's birth date), `codeList`
// (in force on the reference date), `notFuture`, `decimal`, and the record
// rules `usccParts`, `idSex`, `idBirthDate`, `nationality`, `dateOrder`,
// `requiredIf`.
//
//   const ajv = new Ajv({coerceTypes: true});
//   addFormats(ajv);
//   addGbKeywords(ajv, CodeLists.load(path, 20261130), 20261130);
//   const validate = ajv.compile({type: 'object', properties: {
//     uscc: {type: 'string', normalize: ['trim'], checksum: 'GB32100'}}});
'use strict';

const { gb11643Valid, gb11714Valid, gb32100Valid } = require('./gb_codes');
const { compileSteps } = require('./normalizers');

const present = (v) => typeof v === 'string' && v !== '';
const CHECKSUMS = { GB32100: gb32100Valid, GB11714: gb11714Valid };
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

// [+-]digits[.digits] with at most `digits` digits, `scale` decimals, and
// no negative value when `nonNegative`.
function decimalValid(rule, s) {
  const m = DECIMAL.exec(s);
  if (!m) return false;
  const fraction = m[3] || '';
  if (m[2].length + fraction.length > rule.digits || fraction.length > rule.scale) return false;
  return !(rule.nonNegative && m[1] === '-' && /[1-9]/.test(s));
}

function addValueKeywords(ajv, lists, asOfKey) {
  ajv.addKeyword({
    keyword: 'normalize', modifying: true, schemaType: 'array', before: 'anyOf',
    compile(steps) {
      const run = compileSteps(steps, lists);
      return (data, cxt) => {
        if (typeof data === 'string' && cxt) cxt.parentData[cxt.parentDataProperty] = run(data);
        return true;
      };
    },
  });
  ajv.addKeyword({
    keyword: 'checksum', type: 'string', schemaType: 'string',
    compile(name) {
      if (name === 'GB11643') return (s) => gb11643Valid(s, asOfKey);
      const check = CHECKSUMS[name];
      if (!check) throw new Error(`checksum: unknown algorithm ${name}`);
      return check;
    },
  });
  ajv.addKeyword({
    keyword: 'addressCodes', type: 'string', schemaType: 'string',
    compile(listId) {
      const list = lists.get(listId);
      return (id) => {
        if (id[0] === '9') return true;  // foreigner's card: 9 + province + nationality
        const birth = +id.slice(6, 14);
        return list.inForceOn(id.slice(0, 6), birth < list.earliestFrom() ? 0 : birth);
      };
    },
  });
  ajv.addKeyword({
    keyword: 'codeList', type: 'string', schemaType: 'string',
    compile(listId) {
      const list = lists.get(listId);
      return (code) => list.inForce(code);
    },
  });
  const asOfIso = String(asOfKey).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
  ajv.addKeyword({
    keyword: 'notFuture', type: 'string', schemaType: 'boolean',
    compile: () => (isoDate) => isoDate <= asOfIso,
  });
  ajv.addKeyword({
    keyword: 'decimal', type: 'string', schemaType: 'object',
    compile: (rule) => (s) => decimalValid(rule, s),
  });
}

function addRecordKeywords(ajv, lists) {
  ajv.addKeyword({
    // Parts of a valid USCC: a given org code, authority or division must
    // equal them; a missing one is derived and must be a listed code.
    keyword: 'usccParts', type: 'object', schemaType: 'object',
    compile(rule) {
      const authorities = lists.get(rule.authorityList);
      const divisions = lists.get(rule.divisionList);
      return (r) => {
        const uscc = r[rule.uscc];
        if (!present(uscc)) return true;
        const org = r[rule.orgCode];
        if (present(org) && org !== uscc.slice(8, 17)) return false;
        const authority = r[rule.authority];
        if (present(authority) ? authority !== uscc[0] : !authorities.everListed(uscc[0])) return false;
        const division = r[rule.division];
        return present(division) ? division === uscc.slice(2, 8) : divisions.everListed(uscc.slice(2, 8));
      };
    },
  });
  ajv.addKeyword({
    keyword: 'idSex', type: 'object', schemaType: 'object',
    compile: ({ id, sex }) => (r) => !present(r[id]) || !present(r[sex]) ||
      r[sex] === (r[id].charCodeAt(16) % 2 === 1 ? '1' : '2'),
  });
  ajv.addKeyword({
    keyword: 'idBirthDate', type: 'object', schemaType: 'object',
    compile: ({ id, date }) => (r) => !present(r[id]) || !present(r[date]) ||
      r[id].slice(6, 14) === r[date].replace(/-/g, ''),
  });
  ajv.addKeyword({
    // A citizen's nationality is CHN; a foreigner's card (9...) holds the
    // numeric country code at positions 4-6.
    keyword: 'nationality', type: 'object', schemaType: 'object',
    compile({ id, nationality, list }) {
      const countries = lists.get(list);
      return (r) => {
        if (!present(r[id])) return true;
        const derived = r[id][0] === '9' ? countries.mapName(r[id].slice(3, 6)) : 'CHN';
        return present(r[nationality]) ? r[nationality] === derived : countries.everListed(derived);
      };
    },
  });
  ajv.addKeyword({
    keyword: 'dateOrder', type: 'object', schemaType: 'object',
    compile: ({ a, b }) => (r) => !present(r[a]) || !present(r[b]) || r[a] <= r[b],
  });
  ajv.addKeyword({
    keyword: 'requiredIf', type: 'object', schemaType: 'object',
    compile: ({ field, other }) => (r) => present(r[field]) || !present(r[other]),
  });
}

function addGbKeywords(ajv, lists, asOfKey) {
  addValueKeywords(ajv, lists, asOfKey);
  addRecordKeywords(ajv, lists);
}

module.exports = { addGbKeywords };
