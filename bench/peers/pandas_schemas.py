"""LEGAL_PERSON_BASIC and NATURAL_PERSON_BASIC for the pandas peer, written by
hand from catalog/record_schemas/*.yaml and their data elements: per field
(required, normalising steps, vectorised check), and the record rules over
whole columns.

    schema = SCHEMAS["LEGAL_PERSON_BASIC"]
    fields = schema.fields(lists, 20261130, element_aliases)
    bad = schema.rules_bad(values, field_bad, lists)
"""

import pandas_checks as pc

CHARSET_C = r"[^\x00-\x1f\x7f-\x9f]*"  # format class c: anything but controls
CODE = [pc.width, pc.trim, pc.upper, pc.remove(" -")]
DATE = [pc.width, pc.trim, pc.date_to_yyyymmdd]
ID = [pc.width, pc.trim, pc.upper, pc.replace({"×": "X"}), pc.id15_to_18]
NAME_DOTS = {"•": "·", "・": "·", "‧": "·", "．": "·", "﹒": "·", "∙": "·", "⋅": "·", "･": "·"}
LANDLINE = [
    pc.width, pc.trim, pc.remove(" "),
    pc.replace({"(": "", ")": "-", "—": "-", "转": "-", "分机": "-", "ext.": "-", "ext": "-",
                "Ext": "-", "EXT": "-", "#": "-"}),
    pc.regex_replace(r"^(010|02[0-9]|0[3-9][0-9]{2})([1-9][0-9]{6,7})(-[0-9]{1,6})?$",
                     r"\1-\2\3"),
]
HAN_DOT = "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f])\\."  # \p{Han}.
POSTCODE = [pc.width, pc.trim, pc.remove(" "), pc.pad_left(6, "0")]


def text_bad(max_len, min_len=0, pattern=CHARSET_C):
    def check(s):
        length = s.str.len()
        return ~s.str.fullmatch(pattern) | (length > max_len) | (length < min_len)
    return check


def pattern_bad(pattern, max_len=None):
    return lambda s: ~s.str.fullmatch(pattern) | (
        s.str.len() > max_len if max_len else False)


def coded(lists, list_id, steps):
    lst = lists[list_id]
    return steps + [pc.mapper(lst.names)], lst.not_in_force_bad


def decimal_bad(digits, scale):
    def check(s):
        parts = s.str.extract(r"^(?P<sign>[+-]?)(?P<int>\d+)(?:\.(?P<frac>\d+))?$")
        frac = parts["frac"].fillna("").str.len()
        negative = (parts["sign"] == "-") & s.str.contains("[1-9]")
        return (parts["int"].isna() | (parts["int"].str.len() + frac > digits)
                | (frac > scale) | negative)
    return check


def id_bad(lists, as_of_key):
    divisions = lists["GB_T_2260"]

    def check(s):
        bad = pc.gb11643_bad(s, as_of_key)
        ok = s[~bad & (s.str[0] != "9")]
        birth = ok.str[6:14].astype(int)
        day = birth.where(birth >= divisions.earliest, 0)
        bad[ok.index] = divisions.not_in_force_on_bad(ok.str[:6], day)
        return bad
    return check


def same(a, b, both):
    """Rows where both are present and a != b."""
    return both & (a != b)


