#include "datagen/divisions.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace shuyuan::datagen {

bool IsMainlandProvince(std::string_view code) {
  if (code.size() < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' ||
      code[1] > '9') {
    return false;
  }
  const int p = (code[0] - '0') * 10 + (code[1] - '0');
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65);
}

namespace {

bool IsCounty(std::string_view code) {
  return code.size() == 6 && code.substr(4) != "00";
}

bool IsProvince(std::string_view code) {
  return code.size() == 6 && code.substr(2) == "0000";
}

// The name and the aliases of an entry.
std::vector<const std::string*> NamesOf(const CodeEntry& e) {
  std::vector<const std::string*> names = {&e.name};
  for (const std::string& alias : e.aliases) names.push_back(&alias);
  return names;
}

int32_t DayBefore(int32_t key) {
  return CivilDate::FromDays(CivilDate::FromKey(key).Days() - 1).Key();
}

}  // namespace

absl::StatusOr<Divisions> Divisions::Build(const CodeList& gb2260,
                                           CivilDate as_of) {
  Divisions d;
  d.as_of_ = as_of.Key();
  d.earliest_ = INT32_MAX;
  for (const CodeEntry& e : gb2260.entries) {
    d.by_code_[e.code].push_back(&e);
    if (e.valid_from != 0) d.earliest_ = std::min(d.earliest_, e.valid_from);
  }
  // Names and aliases → the distinct codes in force that carry them.
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> names;
  for (const CodeEntry& e : gb2260.entries) {
    if (!e.InForce(d.as_of_)) continue;
    for (const std::string* name : NamesOf(e)) names[*name].insert(e.code);
  }
  // In list order (not the hash maps'), so that a seed gives the same rows
  // in every process.
  absl::flat_hash_set<std::string> shared;
  for (const CodeEntry& e : gb2260.entries) {
    if (!e.InForce(d.as_of_)) continue;
    for (const std::string* name : NamesOf(e)) {
      const absl::flat_hash_set<std::string>& codes = names[*name];
      if (codes.size() == 1) {
        std::vector<std::string>& unique = d.unique_names_[e.code];
        if (std::find(unique.begin(), unique.end(), *name) == unique.end()) {
          unique.push_back(*name);
        }
      } else if (IsCounty(e.code) && shared.insert(*name).second) {
        d.shared_names_.push_back(*name);
      }
    }
  }
  for (const CodeEntry& e : gb2260.entries) {
    if (!IsMainlandProvince(e.code)) continue;
    if (IsProvince(e.code) && e.InForce(d.as_of_)) d.provinces_.push_back(&e);
    if (!IsCounty(e.code)) continue;
    d.all_counties_.push_back(&e);
    if (e.InForce(d.as_of_)) d.current_counties_.push_back(&e);
    if (!d.InForce(e.code, d.as_of_) && e.valid_to != 0) {
      d.former_counties_.push_back(&e);
    }
    if (e.valid_from > d.earliest_ && e.valid_from <= d.as_of_ &&
        !d.InForce(e.code, DayBefore(e.valid_from))) {
      d.late_counties_.push_back(&e);
    }
  }
  if (d.current_counties_.empty() || d.former_counties_.empty() ||
      d.late_counties_.empty() || d.shared_names_.empty() ||
      d.provinces_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "code list ", gb2260.id, " on ", d.as_of_,
        " lacks current, former or later county codes, province codes or "
        "shared names; the generator needs all of them"));
  }
  return d;
}

bool Divisions::InForce(std::string_view code, int32_t day) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const CodeEntry* e) { return e->InForce(day); });
}

std::string_view Divisions::NameOn(std::string_view code, int32_t day) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return {};
  for (const CodeEntry* e : it->second) {
    if (e->InForce(day)) return e->name;
  }
  return it->second.back()->name;
}

std::string_view Divisions::AnyUniqueName(std::string_view code,
                                          Rng& rng) const {
  auto it = unique_names_.find(code);
  if (it == unique_names_.end()) return {};
  return it->second[rng.Below(it->second.size())];
}

void Divisions::AppendFullName(std::string_view code, int32_t day,
                               std::string* out) const {
  const std::string province = std::string(code.substr(0, 2)) + "0000";
  const std::string prefecture = std::string(code.substr(0, 4)) + "00";
  out->append(NameOn(province, day));
  if (prefecture != province && prefecture != code) {
    out->append(NameOn(prefecture, day));
  }
  if (code != province) out->append(NameOn(code, day));
}

std::string Divisions::UnlistedCode(Rng& rng) const {
  while (true) {
    const CodeEntry& province = AnyProvince(rng);
    std::string code = province.code.substr(0, 2);
    for (int i = 0; i < 4; ++i) code.push_back('0' + rng.Below(10));
    if (IsCounty(code) && !Listed(code)) return code;
  }
}

}  // namespace shuyuan::datagen
