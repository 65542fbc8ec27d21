#!/usr/bin/env python3
"""Generate examples/legacy_legal_persons.csv: a dirty legacy legal-person table.

The file imitates an export from an old departmental system: GB18030 encoding,
legacy column names (统一代码, 法人代表, 注册资金, ...) that the catalog's
LEGAL_PERSON_BASIC schema knows as aliases, and the dirt such exports carry:
full-width digits, Chinese and cn-numeral dates, 15-digit identity numbers,
男/女 for sex codes, spaces and dashes inside codes, thousands separators and
万元 suffixes, status words instead of codes, embedded line breaks, and what
spreadsheets and other systems emit: Excel date serials and "2015/3/8 0:00"
date-times, postal codes that lost their leading zero, landlines without the
dash after the area code or with 分机/ext/# extensions, capital written
567万人民币 or (人民币)567万, and ASCII full stops or look-alike dots between
the parts of a name. Besides companies it holds organisations of the newer
GB 32100 registration authorities (公安 G1, 住房城乡建设 J1, 侨联 Q1/Q2) and
民政's 村民委员会 (54) and 居民委员会 (55), and legal representatives who hold a
foreigner's permanent residence ID card (9 + province + nationality). A few rows
hold values that are really wrong (bad check characters, impossible dates,
contradictions between fields), and a few rows are broken as CSV (wrong column
count, an invalid byte sequence, and an unterminated quote in the last row).

Every row is built to be in exactly one category, known by construction:

  clean               canonical values that pass LEGAL_PERSON_BASIC unchanged
  dirty               values that the schema's normalisers turn into valid ones
  invalid             exactly one defect that validation must reject
  malformed           rows the CSV reader itself must reject

Check characters (GB 11643, GB 11714, GB 32100, Luhn) are computed here, with
the algorithms of SPEC §2.5, so clean and dirty rows really are valid. The
address codes of the legal representatives' identity numbers are in force on
their birth dates, as FDDBRZJHM's address_codes demand: the periods are read
from the catalog's GB/T 2260 list (catalog/code_lists/GB_T_2260.yaml).

Usage:  python3 examples/generate_legacy_legal_persons.py [--rows N] [--out-dir DIR]
Writes legacy_legal_persons.csv and expected_legacy_summary.json next to this
script (or into --out-dir). Python 3 standard library only; deterministic: the
same arguments always produce byte-identical files.
"""

import argparse
import collections
import csv
import datetime
import io
import json
import os
import random
import re

SEED = 20240601

# --------------------------------------------------------------------------
# Check characters (SPEC §2.5).

GB11643_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


def gb11643_check(body17):
    """Check character of a citizen identity number (GB 11643-1999)."""
    total = sum(int(c) * w for c, w in zip(body17, GB11643_WEIGHTS))
    return "10X98765432"[total % 11]


def gb11714_check(body8):
    """Check character of an organisation code (GB 11714-1997)."""
    weights = [3, 7, 9, 10, 5, 8, 4, 2]

    def value(c):
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    r = 11 - sum(value(c) * w for c, w in zip(body8, weights)) % 11
    return {10: "X", 11: "0"}.get(r, str(r))


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols, no I O Z S V


def gb32100_check(body17):
    """Check character of a unified social credit identifier (GB 32100-2015)."""
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def luhn_check(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


# --------------------------------------------------------------------------
# Vocabulary.

PROVINCES = [  # (GB/T 2260 code, name, capital, area code, postcode prefix)
    ("330000", "浙江省", "杭州", "0571", "310"),
    ("330000", "浙江省", "宁波", "0574", "315"),
    ("330000", "浙江省", "温州", "0577", "325"),
    ("310000", "上海市", "上海", "021", "200"),
    ("320000", "江苏省", "南京", "025", "210"),
    ("110000", "北京市", "北京", "010", "100"),
    ("440000", "广东省", "广州", "020", "510"),
    ("340000", "安徽省", "合肥", "0551", "230"),
    ("510000", "四川省", "成都", "028", "610"),
    ("500000", "重庆市", "重庆", "023", "400"),
    ("130000", "河北省", "石家庄", "0311", "050"),
]
# County codes used as the address part of legal representatives' ID numbers.
ID_ADDRESS_CODES = ["330106", "330102", "330105", "330108", "330110", "330182", "330205",
                    "330302", "320102", "310104", "110105", "440304", "510104", "420106",
                    "610113", "370202", "350203", "500103", "340104"]
# The catalog's GB/T 2260 list, generated one entry per line by
# scripts/codelist_tsv_to_yaml.py; a birth date before its first valid_from is
# checked for membership only (SPEC §2.5 address_codes).
GB2260_YAML = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                           "catalog", "code_lists", "GB_T_2260.yaml")
GB2260_ENTRY = re.compile(r'^    - \{code: "(\d{6})", name_zh: "[^"]*"(?:, name_en: "[^"]*")?'
                          r'(?:, valid_from: "([\d-]+)")?(?:, valid_to: "([\d-]+)")?')


