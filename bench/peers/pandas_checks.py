"""Vectorised building blocks of the pandas peer (bench/peers/pandas_validate.py):
the catalog's normalising steps on string Series, GB 11643 / GB 32100 /
GB 11714 check characters over numpy digit matrices, effective-dated code
lists, and legacy date forms.

Every check takes a Series of normalised, non-empty strings and returns a
boolean Series "bad" on the same index.

    ok = ~gb32100_bad(pd.Series(["91110000600037341L"]))
"""

import re

import numpy as np
import pandas as pd

OPEN_END = 99999999
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FULL_WIDTH[0x3000] = ord(" ")
ASCII_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
TRIM_CHARS = (" \t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"
              + "".join(chr(c) for c in range(0x2000, 0x200B)))
SPACE_RUNS = r"[ \t\n\r\x0b\x0c\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"


# --- Normalising steps -------------------------------------------------------

def width(s):
    return s.str.translate(FULL_WIDTH)


def trim(s):
    return s.str.strip(TRIM_CHARS)


def collapse(s):
    return s.str.replace(SPACE_RUNS, " ", regex=True)


def upper(s):
    return s.str.translate(ASCII_UPPER)


def remove(chars):
    table = {ord(c): None for c in chars}
    return lambda s: s.str.translate(table)


def replace(pairs):
    keys = sorted(pairs, key=len, reverse=True)
    pattern = "|".join(re.escape(k) for k in keys)
    return lambda s: s.str.replace(pattern, lambda m: pairs[m.group(0)], regex=True)


def regex_replace(pattern, replacement):
    return lambda s: s.str.replace(pattern, replacement, regex=True)


def pad_left(size, fill):
    return lambda s: s.where(s == "", s.str.pad(size, side="left", fillchar=fill))


def mapper(names):
    """The map step: a legacy name or alias → its code; others unchanged."""
    return lambda s: s.map(names).fillna(s)


# --- Dates -------------------------------------------------------------------

DATE_FORMS = re.compile(
    r"^(?P<y>\d{4})(?:(?P<s1>[-/.])(?P<m>\d{1,2})(?P=s1)(?P<d>\d{1,2})"
    r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)"
    r"(?P<t> \d{1,2}:\d{2}(?::\d{2})?)?$")
CN_DIGITS = dict(zip("〇○零一二三四五六七八九", [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
CN_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                     r"([一二三四五六七八九十]{1,3})[日号]$")
CN_NUMBER = re.compile(r"^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$")
EXCEL_SERIAL = re.compile(r"^[1-9]\d{0,6}(?:\.\d+)?$")


def _cn_number(text):
    m = CN_NUMBER.match(text)
    if not m or not text:
        return None
    if not m.group(2):
        return CN_DIGITS[m.group(1)] if m.group(1) and not m.group(3) else None
    tens = CN_DIGITS[m.group(1)] if m.group(1) else 1
    if m.group(1) and tens < 2:
        return None
    return tens * 10 + (CN_DIGITS[m.group(3)] if m.group(3) else 0)


def _rare_date(text):
    """Chinese-numeral dates and spreadsheet serials, one value at a time."""
    m = CN_DATE.match(text)
    if m:
        year = "".join(str(CN_DIGITS[c]) for c in m.group(1))
        month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
        return f"{year}{month:02d}{day:02d}" if month and day else text
    if EXCEL_SERIAL.match(text):
        serial = int(float(text))
        if serial > 2958465 or serial == 60:
            return text
        base = pd.Timestamp(1899, 12, 31 if serial < 60 else 30)
        day = base + pd.Timedelta(days=serial)
        return day.strftime("%Y%m%d")
    return text


def date_to_yyyymmdd(s):
    """The catalog's date forms → YYYYMMDD text (real or not); others as is."""
    canonical = s.str.fullmatch(r"\d{8}") | (s == "")
    other = s[~canonical]
    if other.empty:
        return s
    parts = other.str.extract(DATE_FORMS)
    month = parts["m"].fillna(parts["m2"])
    day = parts["d"].fillna(parts["d2"])
    matched = parts["y"].notna()
    out = s.copy()
    out[matched[matched].index] = (parts["y"] + month.str.zfill(2) + day.str.zfill(2))[matched]
    rest = matched[~matched].index
    if len(rest):
        out[rest] = s[rest].map(_rare_date)
    return out


def real_date_bad(s, minimum, maximum=OPEN_END):
    """YYYYMMDD that is not a real date within [minimum, maximum]."""
    days = pd.to_datetime(s, format="%Y%m%d", errors="coerce")
    key = pd.to_numeric(s.where(days.notna()), errors="coerce")
    return days.isna() | (key < minimum) | (key > maximum)


# --- Check characters --------------------------------------------------------

GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB32100_WEIGHTS = np.array([pow(3, i, 31) for i in range(17)])
GB11714_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2])
GB11643_WEIGHTS = np.array([pow(2, 17 - i, 11) for i in range(17)])
PROVINCES = ("11|12|13|14|15|21|22|23|31|32|33|34|35|36|37|41|42|43|44|45|46|"
             "50|51|52|53|54|61|62|63|64|65|71|81|82|83")


