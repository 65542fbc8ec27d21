// The catalog's code lists (converted to JSON by ../catalog_to_json.py) with
// effective-dated membership and the `map` step's name lookup, fixed to one
// reference date when loaded.
//
//   const lists = CodeLists.load('/tmp/peers/catalog.json', 20261130);
//   lists.get('JYZT').inForce('1');        // true
//   lists.get('GB_T_2260').everListed('330103');  // true (abolished in 2021)
//   lists.get('GB_T_2261_1').mapName('男');       // '1'
'use strict';

const fs = require('fs');

class CodeList {
  constructor(json, asOfKey) {
    this.codes = new Map(Object.entries(json.codes));
    this.asOfKey = asOfKey;
    // Names in force on the reference date win; otherwise any entry counts.
    // A name of several codes is left unmapped (the code check rejects it).
    this.names = new Map();
    for (const [name, entries] of Object.entries(json.names)) {
      if (this.codes.has(name)) continue;
      const current = entries.filter(([, from, to]) => from <= asOfKey && asOfKey <= to);
      const codes = new Set((current.length ? current : entries).map(([code]) => code));
      if (codes.size === 1) this.names.set(name, [...codes][0]);
    }
  }

  // In force on `dayKey` (YYYYMMDD); any listed code when dayKey is 0.
  inForceOn(code, dayKey) {
    const periods = this.codes.get(code);
    if (periods === undefined) return false;
    if (dayKey === 0) return true;
    return periods.some(([from, to]) => from <= dayKey && dayKey <= to);
  }

  inForce(code) {
    return this.inForceOn(code, this.asOfKey);
  }

  everListed(code) {
    return this.codes.has(code);
  }

  // The earliest valid_from of any entry (0 when some entry is open).
  earliestFrom() {
    if (this.earliest === undefined) {
      this.earliest = Math.min(...[...this.codes.values()].flat().map(([from]) => from));
    }
    return this.earliest;
  }

  mapName(value) {
    return this.names.get(value) || value;
  }
}

class CodeLists {
  static load(path, asOfKey) {
    const json = JSON.parse(fs.readFileSync(path, 'utf8'));
    return new CodeLists(json, asOfKey);
  }

  constructor(json, asOfKey) {
    this.lists = new Map();
    for (const [id, list] of Object.entries(json.code_lists)) {
      this.lists.set(id, new CodeList(list, asOfKey));
    }
    this.elementAliases = json.element_aliases;
    this.schemas = json.schemas;
  }

  get(id) {
    const list = this.lists.get(id);
    if (list === undefined) throw new Error(`code list ${id} is not in the catalog JSON`);
    return list;
  }
}

module.exports = { CodeLists };