def load_address_periods(codes):
    """code → [(valid_from, valid_to)] (dates, None = open) for `codes`."""
    periods = {code: [] for code in codes}
    earliest = None
    with open(GB2260_YAML, encoding="utf-8") as f:
        for line in f:
            m = GB2260_ENTRY.match(line)
            if not m:
                continue
            start = datetime.date.fromisoformat(m.group(2)) if m.group(2) else None
            end = datetime.date.fromisoformat(m.group(3)) if m.group(3) else None
            if start and (earliest is None or start < earliest):
                earliest = start
            if m.group(1) in periods:
                periods[m.group(1)].append((start, end))
    missing = [code for code, spans in periods.items() if not spans]
    if missing or earliest is None:
        raise SystemExit(f"{GB2260_YAML}: no entries for {missing or 'any code'}")
    return periods, earliest


ADDRESS_PERIODS, GB2260_EARLIEST = load_address_periods(ID_ADDRESS_CODES)


def address_in_force(code, birth):
    """Whether FDDBRZJHM's address_codes accept `code` for a person born on `birth`."""
    if birth < GB2260_EARLIEST:
        return True
    return any((start is None or start <= birth) and (end is None or birth <= end)
               for start, end in ADDRESS_PERIODS[code])


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅建国志文海波辉鹏飞宇浩然思雨欣怡子涵佳琪晨阳俊杰嘉豪一鸣晓东丹丹春燕"
TRADE_WORDS = ["数元", "云帆", "恒信", "华策", "景行", "同舟", "明德", "瑞丰", "启航", "博远", "联创", "新禾",
               "宏图", "汇通", "天成", "金桥", "青藤", "蓝海", "星河", "安和", "致远", "卓越", "鼎盛", "正泰"]
INDUSTRY_WORDS = [("科技", "I"), ("信息技术", "I"), ("贸易", "F"), ("建设工程", "E"), ("机械制造", "C"),
                  ("食品", "C"), ("物流", "G"), ("餐饮管理", "H"), ("房地产开发", "K"), ("商务咨询", "L"),
                  ("农业开发", "A"), ("环保科技", "N"), ("文化传媒", "R"), ("教育咨询", "P"), ("电力工程", "D")]
SECTION_NAMES = {"A": "农、林、牧、渔业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业", "E": "建筑业",
                 "F": "批发和零售业", "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业",
                 "I": "信息传输、软件和信息技术服务业", "K": "房地产业", "L": "租赁和商务服务业",
                 "N": "水利、环境和公共设施管理业", "P": "教育", "R": "文化、体育和娱乐业"}
FORMS = [("有限公司", "91"), ("有限责任公司", "91"), ("股份有限公司", "91"), ("（集团）有限公司", "91"),
         ("经营部", "92"), ("专业合作社", "93"), ("代表处", "G1"), ("业主大会", "J1"),
         ("归国华侨联合会", "Q1"), ("归国华侨联合会", "Q2"), ("村民委员会", "54"), ("居民委员会", "55")]