def _values_table(alphabet):
    table = np.full(256, -1, dtype=np.int64)
    for i, c in enumerate(alphabet):
        table[ord(c)] = i
    return table


GB32100_VALUES = _values_table(GB32100_ALPHABET)
GB11714_VALUES = _values_table("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _matrix(s, width):
    """Equal-length ASCII strings → (rows × width) uint8 matrix."""
    data = "".join(s.tolist()).encode("ascii")
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, width)


def _gb11714_ok(m):
    """Rows of a (n × 9) matrix that pass GB 11714."""
    values = GB11714_VALUES[m[:, :8]]
    check = 11 - (values @ GB11714_WEIGHTS) % 11
    expected = np.where(check == 10, ord("X"), np.where(check == 11, ord("0"), check + 48))
    return (values >= 0).all(axis=1) & (expected == m[:, 8])


def gb11714_bad(s):
    bad = ~s.str.fullmatch(r"[0-9A-Z]{8}[0-9X]")
    good = s[~bad]
    if len(good):
        bad[good.index] = ~_gb11714_ok(_matrix(good, 9))
    return bad


def gb32100_bad(s):
    bad = ~s.str.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}")
    good = s[~bad]
    if len(good):
        m = _matrix(good, 18)
        values = GB32100_VALUES[m[:, :17]]
        check = np.frombuffer(GB32100_ALPHABET.encode(), np.uint8)[
            (31 - (values @ GB32100_WEIGHTS) % 31) % 31]
        bad[good.index] = ~((check == m[:, 17]) & _gb11714_ok(m[:, 8:17]))
    return bad


def gb11643_check_chars(m):
    """Check characters for a (n × 17) digit matrix, as uint8 ASCII."""
    total = (m.astype(np.int64) - 48) @ GB11643_WEIGHTS
    return np.frombuffer(b"10X98765432", np.uint8)[total % 11]


def id15_to_18(s):
    short = s.str.fullmatch(r"\d{15}")
    if not short.any():
        return s
    body = s[short].str[:6] + "19" + s[short].str[6:]
    checks = gb11643_check_chars(_matrix(body, 17)).tobytes().decode("ascii")
    out = s.copy()
    out[short] = body + pd.Series(list(checks), index=body.index)
    return out


def gb11643_bad(s, as_of_key):
    shape = s.str.fullmatch(rf"(?:(?:{PROVINCES})\d{{15}}|9(?:{PROVINCES})\d{{14}})[0-9X]")
    bad = ~shape
    good = s[shape]
    if len(good):
        birth = good.str[6:14]
        check = gb11643_check_chars(_matrix(good.str[:17], 17))
        last = _matrix(good.str[17], 1)[:, 0]
        bad[good.index] = real_date_bad(birth, 0, as_of_key).to_numpy() | (check != last)
    return bad


# --- Code lists --------------------------------------------------------------

class CodeList:
    """One catalog code list (from catalog_to_json.py) on a reference date."""

    def __init__(self, json_list, as_of_key):
        self.periods = pd.DataFrame(
            [(code, f, t) for code, ps in json_list["codes"].items() for f, t in ps],
            columns=["code", "start", "end"])
        self.ever = set(json_list["codes"])
        self.current = set(self.periods.code[(self.periods.start <= as_of_key)
                                              & (as_of_key <= self.periods.end)])
        self.earliest = int(self.periods.start.min())
        self.names = {}
        for name, entries in json_list["names"].items():
            if name in self.ever:
                continue
            live = [e for e in entries if e[1] <= as_of_key <= e[2]] or entries
            codes = {e[0] for e in live}
            if len(codes) == 1:
                self.names[name] = codes.pop()

    def not_in_force_bad(self, s):
        return ~s.isin(self.current)

    def never_listed_bad(self, s):
        return ~s.isin(self.ever)

    def not_in_force_on_bad(self, codes, day_keys):
        """Per row: the code is not in force on that row's day (0 = ever)."""
        rows = pd.DataFrame({"code": codes, "day": day_keys, "row": codes.index})
        joined = rows.merge(self.periods, on="code", how="inner")
        live = joined[(joined.day == 0) | ((joined.start <= joined.day) & (joined.day <= joined.end))]
        return ~codes.index.isin(live.row)
