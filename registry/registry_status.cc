// Registration status (SPEC §2.8) and compatibility policy.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/registry.h"

namespace shuyuan::registry {

using registry_internal::Family;
using registry_internal::StoreBatch;

namespace {

bool IsCurrentStandard(v1::RegistrationStatus status) {
  return status == v1::STANDARD || status == v1::PREFERRED_STANDARD;
}

std::string RefOf(const v1::DefinitionDocument& d) {
  return codec::PinnedRef(registry_internal::IdOf(d),
                          registry_internal::VersionInfoOf(d).version());
}

// SPEC §2.8: forward along the lifecycle, or to RETIRED from anywhere.
absl::Status CheckMove(const v1::DefinitionDocument& d,
                       v1::RegistrationStatus from, v1::RegistrationStatus to) {
  if (to == from) {
    return absl::FailedPreconditionError(absl::StrCat(
        registry_internal::KindWords(registry_internal::KindOf(d)), " ",
        RefOf(d), " is already ", v1::RegistrationStatus_Name(to)));
  }
  if (to == v1::RETIRED || to > from) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      registry_internal::KindWords(registry_internal::KindOf(d)), " ", RefOf(d),
      ": ", v1::RegistrationStatus_Name(from), " → ",
      v1::RegistrationStatus_Name(to),
      " goes backwards; statuses move forward (INCOMPLETE, CANDIDATE, "
      "RECORDED, QUALIFIED, STANDARD, PREFERRED_STANDARD, SUPERSEDED) or to "
      "RETIRED; register a new version instead"));
}

}  // namespace

// One SetStatus call.
class StatusMove {
 public:
  StatusMove(Registry::Impl* impl, const v1::SetStatusRequest& request,
             const Actor& actor)
      : impl_(impl), request_(request), actor_(actor) {}

  absl::StatusOr<v1::SetStatusResponse> Run();

 private:
  void Move(v1::DefinitionDocument document, v1::RegistrationStatus to);
  absl::Status CheckNoRetiredPins(const v1::DefinitionDocument& schema);
  absl::Status SupersedeOthers(const v1::DefinitionDocument& promoted);
  absl::Status FindPinningSchemas(const v1::DefinitionDocument& retired);
  absl::StatusOr<std::vector<v1::DefinitionDocument>> Pinners(
      v1::ItemKind kind, const std::string& id, uint32_t version) const;

  Registry::Impl* const impl_;
  const v1::SetStatusRequest& request_;
  const Actor& actor_;
  StoreBatch batch_;
  v1::SetStatusResponse response_;
};

absl::StatusOr<v1::SetStatusResponse> StatusMove::Run() {
  if (absl::StripAsciiWhitespace(request_.reason()).empty()) {
    return absl::InvalidArgumentError(
        "reason: every status move needs a reason (SPEC §2.8)");
  }
  const v1::RegistrationStatus to = request_.status();
  if (to == v1::REGISTRATION_STATUS_UNSPECIFIED ||
      !v1::RegistrationStatus_IsValid(to)) {
    return absl::InvalidArgumentError(
        "status: say which registration status to move to");
  }
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument document,
                           impl_->ResolveRef(request_.kind(), request_.ref()));
  const v1::RegistrationStatus from =
      registry_internal::VersionInfoOf(document).registration_status();
  SHUYUAN_RETURN_IF_ERROR(CheckMove(document, from, to));
  if (IsCurrentStandard(to) && document.has_record_schema()) {
    SHUYUAN_RETURN_IF_ERROR(CheckNoRetiredPins(document));
  }
  Move(document, to);
  if (IsCurrentStandard(to)) SHUYUAN_RETURN_IF_ERROR(SupersedeOthers(document));
  if (to == v1::RETIRED) SHUYUAN_RETURN_IF_ERROR(FindPinningSchemas(document));
  registry_internal::MutableVersionInfo(&document)->set_registration_status(to);
  *response_.mutable_item() = registry_internal::Summarize(document);
  SHUYUAN_RETURN_IF_ERROR(impl_->Commit(std::move(batch_), true));
  return std::move(response_);
}

// Rewrites the stored version with status `to` and audits the move.
void StatusMove::Move(v1::DefinitionDocument document,
                      v1::RegistrationStatus to) {
  const v1::ItemKind kind = registry_internal::KindOf(document);
  v1::VersionInfo* info = registry_internal::MutableVersionInfo(&document);
  v1::AuditRecord record;
  record.set_principal(actor_.principal);
  record.set_action("status");
  record.set_kind(kind);
  record.set_ref(RefOf(document));
  record.set_status_before(info->registration_status());
  record.set_status_after(to);
  record.set_content_hash(info->content_hash());
  record.set_reason(request_.reason());
  info->set_registration_status(to);
  std::string bytes;
  document.SerializeToString(&bytes);
  batch_.Put(Family::kItems,
             registry_internal::ItemKey(kind, registry_internal::IdOf(document),
                                        info->version()),
             std::move(bytes));
  impl_->AddAudit(std::move(record), &batch_);
}

absl::Status StatusMove::CheckNoRetiredPins(
    const v1::DefinitionDocument& schema) {
  std::vector<std::string> retired;
  for (const v1::SchemaField& field : schema.record_schema().fields()) {
    SHUYUAN_ASSIGN_OR_RETURN(
        v1::DefinitionDocument element,
        impl_->ResolveRef(v1::DATA_ELEMENT, field.element()));
    if (registry_internal::VersionInfoOf(element).registration_status() ==
        v1::RETIRED) {
      retired.push_back(absl::StrCat("field ", field.name(), ": data element ",
                                     field.element()));
    }
    const v1::ValueDomain& domain = element.data_element().value_domain();
    for (const std::string* list :
         {&domain.code_list(), &domain.address_codes()}) {
      if (list->empty()) continue;
      SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument code_list,
                               impl_->ResolveRef(v1::CODE_LIST, *list));
      if (registry_internal::VersionInfoOf(code_list).registration_status() ==
          v1::RETIRED) {
        retired.push_back(absl::StrCat("field ", field.name(), ": code list ",
                                       *list, " (through ", field.element(),
                                       ")"));
      }
    }
  }
  if (retired.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "record schema ", RefOf(schema),
      " cannot become STANDARD or PREFERRED_STANDARD while it pins RETIRED "
      "items: ",
      absl::StrJoin(retired, "; "),
      "; register a version that pins current items"));
}

