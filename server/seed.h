// Seeding (SPEC §4 --seed DIR): a directory of definition files registered
// at start, so that a fresh server knows the standard catalog. Idempotent:
// unchanged items are not registered again. Items it creates are promoted
// to STANDARD by the principal "seed" with the reason "seeded from DIR", so
// bare references work at once. The seed is the operator's own catalog, so
// a breaking change in it is applied (and audited as such), not refused.
//
//   SHUYUAN_ASSIGN_OR_RETURN(SeedReport report, SeedRegistry(*registry, dir));
//   // report.created, report.unchanged
//
// Thread-safe as the registry is.
#ifndef SHUYUAN_SERVER_SEED_H_
#define SHUYUAN_SERVER_SEED_H_

#include <string>

#include "absl/status/statusor.h"
#include "registry/registry.h"

namespace shuyuan::server {

struct SeedReport {
  int created = 0;
  int unchanged = 0;
  int promoted = 0;
};

// InvalidArgument naming FILE:LINE for a definition that does not load or
// that the registry refuses (with every problem); the registry's errors
// otherwise.
absl::StatusOr<SeedReport> SeedRegistry(registry::Registry& registry,
                                        const std::string& dir);

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_SEED_H_