FORM_WEIGHTS = [50, 20, 8, 4, 10, 8, 1, 1, 1, 1, 1, 1]
# Organisations that are not companies: name, industry section and scope.
OTHER_ORGS = {
    "G1": lambda city, trade: (f"{trade}基金会（美国）{city}代表处", "S",
                               "开展教育、扶贫领域的交流与合作项目。"),
    "J1": lambda city, trade: (f"{city}市{trade}花园业主大会", "S",
                               "决定物业管理区域内的共同事务。"),
    "Q1": lambda city, trade: (f"{city}市{trade}区归国华侨联合会", "S",
                               "联系和服务归侨侨眷。"),
    "Q2": lambda city, trade: (f"{city}市{trade}街道归国华侨联合会", "S",
                               "联系和服务归侨侨眷。"),
    "54": lambda city, trade: (f"{city}市{trade}村村民委员会", "S",
                               "办理本村的公共事务和公益事业。"),
    "55": lambda city, trade: (f"{city}市{trade}社区居民委员会", "S",
                               "办理本居住地区居民的公共事务和公益事业。"),
}
AUTHORITIES = {
    "G1": lambda prov, city: f"{prov}公安厅" if prov.endswith("省") else f"{prov}公安局",
    "J1": lambda prov, city: f"{city}市住房和城乡建设局",
    "Q1": lambda prov, city: f"{city}市归国华侨联合会",
    "Q2": lambda prov, city: f"{city}市归国华侨联合会",
    "54": lambda prov, city: f"{city}市民政局",
    "55": lambda prov, city: f"{city}市民政局",
}
# Parts of transliterated minority names, written with the middle dot.
NAME_PARTS = ["买买提", "艾力", "吐尔逊", "热合曼", "阿不都", "努尔", "帕提古丽", "艾合买提", "玉素甫", "依明"]
# Nationalities (ISO 3166-1 numeric) of foreign legal representatives.
NATIONALITIES = ["840", "392", "410", "826", "276", "702"]
SCOPES = {
    "I": "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务。",
    "F": "一般项目：日用百货销售；五金产品批发；电子产品销售；货物进出口。",
    "E": "许可项目：建设工程施工。一般项目：园林绿化工程施工；土石方工程施工。",
    "C": "一般项目：通用设备制造（不含特种设备制造）；机械零件、零部件加工。",
    "G": "许可项目：道路货物运输（不含危险货物）。一般项目：国内货物运输代理；普通货物仓储服务。",
    "H": "许可项目：餐饮服务；食品销售。一般项目：餐饮管理。",
    "K": "许可项目：房地产开发经营。一般项目：物业管理；住房租赁。",
    "L": "一般项目：企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；会议及展览服务。",
    "A": "一般项目：谷物种植；蔬菜种植；水果种植；农产品的生产、销售、加工、运输、贮藏及其他相关服务。",
    "N": "一般项目：环境保护专用设备销售；水污染治理；固体废物治理。",
    "R": "一般项目：组织文化艺术交流活动；广告设计、代理；广告制作。",
    "P": "一般项目：教育咨询服务（不含涉许可审批的教育培训活动）。",
    "D": "许可项目：输电、供电、受电电力设施的安装、维修和试验。",
}
SECTION_NAMES["S"] = "公共管理、社会保障和社会组织"
ROADS = ["文三路", "学院路", "解放路", "中山路", "人民路", "建设路", "江南大道", "滨江路", "天目山路", "延安路", "和平路"]
STATUS_CODES = ["1"] * 14 + ["2", "3", "4", "5", "6", "7"]
STATUS_WORDS = {"1": ["在营", "存续（在营、开业、在册）", "开业", "存续"], "2": ["吊销，未注销", "吊销"],
                "3": ["注销", "已注销", "吊销，已注销"], "4": ["迁出"], "5": ["撤销"], "6": ["歇业"], "7": ["停业"]}
CN_DIGITS = "〇一二三四五六七八九"

HEADER = ["统一代码", "组织机构代码", "企业名称", "法人代表", "法人代表身份证号", "法人代表性别", "注册资金",
          "成立日期", "核准日期", "登记机关", "经营范围", "住所", "行业门类", "经营状态", "邮政编码",
          "联系电话", "电子邮箱", "开户账号"]
COL = {name: i for i, name in enumerate(HEADER)}


# --------------------------------------------------------------------------
# Helpers.

