// Registry figures (SPEC §7, issue "Registry"): registering 10,000 element
// versions, and the cold start of a store holding 100,000 element versions
// and a 1,000,000-entry code list — each beside a baseline measured in the
// same run on the same disk (raw RocksDB puts and opens).
//
//   build/bench/registry_benchmark [--elements N] [--entries N] [--dir DIR]
//
// A one-shot tool rather than Google Benchmark: a cold start happens once
// per store. Prints one line per figure: value, baseline, ratio.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "registry/registry.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace v1 = shuyuan::v1;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void Report(const char* figure, double value, const char* baseline_name,
            double baseline) {
  std::printf("%-44s %9.3f s   baseline %-28s %9.3f s   ratio %6.2f\n", figure,
              value, baseline_name, baseline,
              baseline > 0 ? value / baseline : 0.0);
}

v1::DefinitionDocument Element(int i, int max_length) {
  v1::DefinitionDocument d;
  v1::DataElement* e = d.mutable_data_element();
  e->set_id(absl::StrCat("DE", 100000 + i));
  e->set_name_zh(absl::StrCat("数据元", i));
  e->set_name_en(absl::StrCat("Data element ", i));
  e->set_definition("基准测试用数据元。");
  e->set_data_type(v1::STRING);
  e->set_format("c..100");
  e->mutable_value_domain()->set_max_length(max_length);
  return d;
}

std::unique_ptr<shuyuan::registry::Registry> Open(const std::string& dir) {
  shuyuan::registry::RegistryOptions options;
  options.data_dir = dir;
  auto registry = shuyuan::registry::Registry::Open(options);
  if (!registry.ok()) {
    std::fprintf(stderr, "error: %s\n",
                 std::string(registry.status().message()).c_str());
    std::exit(1);
  }
  return *std::move(registry);
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "error: %s\n", what);
    std::exit(1);
  }
}

// Raw RocksDB: `n` puts of ~`bytes` values, in `batches` synced writes.
double RawPuts(const std::string& dir, int n, int batches, size_t bytes) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  Check(rocksdb::DB::Open(options, dir, &raw).ok(), "raw open");
  std::unique_ptr<rocksdb::DB> db(raw);
  const std::string value(bytes, 'x');
  rocksdb::WriteOptions sync;
  sync.sync = true;
  const auto start = Clock::now();
  const int per_batch = n / batches;
  for (int b = 0; b < batches; ++b) {
    rocksdb::WriteBatch batch;
    for (int i = 0; i < per_batch; ++i) {
      batch.Put(absl::StrCat("k", b, "_", i), value);
    }
    Check(db->Write(sync, &batch).ok(), "raw write");
  }
  return Seconds(start);
}

// Cold start to the first validation: open, compile a schema pinning the
// big list, validate one record.
double ColdStart(const std::string& dir) {
  const auto start = Clock::now();
  auto registry = Open(dir);
  auto schema = registry->CompileSchema("BIG_SCHEMA@1");
  Check(schema.ok(), "compile BIG_SCHEMA");
  shuyuan::codec::RecordResult result;
  std::vector<absl::string_view> values = {"10999999"};
  (*schema)->Validate(values, {}, &result);
  Check(result.verdict() == v1::VALID, "validate against the big list");
  return Seconds(start);
}