absl::Status StatusMove::SupersedeOthers(
    const v1::DefinitionDocument& promoted) {
  const v1::ItemKind kind = registry_internal::KindOf(promoted);
  const std::string& id = registry_internal::IdOf(promoted);
  const uint32_t version = registry_internal::VersionInfoOf(promoted).version();
  SHUYUAN_ASSIGN_OR_RETURN(std::vector<v1::DefinitionDocument> versions,
                           impl_->ReadVersions(kind, id));
  for (v1::DefinitionDocument& other : versions) {
    const v1::VersionInfo& info = registry_internal::VersionInfoOf(other);
    if (info.version() == version ||
        !IsCurrentStandard(info.registration_status())) {
      continue;
    }
    v1::DefinitionDocument superseded = other;
    registry_internal::MutableVersionInfo(&superseded)
        ->set_registration_status(v1::SUPERSEDED);
    *response_.add_superseded() = registry_internal::Summarize(superseded);
    Move(std::move(other), v1::SUPERSEDED);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::DefinitionDocument>> StatusMove::Pinners(
    v1::ItemKind kind, const std::string& id, uint32_t version) const {
  std::vector<registry_internal::ParsedPinKey> pins;
  SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
      Family::kIndex, registry_internal::PinTargetPrefix(kind, id, version), "",
      [&](absl::string_view key, absl::string_view) {
        auto pin = registry_internal::ParsePinKey(key);
        if (pin.has_value()) pins.push_back(*std::move(pin));
        return true;
      }));
  std::vector<v1::DefinitionDocument> pinners;
  for (const auto& pin : pins) {
    SHUYUAN_ASSIGN_OR_RETURN(
        std::optional<v1::DefinitionDocument> d,
        impl_->ReadVersion(pin.source_kind, pin.source_id, pin.source_version));
    if (d.has_value()) pinners.push_back(*std::move(d));
  }
  return pinners;
}

// Retiring: which STANDARD schemas pin the version, directly or through
// one of their elements (a retired code list).
absl::Status StatusMove::FindPinningSchemas(
    const v1::DefinitionDocument& retired) {
  SHUYUAN_ASSIGN_OR_RETURN(
      std::vector<v1::DefinitionDocument> direct,
      Pinners(registry_internal::KindOf(retired),
              registry_internal::IdOf(retired),
              registry_internal::VersionInfoOf(retired).version()));
  std::vector<v1::DefinitionDocument> schemas;
  for (v1::DefinitionDocument& d : direct) {
    if (d.has_record_schema()) {
      schemas.push_back(std::move(d));
    } else if (d.has_data_element()) {
      SHUYUAN_ASSIGN_OR_RETURN(
          std::vector<v1::DefinitionDocument> through,
          Pinners(v1::DATA_ELEMENT, d.data_element().id(),
                  d.data_element().version_info().version()));
      for (v1::DefinitionDocument& s : through) {
        if (s.has_record_schema()) schemas.push_back(std::move(s));
      }
    }
  }
  for (const v1::DefinitionDocument& s : schemas) {
    if (IsCurrentStandard(
            registry_internal::VersionInfoOf(s).registration_status())) {
      *response_.add_pinned_by() = registry_internal::Summarize(s);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::SetStatusResponse> Registry::SetStatus(
    const v1::SetStatusRequest& request, const Actor& actor) {
  absl::MutexLock lock(&impl_->write_mu_);
  StatusMove move(impl_.get(), request, actor);
  absl::StatusOr<v1::SetStatusResponse> response = move.Run();
  if (!response.ok()) impl_->DiscardAudit();
  return response;
}

absl::StatusOr<v1::SetPolicyResponse> Registry::SetPolicy(
    const v1::SetPolicyRequest& request, const Actor& actor) {
  if (absl::StripAsciiWhitespace(request.reason()).empty()) {
    return absl::InvalidArgumentError("reason: a policy change needs a reason");
  }
  absl::MutexLock lock(&impl_->write_mu_);
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<registry_internal::Head> head,
                           impl_->ReadHead(request.kind(), request.id()));
  if (!head.has_value()) {
    return absl::NotFoundError(
        absl::StrCat(registry_internal::KindWords(request.kind()), " '",
                     request.id(), "' is not registered"));
  }
  head->policy = request.policy() == v1::NONE ? v1::NONE : v1::BACKWARD;
  StoreBatch batch;
  batch.Put(Family::kIndex,
            registry_internal::HeadKey(request.kind(), request.id()),
            registry_internal::EncodeHead(*head));
  v1::AuditRecord record;
  record.set_principal(actor.principal);
  record.set_action("policy");
  record.set_kind(request.kind());
  record.set_ref(request.id());
  record.set_reason(absl::StrCat(v1::CompatibilityPolicy_Name(head->policy),
                                 ": ", request.reason()));
  impl_->AddAudit(std::move(record), &batch);
  SHUYUAN_RETURN_IF_ERROR(impl_->Commit(std::move(batch), false));
  v1::SetPolicyResponse response;
  response.set_policy(head->policy);
  return response;
}

}  // namespace shuyuan::registry