def fullwidth(s):
    """ASCII letters/digits/punctuation → full-width forms (U+FF01..FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def cn_small(n):
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


def date_dirty(d, rng):
    """A legacy spelling of a date that the CLRQ/HZRQ date step understands."""
    kind = rng.choice(["zh", "dash", "slash", "dot", "cn_numeral", "datetime", "fullwidth",
                       "excel_serial", "excel_datetime"])
    if kind == "zh":
        return f"{d.year}年{d.month}月{d.day}日", kind
    if kind == "dash":
        return f"{d.year}-{d.month}-{d.day}", kind
    if kind == "slash":
        return f"{d.year}/{d.month:02d}/{d.day:02d}", kind
    if kind == "dot":
        return f"{d.year}.{d.month}.{d.day}", kind
    if kind == "cn_numeral":
        return "".join(CN_DIGITS[int(c)] for c in str(d.year)) + f"年{cn_small(d.month)}月{cn_small(d.day)}日", kind
    if kind == "datetime":
        return d.strftime("%Y-%m-%d 00:00:00"), kind
    if kind == "excel_serial":  # days since 1899-12-30, as a spreadsheet stores dates
        return str((d - datetime.date(1899, 12, 30)).days), kind
    if kind == "excel_datetime":  # a spreadsheet's default date-time format
        return f"{d.year}/{d.month}/{d.day} 0:00" + rng.choice(["", ":00"]), kind
    return fullwidth(d.strftime("%Y%m%d")), kind


def random_date(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


class Company:
    """One legal person with canonical (already normalised) values."""

    def __init__(self, rng, serial):
        prov_code, prov_name, city, area, post = rng.choice(PROVINCES)
        trade = rng.choice(TRADE_WORDS) + rng.choice(TRADE_WORDS)
        industry, section = rng.choice(INDUSTRY_WORDS)
        form, prefix = rng.choices(FORMS, weights=FORM_WEIGHTS)[0]
        self.section = section
        self.scope_text = None
        if prefix in OTHER_ORGS:
            self.name, self.section, self.scope_text = OTHER_ORGS[prefix](city, trade)
        elif prefix == "93":
            self.name = f"{city}市{trade}{industry}{form}" if industry == "农业开发" else f"{city}市{trade}农产品{form}"
            self.section = "A"
        else:
            self.name = f"{prov_name[:-1] if prov_name.endswith('省') else city}{trade}{industry}{form}"
        # Organisation code: new-style "MA…" bodies over the USCC alphabet, or old 8-digit ones.
        if rng.random() < 0.6:
            body = "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(6))
        else:
            body = f"{rng.randrange(10**7, 10**8)}"
        self.org_code = body + gb11714_check(body)
        uscc_body = prefix + prov_code + self.org_code
        self.uscc = uscc_body + gb32100_check(uscc_body)
        self.division = prov_code
        # Legal representative.
        self.rep_name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if rng.random() < 0.1:
            self.rep_name = "·".join(rng.sample(NAME_PARTS, 2))
        birth = random_date(rng, datetime.date(1950, 1, 1), datetime.date(1999, 12, 31))
        seq = f"{rng.randrange(1000):03d}"
        self.rep_addr = rng.choice(ID_ADDRESS_CODES)
        # Without another draw (the rest of the file stays as it was): the next
        # code of the list that was in force on the birth date.
        at = ID_ADDRESS_CODES.index(self.rep_addr)
        while not address_in_force(self.rep_addr, birth):
            at = (at + 1) % len(ID_ADDRESS_CODES)
            self.rep_addr = ID_ADDRESS_CODES[at]
        self.rep_birth = birth
        self.rep_seq = seq
        id_body = self.rep_addr + birth.strftime("%Y%m%d") + seq
        self.rep_id = id_body + gb11643_check(id_body)
        self.rep_sex = "1" if int(seq[2]) % 2 else "2"
        if rng.random() < 0.02:
            # A foreigner's permanent residence ID card: 9, the province, the
            # holder's nationality (numeric), then birth date and sequence.
            id_body = "9" + prov_code[:2] + rng.choice(NATIONALITIES) + birth.strftime("%Y%m%d") + seq
            self.rep_id = id_body + gb11643_check(id_body)
        # Capital in 万元.
        self.capital = rng.choice(["10", "50", "100", "200", "300", "500", "1000", "2000", "5000",
                                   "30.5", "88.88", "1200", "3", "10000"])
        self.founded = random_date(rng, datetime.date(1995, 1, 1), datetime.date(2023, 12, 31))
        self.approved = (random_date(rng, self.founded, datetime.date(2024, 12, 31))
                         if rng.random() < 0.85 else None)
        if prefix == "92" or prefix == "91":
            self.authority = f"{city}市市场监督管理局" if rng.random() < 0.7 else f"{prov_name}市场监督管理局"
        elif prefix in AUTHORITIES:
            self.authority = AUTHORITIES[prefix](prov_name, city)
        else:
            self.authority = f"{city}市市场监督管理局"
        self.scope = self.scope_text or SCOPES[self.section]
        self.address = f"{prov_name}{city}市{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        if prov_name.endswith("市"):
            districts = {"北京市": ["东城区", "朝阳区", "海淀区"], "上海市": ["黄浦区", "徐汇区", "浦东新区"],
                         "重庆市": ["渝中区", "江北区", "南岸区"]}[prov_name]
            self.address = f"{prov_name}{rng.choice(districts)}{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        self.status = rng.choice(STATUS_CODES)
        self.postcode = post + f"{rng.randrange(1000):03d}" if rng.random() < 0.8 else ""
        self.phone = f"{area}-{rng.randrange(2, 9)}{rng.randrange(10**6, 10**7)}" if rng.random() < 0.8 else ""
        self.email = f"contact{serial}@{rng.choice(['example.com', 'example.cn', 'mail.example.org'])}" if rng.random() < 0.6 else ""
        acct_body = "6228" + "".join(str(rng.randrange(10)) for _ in range(14))
        self.account = acct_body + luhn_check(acct_body) if rng.random() < 0.7 else ""

    def canonical_row(self, rng):
        """The row with every value already in canonical form (a clean row)."""
        row = [""] * len(HEADER)
        row[COL["统一代码"]] = self.uscc
        row[COL["组织机构代码"]] = self.org_code if rng.random() < 0.5 else ""
        row[COL["企业名称"]] = self.name
        row[COL["法人代表"]] = self.rep_name
        row[COL["法人代表身份证号"]] = self.rep_id
        row[COL["法人代表性别"]] = self.rep_sex if rng.random() < 0.6 else ""
        row[COL["注册资金"]] = self.capital
        row[COL["成立日期"]] = self.founded.strftime("%Y%m%d")
        row[COL["核准日期"]] = self.approved.strftime("%Y%m%d") if self.approved else ""
        row[COL["登记机关"]] = self.authority
        row[COL["经营范围"]] = self.scope if rng.random() < 0.9 else ""
        row[COL["住所"]] = self.address
        row[COL["行业门类"]] = self.section
        row[COL["经营状态"]] = self.status
        row[COL["邮政编码"]] = self.postcode
        row[COL["联系电话"]] = self.phone
        row[COL["电子邮箱"]] = self.email
        row[COL["开户账号"]] = self.account
        return row


# --------------------------------------------------------------------------
# Dirt that normalises (each returns a label, or None when not applicable).

def dirt_uscc_spaces(row, c, rng):
    u = c.uscc
    row[COL["统一代码"]] = rng.choice([f"{u[:4]} {u[4:8]} {u[8:12]} {u[12:16]} {u[16:]}",
                                     f"{u[:2]}-{u[2:8]}-{u[8:17]}-{u[17]}", f" {u} "])
    return "uscc_spaces_dashes"


def dirt_uscc_lower(row, c, rng):
    if not any(ch.isalpha() for ch in c.uscc):
        return None
    row[COL["统一代码"]] = c.uscc.lower()
    return "uscc_lower_case"


def dirt_uscc_fullwidth(row, c, rng):
    row[COL["统一代码"]] = fullwidth(c.uscc)
    return "uscc_fullwidth"


def dirt_org_dash(row, c, rng):
    row[COL["组织机构代码"]] = f"{c.org_code[:8]}-{c.org_code[8]}"
    return "org_code_dash"


def dirt_rep_id15(row, c, rng):
    if c.rep_id.startswith("9"):
        return None  # permanent residence cards only ever had 18 digits
    row[COL["法人代表身份证号"]] = c.rep_addr + c.rep_birth.strftime("%y%m%d") + c.rep_seq
    return "rep_id_15_digits"


def dirt_rep_id_lower_x(row, c, rng):
    if not c.rep_id.endswith("X"):
        return None
    row[COL["法人代表身份证号"]] = c.rep_id[:-1] + rng.choice(["x", "×"])
    return "rep_id_lower_x"


def dirt_rep_id_fullwidth(row, c, rng):
    row[COL["法人代表身份证号"]] = fullwidth(c.rep_id)
    return "rep_id_fullwidth"


def dirt_sex_word(row, c, rng):
    row[COL["法人代表性别"]] = rng.choice({"1": ["男", "男性", "M", "m"], "2": ["女", "女性", "F", "f"]}[c.rep_sex])
    return "sex_word"


def dirt_capital(row, c, rng):
    v = c.capital
    if rng.random() < 0.5 and "." not in v and len(v) >= 4:
        row[COL["注册资金"]] = f"{int(v):,}"
        return "capital_thousands_separator"
    if rng.random() < 0.3:
        row[COL["注册资金"]] = rng.choice([f"{v}万人民币", f"人民币{v}万元", f"(人民币){v}万", f"（人民币）{v}万"])
        return "capital_currency_word"
    row[COL["注册资金"]] = rng.choice([v + "万元", v + "万", fullwidth(v)])
    return "capital_unit_or_fullwidth"


def dirt_founded(row, c, rng):
    row[COL["成立日期"]], kind = date_dirty(c.founded, rng)
    return "founded_" + kind


def dirt_approved(row, c, rng):
    if not c.approved:
        return None
    row[COL["核准日期"]], kind = date_dirty(c.approved, rng)
    return "approved_" + kind


def dirt_section(row, c, rng):
    row[COL["行业门类"]] = rng.choice([c.section.lower(), SECTION_NAMES[c.section]])
    return "industry_lower_or_name"


def dirt_status_word(row, c, rng):
    row[COL["经营状态"]] = rng.choice(STATUS_WORDS[c.status])
    return "status_word"


def dirt_postcode(row, c, rng):
    if not c.postcode:
        return None
    if c.postcode.startswith("0"):
        row[COL["邮政编码"]] = c.postcode[1:]  # a spreadsheet took it for a number
        return "postcode_lost_leading_zero"
    row[COL["邮政编码"]] = fullwidth(c.postcode)
    return "postcode_fullwidth"


def dirt_phone(row, c, rng):
    if not c.phone:
        return None
    area, local = c.phone.split("-")
    if rng.random() < 0.4:
        row[COL["联系电话"]] = rng.choice([f"{area}{local}", f"{area}{local}-{rng.randrange(1, 999)}",
                                        f"{c.phone} 分机 {rng.randrange(1, 999)}",
                                        f"{c.phone}#{rng.randrange(1, 999)}",
                                        f"{c.phone} ext. {rng.randrange(1, 999)}"])
        return "phone_no_dash_or_extension"
    row[COL["联系电话"]] = rng.choice([f"({area}) {local}", f"{area} {local}", fullwidth(c.phone)])
    return "phone_format"


def dirt_email(row, c, rng):
    if not c.email:
        return None
    row[COL["电子邮箱"]] = c.email.replace("@", "＠")
    return "email_fullwidth_at"


def dirt_account(row, c, rng):
    a = row[COL["开户账号"]]  # may carry a deliberate Luhn failure; keep it
    if not a:
        return None
    row[COL["开户账号"]] = " ".join(a[i:i + 4] for i in range(0, len(a), 4))
    return "account_spaces"


def dirt_scope_newline(row, c, rng):
    if "。一般项目" not in c.scope:
        return None
    row[COL["经营范围"]] = c.scope.replace("。一般项目", "。\r\n一般项目")
    return "scope_line_break"


def dirt_address_fullwidth(row, c, rng):
    row[COL["住所"]] = fullwidth(c.address)
    return "address_fullwidth_digits"


def dirt_rep_name_separator(row, c, rng):
    if "·" not in c.rep_name:
        return None
    row[COL["法人代表"]] = c.rep_name.replace("·", rng.choice([".", "•", "・", "．", "∙"]))
    return "rep_name_separator"


def dirt_name_spaces(row, c, rng):
    row[COL["企业名称"]] = " " + c.name + "  "
    row[COL["法人代表"]] = "\u3000" + c.rep_name
    return "name_padding"


DIRT = [dirt_uscc_spaces, dirt_uscc_lower, dirt_uscc_fullwidth, dirt_org_dash, dirt_rep_id15,
        dirt_rep_id_lower_x, dirt_rep_id_fullwidth, dirt_sex_word, dirt_capital, dirt_founded,
        dirt_approved, dirt_section, dirt_status_word, dirt_postcode, dirt_phone, dirt_email,
        dirt_account, dirt_scope_newline, dirt_address_fullwidth, dirt_name_spaces,
        dirt_rep_name_separator]


# --------------------------------------------------------------------------
# Defects that validation must reject (exactly one per invalid row).

def bad_uscc_check(row, c, rng):
    wrong = rng.choice([ch for ch in USCC_ALPHABET if ch != c.uscc[-1]])
    row[COL["统一代码"]] = c.uscc[:-1] + wrong
    row[COL["组织机构代码"]] = ""
    return "uscc_check_character", "CHECKSUM_MISMATCH"


def bad_uscc_letter(row, c, rng):
    row[COL["统一代码"]] = c.uscc[:-1] + rng.choice("IOZSV")
    row[COL["组织机构代码"]] = ""
    return "uscc_forbidden_letter", "FORMAT_MISMATCH"


def bad_founded_date(row, c, rng):
    y = c.founded.year
    bad = rng.choice([f"{y}0230", f"{y}0431", f"{y}1301", f"{y}0931"])
    row[COL["成立日期"]] = bad
    row[COL["核准日期"]] = ""
    return "impossible_date", "INVALID_DATE"


def bad_rep_id_check(row, c, rng):
    wrong = rng.choice([ch for ch in "0123456789X" if ch != c.rep_id[-1]])
    row[COL["法人代表身份证号"]] = c.rep_id[:-1] + wrong
    row[COL["法人代表性别"]] = ""
    return "rep_id_check_character", "CHECKSUM_MISMATCH"


def bad_rep_id_address(row, c, rng):
    """An identity number whose address code came into force after the birth date."""
    later = [code for code in ID_ADDRESS_CODES
             if ADDRESS_PERIODS[code][0][0] > GB2260_EARLIEST]
    code = rng.choice(later)
    start = ADDRESS_PERIODS[code][0][0]
    birth = random_date(rng, GB2260_EARLIEST, start - datetime.timedelta(days=1))
    body = code + birth.strftime("%Y%m%d") + c.rep_seq
    row[COL["法人代表身份证号"]] = body + gb11643_check(body)
    return "rep_id_address_not_in_force_at_birth", "CODE_NOT_EFFECTIVE"


def bad_service_number(row, c, rng):
    row[COL["联系电话"]] = rng.choice(["400-" + f"{rng.randrange(100, 1000)}-{rng.randrange(1000, 10000)}",
                                    "95" + f"{rng.randrange(100, 1000)}"])
    return "service_number_as_landline", "PATTERN_MISMATCH"


def bad_date_order(row, c, rng):
    approved = c.founded - datetime.timedelta(days=rng.randrange(1, 400))
    row[COL["核准日期"]] = approved.strftime("%Y%m%d")
    return "approved_before_founded", "CROSS_FIELD_MISMATCH"


def bad_org_code(row, c, rng):
    body = f"{rng.randrange(10**7, 10**8)}"
    other = body + gb11714_check(body)
    if other == c.org_code:
        return None
    row[COL["组织机构代码"]] = other
    return "org_code_not_in_uscc", "CROSS_FIELD_MISMATCH"


def bad_sex(row, c, rng):
    row[COL["法人代表性别"]] = {"1": "女", "2": "男"}[c.rep_sex]
    return "sex_contradicts_id", "CROSS_FIELD_MISMATCH"


def bad_status(row, c, rng):
    row[COL["经营状态"]] = rng.choice(["8", "破产"])
    return "unknown_status", "CODE_NOT_IN_LIST or CHARSET_VIOLATION"


def bad_missing_name(row, c, rng):
    row[COL["企业名称"]] = ""
    return "missing_name", "REQUIRED_MISSING"


def bad_capital(row, c, rng):
    row[COL["注册资金"]] = rng.choice(["壹佰万", "待定", "0.0000001"])
    return "capital_not_a_number", "TYPE_MISMATCH or SCALE_EXCEEDED"


def bad_section(row, c, rng):
    row[COL["行业门类"]] = "Z"
    return "unknown_industry_section", "CODE_NOT_IN_LIST"


DEFECTS = [bad_uscc_check, bad_uscc_letter, bad_founded_date, bad_rep_id_check, bad_date_order,
           bad_org_code, bad_sex, bad_status, bad_missing_name, bad_capital, bad_section,
           bad_rep_id_address, bad_service_number]


# --------------------------------------------------------------------------

def csv_line(fields):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(fields)
    return buf.getvalue()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=2400, help="data rows to write (default 2400, at least 100)")
    ap.add_argument("--out-dir", default=here)
    args = ap.parse_args()
    if args.rows < 100:
        ap.error("--rows must be at least 100")
    rng = random.Random(SEED)

    n_malformed_cols = 3
    n_bad_encoding = 1
    n_unterminated = 1
    n_malformed = n_malformed_cols + n_bad_encoding + n_unterminated
    n_invalid = max(len(DEFECTS), args.rows * 6 // 100)
    n_dirty = args.rows * 35 // 100
    n_clean = args.rows - n_malformed - n_invalid - n_dirty

    plan = ["clean"] * n_clean + ["dirty"] * n_dirty + ["invalid"] * n_invalid + \
           ["bad_columns"] * n_malformed_cols + ["bad_encoding"] * n_bad_encoding
    rng.shuffle(plan)
    plan.append("unterminated_quote")  # always the very last row

    counts = collections.Counter()
    dirt_counts = collections.Counter()
    defect_counts = collections.Counter()
    expected_issue = {}
    warnings = 0
    lines = [csv_line(HEADER).encode("gb18030")]
    for serial, kind in enumerate(plan, start=1):
        c = Company(rng, serial)
        row = c.canonical_row(rng)
        if kind in ("clean", "dirty", "invalid") and row[COL["开户账号"]] and rng.random() < 0.05:
            # Corporate settlement accounts often fail Luhn: a WARNING, the row stays valid.
            acct = row[COL["开户账号"]]
            row[COL["开户账号"]] = acct[:-1] + str((int(acct[-1]) + 1) % 10)
            if kind != "invalid":
                warnings += 1
        if kind == "dirty":
            applied = []
            for fn in rng.sample(DIRT, k=rng.choice([1, 2, 2, 3, 4])):
                label = fn(row, c, rng)
                if label:
                    applied.append(label)
            if not applied:
                applied.append(dirt_founded(row, c, rng))
            dirt_counts.update(applied)
        elif kind == "invalid":
            if rng.random() < 0.3:  # an invalid row may carry harmless dirt as well
                dirt_status_word(row, c, rng)
            fn = DEFECTS[sum(defect_counts.values()) % len(DEFECTS)]  # round-robin over the defects
            result = fn(row, c, rng) or bad_uscc_check(row, c, rng)
            label, issue = result
            defect_counts[label] += 1
            expected_issue[label] = issue
        elif kind == "bad_columns":
            variant = counts["bad_columns"] % 3
            if variant == 0:
                row = row[:-1]                       # one column missing
            elif variant == 1:
                row = row + ["多余列"]               # one column too many
            else:
                row = row[:7]                        # truncated export line
        counts[kind] += 1

        if kind == "bad_encoding":
            text = csv_line(row)
            name = row[COL["企业名称"]]
            head, tail = text.split(name, 1)
            # 0xFF can never start a GB18030 sequence.
            raw = head.encode("gb18030") + name[:2].encode("gb18030") + b"\xff" + \
                name[2:].encode("gb18030") + tail.encode("gb18030")
            lines.append(raw)
        elif kind == "unterminated_quote":
            row[COL["经营范围"]] = '"一般项目：技术服务；软件开发'  # opening quote, never closed
            text = ",".join(row) + "\r\n"
            lines.append(text.encode("gb18030"))
        else:
            lines.append(csv_line(row).encode("gb18030"))

    csv_path = os.path.join(args.out_dir, "legacy_legal_persons.csv")
    data = b"".join(lines)
    with open(csv_path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(csv_path + ".tmp", csv_path)

    n_total = len(plan)
    summary = {
        "file": "legacy_legal_persons.csv",
        "generator": "generate_legacy_legal_persons.py",
        "seed": SEED,
        "encoding": "GB18030",
        "line_terminator": "CRLF (RFC 4180); some quoted 经营范围 values contain an embedded CRLF",
        "schema": "LEGAL_PERSON_BASIC",
        "columns": HEADER,
        "rows_total": n_total,
        "physical_lines_including_header": data.count(b"\n"),
        "categories": {
            "clean": counts["clean"],
            "dirty_normalisable": counts["dirty"],
            "invalid": counts["invalid"],
            "malformed": counts["bad_columns"] + counts["bad_encoding"] + counts["unterminated_quote"],
        },
        "malformed_breakdown": {
            "wrong_column_count": counts["bad_columns"],
            "invalid_byte_sequence": counts["bad_encoding"],
            "unterminated_quote_last_row": counts["unterminated_quote"],
        },
        "expected_malformed_issue_codes": {
            "wrong_column_count": "MALFORMED_ROW",
            "invalid_byte_sequence": "INVALID_ENCODING",
            "unterminated_quote_last_row": "MALFORMED_ROW",
        },
        "invalid_breakdown": dict(sorted(defect_counts.items())),
        "expected_invalid_issue_codes": dict(sorted(expected_issue.items())),
        "dirty_breakdown": dict(sorted(dirt_counts.items())),
        "valid_rows_with_luhn_warning": warnings,
        "expected_report": {
            "rows_in": n_total,
            "rows_clean": counts["clean"] + counts["dirty"],
            "rows_with_warnings": warnings,
            "rows_rejected": counts["invalid"] + counts["bad_columns"] + counts["bad_encoding"] + counts["unterminated_quote"],
        },
        "notes": [
            "clean: canonical values, valid against the shipped catalog without any normaliser changing a value "
            "(empty optional columns are filled by derivation, which is not a normaliser).",
            "dirty_normalisable: at least one value is changed by a normaliser; the row is then valid.",
            "invalid: exactly one deliberate defect (see invalid_breakdown); rejected with the listed issue code.",
            "malformed: rejected by the CSV reader. The unterminated quote is in the last row, so it runs to end of "
            "file and swallows nothing else.",
            "USCC division codes are province-level (e.g. 330000); xzqhdm is derived from them and checked against "
            "the county-level GB_T_2260 list of catalog/.",
            "The address codes of legal representatives' identity numbers were in force on their birth dates "
            "(FDDBRZJHM address_codes); rep_id_address_not_in_force_at_birth plants numbers whose code came later.",
            "valid_rows_with_luhn_warning counts clean or dirty rows whose bank account fails Luhn (a WARNING).",
            "Clean rows include organisations of the newer GB 32100 authorities and types (G1, J1, Q1, Q2, 54, 55) and "
            "legal representatives holding a foreigner's permanent residence ID card (9 + province + nationality).",
            "Dirty rows include spreadsheet dates (Excel serials, 2015/3/8 0:00), postal codes without their leading "
            "zero, landlines without a dash or with 分机/ext/# extensions, capital written 567万人民币 or (人民币)567万, "
            "and ASCII or look-alike dots between the parts of a name.",
        ],
    }
    with open(os.path.join(args.out_dir, "expected_legacy_summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {csv_path}: {n_total} rows", json.dumps(summary["categories"], ensure_ascii=False))


if __name__ == "__main__":
    main()
