#include "codec/definition_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/internal/yaml_to_json.h"
#include "google/protobuf/util/json_util.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

// Reads a whole regular file. Errors name the path.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat(path, ": no such file or directory"));
    }
    return absl::ErrnoToStatus(error, absl::StrCat(path, ": cannot open"));
  }
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return absl::ErrnoToStatus(error, absl::StrCat(path, ": cannot stat"));
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": is a directory, not a definition file"));
  }
  std::string contents;
  if (S_ISREG(info.st_mode)) contents.reserve(info.st_size);
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n == 0) break;
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      ::close(fd);
      return absl::ErrnoToStatus(error, absl::StrCat(path, ": cannot read"));
    }
    contents.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return contents;
}

const codec_internal::YamlToJsonOptions& DefinitionOptions() {
  static const auto* const options = [] {
    auto* o = new codec_internal::YamlToJsonOptions;
    o->required_oneof = "item";
    o->refused_fields.emplace(
        "version_info",
        "a version is never written in a definition file: the registry "
        "assigns it (SPEC §2.1)");
    return o;
  }();
  return *options;
}

}  // namespace

absl::StatusOr<std::vector<LoadedDocument>> ParseDefinitionText(
    absl::string_view text, absl::string_view file_name) {
  std::vector<LoadedDocument> documents;
  google::protobuf::util::JsonParseOptions json_options;
  json_options.ignore_unknown_fields = false;
  absl::Status status = codec_internal::ConvertYamlToJson(
      text, file_name, *v1::DefinitionDocument::descriptor(),
      DefinitionOptions(),
      [&](codec_internal::JsonDocument converted) -> absl::Status {
        LoadedDocument loaded;
        loaded.location.file = std::string(file_name);
        loaded.location.line = converted.line;
        loaded.location.field_lines =
            std::make_shared<const absl::flat_hash_map<std::string, int>>(
                std::make_move_iterator(converted.field_lines.begin()),
                std::make_move_iterator(converted.field_lines.end()));
        const auto parsed = google::protobuf::util::JsonStringToMessage(
            converted.json, &loaded.document, json_options);
        if (!parsed.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat(file_name, ":", converted.line, ": ",
                           absl::string_view(parsed.message().data(),
                                             parsed.message().size())));
        }
        documents.push_back(std::move(loaded));
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return documents;
}

absl::StatusOr<std::vector<LoadedDocument>> LoadDefinitionFile(
    const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseDefinitionText(*text, path);
}

absl::StatusOr<v1::Bundle> LoadBundleFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  v1::Bundle bundle;
  if (!bundle.ParseFromString(*bytes)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a bundle (a serialized shuyuan.v1.Bundle)"));
  }
  return bundle;
}

int SourceLocation::LineOf(absl::string_view path) const {
  if (field_lines == nullptr || path.empty()) return line;
  std::string at(path);
  while (!at.empty()) {
    auto it = field_lines->find(at);
    if (it != field_lines->end()) return it->second;
    // A field below `at` ("normalize[3]" → "normalize[3].date").
    int first = 0;
    for (const auto& [key, key_line] : *field_lines) {
      if (key.size() > at.size() && absl::StartsWith(key, at) &&
          (key[at.size()] == '.' || key[at.size()] == '[') &&
          (first == 0 || key_line < first)) {
        first = key_line;
      }
    }
    if (first != 0) return first;
    // Else the enclosing field.
    const size_t cut = at.find_last_of(".[");
    if (cut == std::string::npos) break;
    at.resize(cut);
  }
  return line;
}

}  // namespace shuyuan::codec
