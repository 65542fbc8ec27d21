// Listing (SPEC §4: filters, page_size / page_token) and diff.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/compatibility.h"
#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/internal/store_resolver.h"
#include "registry/registry.h"

namespace shuyuan::registry {

using registry_internal::Family;

namespace {

constexpr uint32_t kDefaultPage = 100;

// Page tokens are the last key returned, web-safe base64: opaque to
// clients, and stable while items are added (keys only ever sort after or
// before it, never move).
std::string EncodePageToken(absl::string_view key) {
  return absl::WebSafeBase64Escape(key);
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view prefix) {
  std::string key;
  if (!absl::WebSafeBase64Unescape(token, &key) ||
      key.substr(0, prefix.size()) != prefix) {
    return absl::InvalidArgumentError(
        "page_token: not a token of this listing; pass next_page_token "
        "unchanged, with the same kind and filters");
  }
  // The first key after it.
  key.push_back('\0');
  return key;
}

// Loads pinned versions for Diff from the store.
class StoreVersionLoader : public VersionLoader {
 public:
  explicit StoreVersionLoader(const Registry* registry) : registry_(registry) {}
  absl::StatusOr<v1::DataElement> LoadElement(
      absl::string_view ref) const override {
    SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument d,
                             registry_->Resolve(v1::DATA_ELEMENT, ref));
    return std::move(*d.mutable_data_element());
  }
  absl::StatusOr<v1::CodeList> LoadCodeList(
      absl::string_view ref) const override {
    SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument d,
                             registry_->Resolve(v1::CODE_LIST, ref));
    return std::move(*d.mutable_code_list());
  }

 private:
  const Registry* registry_;
};

}  // namespace

absl::StatusOr<v1::ListItemsResponse> Registry::List(
    const v1::ListItemsRequest& request) const {
  const v1::ItemKind kind = request.kind();
  if (kind == v1::ITEM_KIND_UNSPECIFIED || !v1::ItemKind_IsValid(kind)) {
    return absl::InvalidArgumentError(
        "kind: say which kind of item to list (DATA_ELEMENT, CODE_LIST, "
        "RECORD_SCHEMA, TERM or CODING_RULE)");
  }
  uint32_t limit =
      request.page_size() == 0 ? kDefaultPage : request.page_size();
  limit = std::min(limit, impl_->options().max_page_size);
  const v1::RegistrationStatus status = request.status();
  // Latest versions walk the heads (one per id); all versions the items.
  const Family family =
      request.all_versions() ? Family::kItems : Family::kIndex;
  const std::string prefix =
      request.all_versions()
          ? registry_internal::ItemKindPrefix(kind) + request.id_prefix()
          : registry_internal::HeadKey(kind, request.id_prefix());
  std::string start;
  if (!request.page_token().empty()) {
    SHUYUAN_ASSIGN_OR_RETURN(start,
                             DecodePageToken(request.page_token(), prefix));
  }
  v1::ListItemsResponse response;
  absl::Status error;
  std::string last_key;
  bool more = false;
  SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
      family, prefix, start,
      [&](absl::string_view key, absl::string_view value) {
        if (static_cast<uint32_t>(response.items_size()) >= limit) {
          more = true;
          return false;
        }
        last_key = std::string(key);
        std::optional<v1::DefinitionDocument> document;
        if (request.all_versions()) {
          v1::DefinitionDocument d;
          if (!d.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            error = absl::DataLossError("the store holds a corrupt item");
            return false;
          }
          document = std::move(d);
        } else {
          // The highest version of the id (with the status asked for).
          absl::StatusOr<std::vector<v1::DefinitionDocument>> versions =
              impl_->ReadVersions(kind, key.substr(2));
          if (!versions.ok()) {
            error = versions.status();
            return false;
          }
          for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
            if (status == v1::REGISTRATION_STATUS_UNSPECIFIED ||
                registry_internal::VersionInfoOf(*it).registration_status() ==
                    status) {
              document = std::move(*it);
              break;
            }
          }
          if (!document.has_value()) return true;
        }
        if (status == v1::REGISTRATION_STATUS_UNSPECIFIED ||
            registry_internal::VersionInfoOf(*document).registration_status() ==
                status) {
          *response.add_items() = registry_internal::Summarize(*document);
        }
        return true;
      }));
  SHUYUAN_RETURN_IF_ERROR(error);
  if (more) response.set_next_page_token(EncodePageToken(last_key));
  return response;
}

absl::StatusOr<v1::DiffResponse> Registry::Diff(
    const v1::DiffRequest& request) const {
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument a,
                           Resolve(request.kind(), request.ref_a()));
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument b,
                           Resolve(request.kind(), request.ref_b()));
  StoreVersionLoader loader(this);
  SHUYUAN_ASSIGN_OR_RETURN(Classification classified,
                           registry::Classify(a, b, loader));
  v1::DiffResponse response;
  response.set_ref_a(
      codec::PinnedRef(registry_internal::IdOf(a),
                       registry_internal::VersionInfoOf(a).version()));
  response.set_ref_b(
      codec::PinnedRef(registry_internal::IdOf(b),
                       registry_internal::VersionInfoOf(b).version()));
  response.set_compatibility(classified.verdict);
  for (v1::Change& change : classified.changes) {
    *response.add_changes() = std::move(change);
  }
  return response;
}

}  // namespace shuyuan::registry