double RawOpen(const std::string& dir) {
  const auto start = Clock::now();
  rocksdb::DBOptions options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : {"default", "items", "chunks", "index", "audit"}) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  Check(rocksdb::DB::Open(options, dir, families, &handles, &raw).ok(),
        "raw open of the registry store");
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return Seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
  int elements = 100000;
  int entries = 1000000;
  std::string dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--elements")
      Check(absl::SimpleAtoi(argv[i + 1], &elements), "--elements");
    if (flag == "--entries")
      Check(absl::SimpleAtoi(argv[i + 1], &entries), "--entries");
    if (flag == "--dir") dir = argv[i + 1];
  }
  if (dir.empty()) {
    dir = (std::filesystem::temp_directory_path() /
           absl::StrCat("registry_benchmark_", getpid()))
              .string();
  }
  std::filesystem::remove_all(dir);
  const std::string store = dir + "/store";
  const int registrations = std::min(elements, 10000);
  std::printf(
      "registry_benchmark: %d element versions, %d code entries, in %s\n",
      elements, entries, dir.c_str());

  // 1. 10,000 element versions in one Apply (one synced write).
  auto registry = Open(store);
  {
    v1::ApplyRequest request;
    for (int i = 0; i < registrations; ++i)
      *request.add_items() = Element(i, 50);
    const auto start = Clock::now();
    auto applied = registry->Apply(request, {"bench"});
    const double seconds = Seconds(start);
    Check(applied.ok() && applied->applied(), "apply");
    const double raw = RawPuts(dir + "/raw1", registrations, 1, 300);
    Report(absl::StrCat("register ", registrations, " versions, one Apply")
               .c_str(),
           seconds, "raw puts, one synced batch", raw);
  }
  // 2. 1,000 versions one call each (1,000 synced writes).
  {
    const auto start = Clock::now();
    for (int i = 0; i < 1000; ++i) {
      v1::CreateVersionRequest request;
      *request.mutable_item() = Element(i, 60);
      auto created = registry->CreateVersion(request, {"bench"});
      Check(created.ok() && created->action() == v1::ItemOutcome::CREATED,
            "create version");
    }
    const double seconds = Seconds(start);
    const double raw = RawPuts(dir + "/raw2", 1000, 1000, 300);
    Report("register 1000 versions, one call each", seconds,
           "raw puts, 1000 synced writes", raw);
  }
  // 3. Fill to `elements` versions and a big code list and a schema.
  {
    const auto start = Clock::now();
    for (int done = registrations; done < elements; done += 10000) {
      v1::ApplyRequest request;
      for (int i = done; i < std::min(elements, done + 10000); ++i) {
        *request.add_items() = Element(i, 50);
      }
      auto applied = registry->Apply(request, {"bench"});
      Check(applied.ok() && applied->applied(), "fill");
    }
    v1::ApplyRequest request;
    v1::CodeList* list = request.add_items()->mutable_code_list();
    list->set_id("BIG_LIST");
    list->set_name_zh("大代码集");
    for (int i = 0; i < entries; ++i) {
      v1::CodeEntry* entry = list->add_entries();
      entry->set_code(absl::StrCat(10000000 + i));
      entry->set_name_zh(absl::StrCat("项", i));
    }
    v1::DataElement* element = request.add_items()->mutable_data_element();
    element->set_id("BIG_CODE");
    element->set_name_zh("大代码");
    element->set_data_type(v1::STRING);
    element->set_format("n8");
    element->mutable_value_domain()->set_code_list("BIG_LIST");
    v1::RecordSchema* schema = request.add_items()->mutable_record_schema();
    schema->set_id("BIG_SCHEMA");
    schema->set_name_zh("大");
    v1::SchemaField* field = schema->add_fields();
    field->set_name("code");
    field->set_element("BIG_CODE");
    auto applied = registry->Apply(request, {"bench"});
    Check(applied.ok() && applied->applied(), "big list");
    std::printf("(filled the store in %.1f s)\n", Seconds(start));
  }
  registry.reset();
  RawOpen(store);  // a first open settles anything left to recover
  const double raw_open = RawOpen(store);
  const double open_only = [&] {
    const auto start = Clock::now();
    auto r = Open(store);
    return Seconds(start);
  }();
  Report(absl::StrCat("open: ", elements, " versions + ", entries, " entries")
             .c_str(),
         open_only, "raw RocksDB open, same store", raw_open);
  const double cold = ColdStart(store);
  Report("cold start to first validation (big list)", cold,
         "raw RocksDB open, same store", raw_open);
  std::filesystem::remove_all(dir);
  return 0;
}
