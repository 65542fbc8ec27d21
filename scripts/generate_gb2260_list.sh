#!/usr/bin/env bash
# Writes catalog/code_lists/GB_T_2260.yaml, the county-level GB/T 2260 list
# with its 1981-2024 history, to standard output: the rows of
# SHARED_DATA_DIR/gb2260/history.tsv (CC0, see its SOURCE.md) through
# scripts/codelist_tsv_to_yaml.py, with the curated province attributes of
# catalog/sources/GB_T_2260.provinces.tsv laid over them.
#
# The history starts with the 1981 table, but the codes start with the first
# edition of the standard, GB 2260-80: codes already listed in 1981 are taken
# to be in force from 1980-01-01 (--oldest-from). A birth date before that is
# checked for membership only (address_codes, SPEC §2.5).
#
#   scripts/generate_gb2260_list.sh ../shared/data > catalog/code_lists/GB_T_2260.yaml
#
# `make catalog-gb2260` runs exactly this; tests/generated_lists_test.cc runs it
# too and checks that the checked-in file is identical.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 SHARED_DATA_DIR > GB_T_2260.yaml" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
exec python3 "$root/scripts/codelist_tsv_to_yaml.py" \
  --id GB_T_2260 \
  --name-zh 中华人民共和国行政区划代码 \
  --name-en "Codes for the administrative divisions of the People's Republic of China" \
  --standard "GB/T 2260-2007；民政部《中华人民共和国县以上行政区划代码》（1981–2024 年）" \
  --remarks "县级及以上行政区划代码 1981–2024 年的全部历史：每个条目是一个代码保持同一名称的连续年份，代码改名或弃用后重新启用时有多个条目。\
由 scripts/generate_gb2260_list.sh（scripts/codelist_tsv_to_yaml.py）从 yescallop/areacodes 的整理结果生成，\
该数据以民政部历年代码表、变更公告、国务院公报为来源并经校勘，按 CC0 1.0 发布（见 catalog/README.md）。\
民政部公布的是每年 12 月 31 日的状态，故 valid_from 取首次列入年份的 1 月 1 日，valid_to 取最后列入年份的 12 月 31 日，都是年度近似；\
1981 年表（最早一年）已有的代码按第一版 GB 2260-80 自 1980-01-01 起有效；\
仍列于 2024 年表的代码无截止日期，2025 年起的变更未收录。不含“市辖区”“县”等汇总代码（如 110100）。\
省级条目的英文名、简称别名及海南、重庆、香港、澳门的设立日期取自 catalog/sources/GB_T_2260.provinces.tsv。" \
  --comment "GB/T 2260 county-level division codes, 1981-2024, with effective dates." \
  --comment "Source: ../shared/data/gb2260/history.tsv, converted from" \
  --comment "https://github.com/yescallop/areacodes (commit eed219a0678d36bacaa717f62443b10e869f0291)," \
  --comment "CC0 1.0 Universal. Regenerate with: make catalog-gb2260" \
  --oldest-from 1980-01-01 \
  --overlay "$root/catalog/sources/GB_T_2260.provinces.tsv" \
  "$1/gb2260/history.tsv"
