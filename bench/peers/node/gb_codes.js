// Check characters and shapes of the Chinese identification codes, written as
// a JS user would from the standards (SPEC §2.5): GB 11643 citizen ID
// numbers (ISO 7064 MOD 11-2), GB 32100 unified social credit codes (MOD 31,
// with the GB 11714 organisation code at positions 9-17), GB 11714
// organisation codes (MOD 11).
//
//   const gb = require('./gb_codes');
//   gb.gb32100Valid('91110000600037341L');                  // true
//   gb.gb11643Valid('11010519491231002X', 20261130);        // true
//   gb.upgradeId15('330106850615123');  // '330106198506151233'
'use strict';

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';
const GB32100_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82', '83',
]);
const ID18 = /^\d{17}[\dX]$/;
const ID15 = /^\d{15}$/;
const GB32100_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const GB11714_SHAPE = /^[0-9A-Z]{8}[\dX]$/;

function gb11643CheckChar(body17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * GB11643_WEIGHTS[i];
  return GB11643_CHECK[sum % 11];
}

function isRealDate(year, month, day) {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

// A 15-digit first-generation number as 18 digits: '19' after the address
// code and a computed check character. Other values come back unchanged.
function upgradeId15(value) {
  if (!ID15.test(value)) return value;
  const body = value.slice(0, 6) + '19' + value.slice(6);
  return body + gb11643CheckChar(body);
}

// GB 11643: shape, province (or 9 + province for foreigners' permanent
// residence cards), real birth date not after `asOfKey` (YYYYMMDD), check.
function gb11643Valid(value, asOfKey) {
  if (!ID18.test(value)) return false;
  const province = value[0] === '9' ? value.slice(1, 3) : value.slice(0, 2);
  if (!PROVINCES.has(province)) return false;
  const birth = +value.slice(6, 14);
  const year = Math.floor(birth / 10000);
  if (!isRealDate(year, Math.floor(birth / 100) % 100, birth % 100)) return false;
  if (birth > asOfKey) return false;
  return gb11643CheckChar(value) === value[17];
}

function gb11714CheckChar(body8) {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * GB11714_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

// GB 11714 on the 9-character form (hyphen already removed).
function gb11714Valid(value) {
  return GB11714_SHAPE.test(value) && gb11714CheckChar(value) === value[8];
}

function gb32100Valid(value) {
  if (!GB32100_SHAPE.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += GB32100_ALPHABET.indexOf(value[i]) * GB32100_WEIGHTS[i];
  if (GB32100_ALPHABET[(31 - (sum % 31)) % 31] !== value[17]) return false;
  return gb11714Valid(value.slice(8, 17));
}

module.exports = {
  gb11643CheckChar, gb11643Valid, gb11714Valid, gb32100Valid, isRealDate, upgradeId15,
};
