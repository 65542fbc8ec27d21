#include "datagen/code_tables.h"

#include <algorithm>
#include <exception>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "datagen/civil_date.h"
#include "yaml-cpp/yaml.h"

namespace shuyuan::datagen {

bool CodeList::HasCode(std::string_view code) const {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const CodeEntry& e) { return e.code == code; });
}

bool CodeList::InForce(std::string_view code, int32_t day) const {
  return std::any_of(entries.begin(), entries.end(), [&](const CodeEntry& e) {
    return e.code == code && e.InForce(day);
  });
}

std::vector<const CodeEntry*> CodeList::InForceOn(int32_t day) const {
  std::vector<const CodeEntry*> out;
  for (const CodeEntry& e : entries) {
    if (e.InForce(day)) out.push_back(&e);
  }
  return out;
}

namespace {

// A date field of an entry ("YYYY-MM-DD") as a key; 0 when absent.
absl::StatusOr<int32_t> DateField(const YAML::Node& entry, const char* key) {
  const YAML::Node node = entry[key];
  if (!node) return 0;
  absl::StatusOr<CivilDate> date = ParseIsoDate(node.as<std::string>());
  if (!date.ok()) return date.status();
  return date->Key();
}

absl::StatusOr<CodeList> ReadList(const YAML::Node& doc,
                                  const std::string& where) {
  CodeList list;
  list.id = doc["id"].as<std::string>();
  for (const YAML::Node& node : doc["entries"]) {
    CodeEntry& entry = list.entries.emplace_back();
    entry.code = node["code"].as<std::string>();
    entry.name = node["name_zh"].as<std::string>("");
    if (const YAML::Node aliases = node["aliases"]) {
      for (const YAML::Node& alias : aliases) {
        entry.aliases.push_back(alias.as<std::string>());
      }
    }
    absl::StatusOr<int32_t> from = DateField(node, "valid_from");
    absl::StatusOr<int32_t> to = DateField(node, "valid_to");
    if (!from.ok() || !to.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": code list ", list.id, ", code ", entry.code, ": ",
          (!from.ok() ? from.status() : to.status()).message()));
    }
    entry.valid_from = *from;
    entry.valid_to = *to;
  }
  return list;
}

}  // namespace

absl::StatusOr<CodeTables> CodeTables::Load(const std::string& catalog_dir) {
  namespace fs = std::filesystem;
  CodeTables tables;
  tables.folder_ = catalog_dir + "/code_lists";
  std::error_code error;
  if (!fs::is_directory(tables.folder_, error)) {
    return absl::NotFoundError(absl::StrCat(
        "code lists folder '", tables.folder_,
        "' does not exist (pass the catalog folder with --catalog)"));
  }
  std::vector<std::string> files;
  for (const fs::directory_entry& file :
       fs::recursive_directory_iterator(tables.folder_, error)) {
    if (file.path().extension() == ".yaml") files.push_back(file.path());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    try {
      for (const YAML::Node& doc : YAML::LoadAllFromFile(file)) {
        if (!doc["code_list"]) continue;
        absl::StatusOr<CodeList> list = ReadList(doc["code_list"], file);
        if (!list.ok()) return list.status();
        tables.lists_[list->id] = *std::move(list);
      }
    } catch (const std::exception& e) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ": not a readable code list: ", e.what()));
    }
  }
  return tables;
}

absl::StatusOr<const CodeList*> CodeTables::Find(std::string_view id) const {
  auto it = lists_.find(id);
  if (it == lists_.end()) {
    return absl::NotFoundError(absl::StrCat("code list ", std::string(id),
                                            " is not defined in ", folder_));
  }
  return &it->second;
}

}  // namespace shuyuan::datagen
