#include "codec/internal/json_line_simd.h"

#include "simdjson.h"

namespace shuyuan::codec_internal {
namespace {

namespace od = simdjson::ondemand;

// One member's value as ParseFlatJsonObject gives it; false for what it
// would not accept (nesting) or simdjson cannot read.
bool ReadValue(simdjson::simdjson_result<od::value> value, std::string* out) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case od::json_type::string: {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) return false;
      out->assign(text.data(), text.size());
      return true;
    }
    case od::json_type::number: {
      od::number number;  // validates the literal
      if (value.get_number().get(number) != simdjson::SUCCESS) return false;
      std::string_view raw;
      if (value.raw_json_token().get(raw) != simdjson::SUCCESS) return false;
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' ||
                              raw.back() == '\r' || raw.back() == '\n')) {
        raw.remove_suffix(1);
      }
      out->assign(raw.data(), raw.size());
      return true;
    }
    case od::json_type::boolean: {
      bool flag;
      if (value.get_bool().get(flag) != simdjson::SUCCESS) return false;
      out->assign(flag ? "true" : "false");
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      out->clear();
      return value.is_null().get(is_null) == simdjson::SUCCESS && is_null;
    }
    default:
      return false;  // an object or array: not flat
  }
}

bool HasDuplicate(const std::vector<std::string>& keys, size_t n) {
  for (size_t i = 1; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (keys[i] == keys[j]) return true;
    }
  }
  return false;
}

}  // namespace

bool ParseFlatJsonObjectSimd(absl::string_view line,
                             std::vector<std::string>* keys,
                             std::vector<std::string>* values) {
  if (line.size() > kMaxSimdLineBytes) return false;
  thread_local od::parser parser;
  thread_local std::string padded;
  padded.assign(line.data(), line.size());
  padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
  od::document document;
  od::object object;
  if (parser.iterate(padded.data(), line.size(), padded.size()).get(document) !=
          simdjson::SUCCESS ||
      document.get_object().get(object) != simdjson::SUCCESS) {
    return false;
  }
  size_t n = 0;
  for (auto member : object) {
    std::string_view key;
    if (member.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    if (keys->size() <= n) keys->resize(n + 1);
    if (values->size() <= n) values->resize(n + 1);
    (*keys)[n].assign(key.data(), key.size());
    if (!ReadValue(member.value(), &(*values)[n])) return false;
    ++n;
  }
  // Only white space may follow the object: the document then has no
  // location left.
  const char* rest = nullptr;
  if (document.current_location().get(rest) == simdjson::SUCCESS) {
    return false;
  }
  keys->resize(n);
  values->resize(n);
  return !HasDuplicate(*keys, n);
}

}  // namespace shuyuan::codec_internal