class LegalPersonBasic:
    ID = "LEGAL_PERSON_BASIC"

    @staticmethod
    def fields(lists, as_of_key, _aliases):
        date_bad = lambda s: pc.real_date_bad(s, 19000101)
        return {
            "tyshxydm": (True, CODE, pc.gb32100_bad),
            "zzjgdm": (False, CODE, pc.gb11714_bad),
            "jgmc": (True, [lambda s: s.str.normalize("NFC"), pc.trim, pc.collapse], text_bad(200, 2)),
            "djglbmdm": (False, *coded(lists, "GB_32100_DJGLBM", [pc.width, pc.trim, pc.upper])),
            "xzqhdm": (False, *coded(lists, "GB_T_2260", [pc.width, pc.trim])),
            "fddbrxm": (False, [pc.replace(NAME_DOTS), pc.regex_replace(HAN_DOT, r"\1·"),
                                pc.width, pc.trim, pc.collapse], text_bad(100, 1)),
            "fddbrzjhm": (False, ID, id_bad(lists, as_of_key)),
            "fddbrxbdm": (False, *coded(lists, "GB_T_2261_1", [pc.width, pc.trim, pc.upper])),
            "zczb": (False, [pc.width, pc.trim, pc.replace({"万元人民币": "", "万元": "", "万": "",
                                                          "人民币": "", "(": "", ")": ""}),
                             pc.remove(" ,")], decimal_bad(18, 6)),
            "clrq": (True, DATE, date_bad),
            "hzrq": (False, DATE, date_bad),
            "djjg": (False, [pc.width, pc.trim, pc.collapse], text_bad(100, 2)),
            "jyfw": (False, [pc.trim, pc.collapse], text_bad(4000, 2)),
            "zs": (False, [pc.width, pc.trim, pc.collapse], text_bad(200, 4)),
            "hydm": (False, *coded(lists, "GB_T_4754_MLDM", [pc.width, pc.trim, pc.upper])),
            "jyzt": (True, *coded(lists, "JYZT", [pc.width, pc.trim])),
            "yzbm": (False, POSTCODE, pattern_bad(r"(0[1-7]|[1-8][0-9])[0-9]{4}")),
            "gddhhm": (False, LANDLINE, pattern_bad(r"0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}(-[0-9]{1,6})?", 20)),
            "dzyx": (False, [pc.width, pc.trim],
                     pattern_bad(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", 254)),
            # Luhn failures are warnings only in the catalog: not checked.
            "khyhzh": (False, [pc.width, pc.trim, pc.remove(" -")], pattern_bad(r"[0-9]{8,32}")),
        }

    @staticmethod
    def rules_bad(v, field_bad, lists):
        uscc = v["tyshxydm"]
        ok = (uscc != "") & ~field_bad["tyshxydm"]
        bad = same(v["zzjgdm"], uscc.str[8:17], ok & (v["zzjgdm"] != ""))
        for field, part, list_id in (("djglbmdm", uscc.str[0], "GB_32100_DJGLBM"),
                                     ("xzqhdm", uscc.str[2:8], "GB_T_2260")):
            given = v[field] != ""
            bad |= same(v[field], part, ok & given)
            bad |= ok & ~given & lists[list_id].never_listed_bad(part)
        clrq, hzrq = v["clrq"], v["hzrq"]
        bad |= (clrq != "") & (hzrq != "") & (clrq > hzrq)
        bad |= (v["fddbrxm"] == "") & (v["fddbrzjhm"] != "")
        bad |= id_sex_bad(v["fddbrzjhm"], v["fddbrxbdm"])
        return bad


def id_sex_bad(ids, sex):
    both = (ids.str.len() == 18) & (sex != "")
    odd = ids.str[16].isin(list("13579"))
    return both & (sex != odd.map({True: "1", False: "2"}))


class NaturalPersonBasic:
    ID = "NATURAL_PERSON_BASIC"

    @staticmethod
    def fields(lists, as_of_key, aliases):
        countries = lists["GB_T_2659_1"]
        country_names = {**countries.names, **aliases.get("GJDQDM", {})}
        return {
            "gmsfhm": (True, ID, id_bad(lists, as_of_key)),
            "xm": (True, [pc.replace({**NAME_DOTS, ".": "·"}), pc.width, pc.trim, pc.collapse],
                   text_bad(50, 1, r"[^\W\d_]*(?:[· ][^\W\d_]*)*")),
            "xbdm": (False, *coded(lists, "GB_T_2261_1", [pc.width, pc.trim, pc.upper])),
            "csrq": (False, DATE, lambda s: pc.real_date_bad(s, 18000101, as_of_key)),
            "mzdm": (False, [pc.width, pc.trim, pc.mapper(lists["GB_T_3304"].names), pc.pad_left(2, "0")],
                     lists["GB_T_3304"].not_in_force_bad),
            "gjdqdm": (False, [pc.width, pc.trim, pc.upper, pc.mapper(country_names)],
                       countries.not_in_force_bad),
            "zz": (False, [pc.width, pc.trim, pc.collapse], text_bad(200, 4)),
            "yddhhm": (False, [pc.width, pc.trim, pc.remove(" -()"),
                               pc.regex_replace(r"^(?:\+?86|0086)(1[0-9]{10})$", r"\1")],
                       pattern_bad(r"1[3-9][0-9]{9}")),
            "gddhhm": (False, LANDLINE, pattern_bad(r"0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}(-[0-9]{1,6})?", 20)),
            "dzyx": (False, [pc.width, pc.trim],
                     pattern_bad(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", 254)),
            "yzbm": (False, POSTCODE, pattern_bad(r"(0[1-7]|[1-8][0-9])[0-9]{4}")),
        }

    @staticmethod
    def rules_bad(v, field_bad, lists):
        ids = v["gmsfhm"]
        ok = (ids != "") & ~field_bad["gmsfhm"]
        bad = same(v["csrq"], ids.str[6:14], ok & (v["csrq"] != ""))
        bad |= ok & id_sex_bad(ids, v["xbdm"])
        countries = lists["GB_T_2659_1"]
        derived = ids.str[3:6].map(countries.names).where(ids.str[0] == "9", "CHN").fillna("")
        given = v["gjdqdm"] != ""
        bad |= same(v["gjdqdm"], derived, ok & given)
        bad |= ok & ~given & countries.never_listed_bad(derived)
        bad |= (v["zz"] == "") & (v["yzbm"] != "")
        return bad


SCHEMAS = {s.ID: s for s in (LegalPersonBasic, NaturalPersonBasic)}
