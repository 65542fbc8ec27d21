// The codec figures of server_load: unary ValidateRecord against the Echo
// RPC of the same payload, ValidateBatch and ValidateStream against the
// in-process codec on the same records, the catalog's compile time and the
// server's memory with the catalog compiled.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/internal/call_loop.h"
#include "bench/internal/load_phases.h"
#include "bench/internal/server_process.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "shuyuan/v1/codec_service.grpc.pb.h"

namespace shuyuan::bench_internal {
namespace {

using Columns = std::vector<std::pair<std::string, std::string>>;

constexpr char kSchema[] = "LEGAL_PERSON_BASIC";
// A fixed reference date on both sides, so that the server's "today" and
// the in-process one cannot differ.
constexpr char kAsOf[] = "2024-12-31";
constexpr const char* kCatalogSchemas[] = {
    "LEGAL_PERSON_BASIC", "NATURAL_PERSON_BASIC", "ADMIN_PENALTY"};

codec::ValidateOptions InProcessOptions() {
  codec::ValidateOptions options;
  options.as_of = codec::MakeDateKey(2024, 12, 31);
  return options;
}

// The records: every row of the legacy legal-person sample that the
// in-process codec finds VALID, as raw values under the sample's own column
// names (aliases such as 统一代码 and 法人代表), empty cells left out — what
// a legacy system sends. A third of them need normalising.
struct Corpus {
  codec::DefinitionSet defs;
  std::shared_ptr<const codec::CompiledSchema> schema;
  std::vector<Columns> records;
  std::vector<v1::ValidateRecordRequest> requests;  // the same records
};

absl::StatusOr<std::unique_ptr<Corpus>> LoadCorpus(const LoadOptions& options) {
  auto corpus = std::make_unique<Corpus>();
  SHUYUAN_ASSIGN_OR_RETURN(corpus->defs,
                           codec::DefinitionSet::Load(options.catalog));
  const v1::RecordSchema* proto = corpus->defs.FindSchema(kSchema);
  if (proto == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(options.catalog, " has no ", kSchema));
  }
  SHUYUAN_ASSIGN_OR_RETURN(
      corpus->schema, codec::CompiledSchema::Compile(*proto, corpus->defs));
  codec::RecordReaderOptions reader_options;
  reader_options.encoding = codec::TextEncoding::kAuto;
  SHUYUAN_ASSIGN_OR_RETURN(
      std::unique_ptr<codec::RecordReader> reader,
      codec::RecordReader::OpenFile(options.records_csv, reader_options));
  const std::vector<std::string> header = reader->header();
  codec::InputRow row;
  codec::RecordResult result;
  while (reader->Next(&row)) {
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) continue;
    Columns columns;
    for (size_t c = 0; c < row.values.size() && c < header.size(); ++c) {
      if (!row.values[c].empty())
        columns.emplace_back(header[c], row.values[c]);
    }
    corpus->schema->ValidateNamed(columns, InProcessOptions(), &result);
    if (result.verdict() != v1::VALID) continue;
    v1::ValidateRecordRequest request;
    request.set_schema(kSchema);
    request.set_as_of(kAsOf);
    for (const auto& [name, value] : columns) {
      v1::RecordField* field = request.mutable_record()->add_fields();
      field->set_name(name);
      field->set_value(value);
    }
    corpus->records.push_back(std::move(columns));
    corpus->requests.push_back(std::move(request));
  }
  if (corpus->records.size() < 100) {
    return absl::FailedPreconditionError(
        absl::StrCat(options.records_csv, ": only ", corpus->records.size(),
                     " valid rows; expected the shipped sample's ~2,000"));
  }
  return corpus;
}

// The first failure of a phase, for the report; failures are counted by
// the call loops.
class FailureNote {
 public:
  void Note(std::string what) {
    absl::MutexLock lock(&mu_);
    if (first_.empty()) first_ = std::move(what);
  }
  std::string first() const {
    absl::MutexLock lock(&mu_);
    return first_;
  }

 private:
  mutable absl::Mutex mu_;
  std::string first_ ABSL_GUARDED_BY(mu_);
};

// What every codec figure works with.
struct CodecBench {
  const LoadOptions* options = nullptr;
  const Corpus* corpus = nullptr;
  ServerProcess* server = nullptr;  // null with --target
  std::vector<std::unique_ptr<v1::CodecService::Stub>> stubs;
  FigureTable* table = nullptr;

  v1::CodecService::Stub* stub(int64_t seq) const {
    return stubs[static_cast<size_t>(seq) % stubs.size()].get();
  }
  // CPU seconds the server has used; 0 when it is not ours.
  double ServerCpu() const {
    if (server == nullptr) return 0;
    absl::StatusOr<double> cpu = server->CpuSeconds();
    return cpu.ok() ? *cpu : 0;
  }
  int threads() const {
    return options->codec_threads > 0
               ? options->codec_threads
               : static_cast<int>(
                     std::max(1u, std::thread::hardware_concurrency()));
  }
};

// Completed calls (or records) over time, summed across rounds, with the
// server's CPU time spent on them.
struct Tally {
  int64_t items = 0;
  double seconds = 0;
  int64_t all_items = 0;  // warm-up included, for CPU per item
  double server_cpu = 0;
  double rate() const {
    return seconds > 0 ? static_cast<double>(items) / seconds : 0;
  }
  double server_cpu_per_item() const {
    return all_items > 0 ? server_cpu / static_cast<double>(all_items) : 0;
  }
};

std::string Rate(double per_second, const char* unit) {
  return absl::StrCat(Grouped(per_second), " ", unit, "/s");
}

std::string Latency(absl::Duration d) {
  return Elapsed(absl::ToDoubleSeconds(d));
}

// ---------------------------------------------------------------------------
// Unary: ValidateRecord and Echo with the same requests.

enum class Unary { kEcho, kValidateRecord };

const char* UnaryName(Unary method) {
  return method == Unary::kEcho ? "Echo" : "ValidateRecord";
}

struct UnaryCall {
  grpc::ClientContext context;
  v1::ValidateRecordResponse response;
};

// A starter of `method` calls over the corpus. A ValidateRecord answer must
// be VALID with every schema field; an Echo answer must carry back every
// field sent.
CallStarter UnaryStarter(const CodecBench& bench, Unary method,
                         FailureNote* note) {
  const size_t fields = bench.corpus->schema->field_count();
  return [&bench, method, note, fields](int64_t seq, CallDone done) {
    const v1::ValidateRecordRequest& request =
        bench.corpus->requests[static_cast<size_t>(seq) %
                               bench.corpus->requests.size()];
    auto* call = new UnaryCall;
    AddToken(bench.options->token, &call->context);
    auto finish = [call, &request, method, note, fields,
                   done = std::move(done)](grpc::Status status) {
      const v1::RecordResult& result = call->response.result();
      const size_t expected_values =
          method == Unary::kEcho
              ? static_cast<size_t>(request.record().fields_size())
              : fields;
      const bool ok =
          status.ok() && result.verdict() == v1::VALID &&
          static_cast<size_t>(result.values_size()) == expected_values;
      if (!ok) {
        note->Note(absl::StrCat(UnaryName(method), ": code ",
                                status.error_code(), " ",
                                status.error_message(), ", verdict ",
                                v1::Verdict_Name(result.verdict()), ", ",
                                result.values_size(), " values"));
      }
      delete call;
      done(ok);
    };
    auto* async = bench.stub(seq)->async();
    if (method == Unary::kEcho) {
      async->Echo(&call->context, &request, &call->response, std::move(finish));
    } else {
      async->ValidateRecord(&call->context, &request, &call->response,
                            std::move(finish));
    }
  };
}

// Records a loop's outcome in `tally`; false (with a failure in the table)
// when calls failed or did not drain.
bool Record(CodecBench& bench, const std::string& what,
            const absl::StatusOr<ClosedLoopResult>& result,
            const FailureNote& note, double cpu_before, int64_t items_per_call,
            Tally* tally) {
  if (!result.ok()) {
    bench.table->Fail(absl::StrCat(what, ": ", result.status().message()));
    return false;
  }
  tally->items += result->calls * items_per_call;
  tally->seconds += result->seconds;
  tally->all_items += result->completed * items_per_call;
  tally->server_cpu += bench.ServerCpu() - cpu_before;
  if (result->failed > 0) {
    bench.table->Fail(absl::StrCat(what, ": ", result->failed,
                                   " failed calls; first: ", note.first()));
    return false;
  }
  return true;
}

// Saturation of both methods, alternating rounds; returns Echo's rate.
double UnarySaturation(CodecBench& bench) {
  Tally tallies[2];
  ClosedLoopOptions loop;
  loop.inflight = bench.options->inflight;
  loop.measure = bench.options->measure;
  if (bench.options->smoke) loop.warmup = absl::Milliseconds(100);
  for (int round = 0; round < bench.options->rounds; ++round) {
    for (Unary method : {Unary::kEcho, Unary::kValidateRecord}) {
      FailureNote note;
      const double cpu = bench.ServerCpu();
      const auto result =
          RunClosedLoop(UnaryStarter(bench, method, &note), loop);
      if (!Record(bench, UnaryName(method), result, note, cpu, 1,
                  &tallies[static_cast<int>(method)])) {
        return 0;
      }
    }
  }
  const Tally& echo = tallies[static_cast<int>(Unary::kEcho)];
  const Tally& validate = tallies[static_cast<int>(Unary::kValidateRecord)];
  const double ratio = validate.rate() / echo.rate();
  bench.table->Add(
      {.name = absl::StrCat("ValidateRecord calls/s, saturated (",
                            bench.options->inflight, " in flight, ",
                            bench.stubs.size(), " channels)"),
       .value = Rate(validate.rate(), "calls"),
       .baseline = absl::StrCat("Echo ", Rate(echo.rate(), "calls")),
       .ratio = ratio,
       .bar = "ratio >= 0.9",
       .met = Met(ratio >= 0.9)});
  if (bench.server != nullptr) {
    bench.table->Add(
        {.name = "server CPU per unary call",
         .value = absl::StrCat(
             "ValidateRecord ",
             Latency(absl::Seconds(validate.server_cpu_per_item()))),
         .baseline = absl::StrCat(
             "Echo ", Latency(absl::Seconds(echo.server_cpu_per_item()))),
         .ratio = validate.server_cpu_per_item() / echo.server_cpu_per_item()});
  }
  return echo.rate();
}

void AddLatencyRows(CodecBench& bench, int percent, double rate,
                    const OpenLoopResult& validate,
                    const OpenLoopResult& echo) {
  const std::string at =
      absl::StrCat(" at ", percent, "% (", Grouped(rate), " calls/s)");
  std::string lag;
  for (const OpenLoopResult* r : {&validate, &echo}) {
    if (r->sent_per_second < 0.95 * rate) {
      lag = absl::StrCat(" [sender reached only ", Grouped(r->sent_per_second),
                         "/s]");
    }
  }
  const struct {
    const char* name;
    double q;
  } kQuantiles[] = {{"p50", 0.50}, {"p99", 0.99}, {"p99.9", 0.999}};
  for (const auto& quantile : kQuantiles) {
    const absl::Duration v = validate.Percentile(quantile.q);
    const absl::Duration e = echo.Percentile(quantile.q);
    bench.table->Add({.name = absl::StrCat("ValidateRecord ", quantile.name,
                                           " latency", at, lag),
                      .value = Latency(v),
                      .baseline = absl::StrCat("Echo ", Latency(e)),
                      .ratio = absl::FDivDuration(v, e)});
  }
}

// Latency at 25%, 50% and 75% of Echo's saturation rate, open loop, in
// rounds alternating Echo and ValidateRecord.
void UnaryLatency(CodecBench& bench, double echo_rate) {
  OpenLoopOptions loop;
  loop.measure = bench.options->latency_measure / bench.options->rounds;
  if (bench.options->smoke) loop.warmup = absl::Milliseconds(100);
  for (int percent : {25, 50, 75}) {
    loop.rate = echo_rate * percent / 100.0;
    OpenLoopResult results[2];
    for (int round = 0; round < bench.options->rounds; ++round) {
      for (Unary method : {Unary::kEcho, Unary::kValidateRecord}) {
        FailureNote note;
        absl::StatusOr<OpenLoopResult> result =
            RunOpenLoop(UnaryStarter(bench, method, &note), loop);
        const std::string what =
            absl::StrCat(UnaryName(method), " at ", percent, "%");
        if (!result.ok()) {
          bench.table->Fail(
              absl::StrCat(what, ": ", result.status().message()));
          return;
        }
        if (result->failed > 0) {
          bench.table->Fail(
              absl::StrCat(what, ": ", result->failed,
                           " failed calls; first: ", note.first()));
          return;
        }
        results[static_cast<int>(method)].Merge(*result);
      }
    }
    AddLatencyRows(bench, percent, loop.rate,
                   results[static_cast<int>(Unary::kValidateRecord)],
                   results[static_cast<int>(Unary::kEcho)]);
  }
}

// ---------------------------------------------------------------------------
// Throughput of records: in-process, ValidateBatch, ValidateStream.

// The in-process codec on the corpus: `threads` threads validate the records
// round-robin, each from its own offset, for `measure`. Every record must
// come out VALID, as it did when the corpus was loaded.
Tally InProcess(CodecBench& bench, int threads, absl::Duration measure) {
  const Corpus& corpus = *bench.corpus;
  std::atomic<bool> stop{false};
  std::vector<int64_t> done(threads), valid(threads);
  std::vector<std::thread> workers;
  const absl::Time from = absl::Now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const codec::ValidateOptions options = InProcessOptions();
      codec::RecordResult result;
      size_t i = static_cast<size_t>(t) * 997 % corpus.records.size();
      while (!stop.load(std::memory_order_relaxed)) {
        for (int k = 0; k < 64; ++k) {
          corpus.schema->ValidateNamed(corpus.records[i], options, &result);
          valid[t] += result.verdict() == v1::VALID;
          ++done[t];
          if (++i == corpus.records.size()) i = 0;
        }
      }
    });
  }
  absl::SleepFor(measure);
  stop.store(true);
  for (std::thread& w : workers) w.join();
  Tally tally;
  tally.seconds = absl::ToDoubleSeconds(absl::Now() - from);
  for (int t = 0; t < threads; ++t) {
    tally.items += done[t];
    if (valid[t] != done[t]) {
      bench.table->Fail(absl::StrCat("in-process codec: ", done[t] - valid[t],
                                     " of ", done[t], " records not VALID"));
    }
  }
  tally.all_items = tally.items;
  return tally;
}

struct Batches {
  std::vector<v1::ValidateBatchRequest> requests;
  std::vector<int64_t> expected_valid;  // by the in-process codec
};

// Eight batches of `size` records, cut from the corpus at different places.
Batches MakeBatches(const Corpus& corpus, int size) {
  Batches batches;
  codec::RecordResult result;
  for (int b = 0; b < 8; ++b) {
    v1::ValidateBatchRequest request;
    request.set_schema(kSchema);
    request.set_as_of(kAsOf);
    int64_t valid = 0;
    for (int k = 0; k < size; ++k) {
      const size_t i =
          static_cast<size_t>(b * 313 + k) % corpus.requests.size();
      *request.add_records() = corpus.requests[i].record();
      corpus.schema->ValidateNamed(corpus.records[i], InProcessOptions(),
                                   &result);
      valid += result.verdict() == v1::VALID;
    }
    batches.requests.push_back(std::move(request));
    batches.expected_valid.push_back(valid);
  }
  return batches;
}

struct BatchCall {
  grpc::ClientContext context;
  v1::ValidateBatchResponse response;
};

// A starter of ValidateBatch calls; an answer must hold one result per
// record and as many VALID ones as the in-process codec found.
CallStarter BatchStarter(const CodecBench& bench, const Batches& batches,
                         FailureNote* note) {
  return [&bench, &batches, note](int64_t seq, CallDone done) {
    const size_t b = static_cast<size_t>(seq) % batches.requests.size();
    const v1::ValidateBatchRequest& request = batches.requests[b];
    const int64_t expected = batches.expected_valid[b];
    auto* call = new BatchCall;
    AddToken(bench.options->token, &call->context);
    bench.stub(seq)->async()->ValidateBatch(
        &call->context, &request, &call->response,
        [call, &request, expected, note,
         done = std::move(done)](grpc::Status status) {
          int64_t valid = 0;
          for (const v1::RecordResult& r : call->response.results()) {
            valid += r.verdict() == v1::VALID;
          }
          const bool ok =
              status.ok() &&
              call->response.results_size() == request.records_size() &&
              valid == expected;
          if (!ok) {
            note->Note(absl::StrCat(
                "code ", status.error_code(), " ", status.error_message(), ", ",
                call->response.results_size(), " results, ", valid,
                " VALID where the in-process codec has ", expected));
          }
          delete call;
          done(ok);
        });
  };
}

// One ValidateStream call: writes corpus records (from its own offset)
// until told to stop, then half-closes; reads and checks every answer.
class StreamClient
    : public grpc::ClientBidiReactor<v1::ValidateRecordRequest,
                                     v1::ValidateRecordResponse> {
 public:
  StreamClient(const CodecBench& bench, int64_t first,
               const std::atomic<bool>* stop, std::atomic<int64_t>* received)
      : bench_(bench), next_(first), stop_(stop), received_(received) {}

  void Start(v1::CodecService::Stub* stub) {
    AddToken(bench_.options->token, &context_);
    stub->async()->ValidateStream(&context_, this);
    StartRead(&response_);
    WriteNext();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return;  // the call is ending; OnDone reports why
    if (stop_->load(std::memory_order_relaxed)) {
      StartWritesDone();
    } else {
      WriteNext();
    }
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    const v1::RecordResult& result = response_.result();
    if (result.verdict() != v1::VALID ||
        static_cast<size_t>(result.values_size()) !=
            bench_.corpus->schema->field_count()) {
      ++wrong_;
    }
    ++read_;
    received_->fetch_add(1, std::memory_order_relaxed);
    StartRead(&response_);
  }

  void OnDone(const grpc::Status& status) override {
    absl::MutexLock lock(&mu_);
    status_ = status;
    done_ = true;
  }

  // Waits for OnDone; the problem found, or "" when the stream ended OK
  // with one VALID answer per record written.
  std::string Finish(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    if (!mu_.AwaitWithTimeout(absl::Condition(&done_), timeout)) {
      context_.TryCancel();
      mu_.Await(absl::Condition(&done_));
      return "did not end in time";
    }
    if (!status_.ok()) {
      return absl::StrCat("code ", status_.error_code(), " ",
                          status_.error_message());
    }
    if (read_ != written_ || wrong_ != 0) {
      return absl::StrCat(written_, " records written, ", read_,
                          " answers read, ", wrong_, " not VALID");
    }
    return "";
  }

 private:
  void WriteNext() {
    const auto& requests = bench_.corpus->requests;
    ++written_;
    StartWrite(&requests[static_cast<size_t>(next_++) % requests.size()]);
  }

  const CodecBench& bench_;
  int64_t next_;
  const std::atomic<bool>* stop_;
  std::atomic<int64_t>* received_;
  grpc::ClientContext context_;
  v1::ValidateRecordResponse response_;
  // Written by the reactor's callbacks, which gRPC runs one at a time per
  // direction; read in Finish after OnDone.
  int64_t written_ = 0, read_ = 0, wrong_ = 0;
  absl::Mutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
};

// `options->streams` concurrent streams for warm-up plus `measure`.
bool StreamRound(CodecBench& bench, Tally* tally) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> received{0};
  std::vector<std::unique_ptr<StreamClient>> streams;
  const double cpu = bench.ServerCpu();
  for (int s = 0; s < bench.options->streams; ++s) {
    streams.push_back(
        std::make_unique<StreamClient>(bench, s * 541, &stop, &received));
    streams.back()->Start(bench.stub(s));
  }
  absl::SleepFor(bench.options->smoke ? absl::Milliseconds(100)
                                      : absl::Milliseconds(500));
  const int64_t before = received.load();
  const absl::Time from = absl::Now();
  absl::SleepFor(bench.options->measure);
  tally->items += received.load() - before;
  tally->seconds += absl::ToDoubleSeconds(absl::Now() - from);
  stop.store(true);
  bool ok = true;
  for (size_t s = 0; s < streams.size(); ++s) {
    const std::string problem = streams[s]->Finish(absl::Seconds(120));
    if (!problem.empty()) {
      bench.table->Fail(absl::StrCat("ValidateStream ", s, ": ", problem));
      ok = false;
    }
  }
  tally->all_items += received.load();
  tally->server_cpu += bench.ServerCpu() - cpu;
  return ok;
}

// One records/s row against the in-process codec, and one per server
// CPU-second: the load generator shares the machine's cores with the
// server, and per CPU-second the comparison is free of its cost.
void AddThroughputRows(CodecBench& bench, const std::string& name,
                       const Tally& server, const Tally& in_process,
                       double in_process_cpu) {
  const double ratio = server.rate() / in_process.rate();
  bench.table->Add(
      {.name = absl::StrCat(name, " records/s, wall clock"),
       .value = Rate(server.rate(), "records"),
       .baseline = absl::StrCat("in-process ValidateNamed, ", bench.threads(),
                                bench.threads() == 1 ? " thread " : " threads ",
                                Rate(in_process.rate(), "records")),
       .ratio = ratio});
  if (bench.server == nullptr || in_process_cpu <= 0) return;
  const double per_core =
      static_cast<double>(in_process.items) / in_process_cpu;
  const double server_rate = 1.0 / server.server_cpu_per_item();
  bench.table->Add(
      {.name = absl::StrCat(name, " records per server CPU-second"),
       .value = Rate(server_rate, "records"),
       .baseline = absl::StrCat("in-process, per CPU-second ",
                                Rate(per_core, "records")),
       .ratio = server_rate / per_core,
       .bar = "ratio >= 0.8",
       .met = Met(server_rate / per_core >= 0.8)});
}

void RecordThroughput(CodecBench& bench) {
  const bool batches_too = bench.options->Runs("batch");
  const bool streams_too = bench.options->Runs("stream");
  if (!batches_too && !streams_too) return;
  const Batches batches =
      MakeBatches(*bench.corpus, bench.options->batch_records);
  Tally batch, stream, in_process;
  double in_process_cpu = 0;
  ClosedLoopOptions loop;
  loop.inflight = static_cast<int>(bench.stubs.size());
  loop.measure = bench.options->measure;
  if (bench.options->smoke) loop.warmup = absl::Milliseconds(100);
  for (int round = 0; round < bench.options->rounds; ++round) {
    const double cpu = ProcessCpuSeconds();
    const Tally t = InProcess(bench, bench.threads(), bench.options->measure);
    in_process_cpu += ProcessCpuSeconds() - cpu;
    in_process.items += t.items;
    in_process.seconds += t.seconds;
    if (batches_too) {
      FailureNote note;
      const double server_cpu = bench.ServerCpu();
      const auto result =
          RunClosedLoop(BatchStarter(bench, batches, &note), loop);
      if (!Record(bench, "ValidateBatch", result, note, server_cpu,
                  bench.options->batch_records, &batch)) {
        return;
      }
    }
    if (streams_too && !StreamRound(bench, &stream)) return;
  }
  if (batches_too) {
    AddThroughputRows(
        bench,
        absl::StrCat("ValidateBatch (", Grouped(bench.options->batch_records),
                     " a call, ", bench.stubs.size(), " in flight)"),
        batch, in_process, in_process_cpu);
  }
  if (streams_too) {
    AddThroughputRows(
        bench,
        absl::StrCat("ValidateStream (", bench.options->streams, " streams)"),
        stream, in_process, in_process_cpu);
  }
}

// ---------------------------------------------------------------------------
// The catalog: compile time, and the server's memory with it compiled.

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

void CatalogCompile(CodecBench& bench) {
  std::vector<double> loads, compiles;
  for (int i = 0; i < 3; ++i) {
    absl::Time start = absl::Now();
    absl::StatusOr<codec::DefinitionSet> defs =
        codec::DefinitionSet::Load(bench.options->catalog);
    loads.push_back(absl::ToDoubleSeconds(absl::Now() - start));
    if (!defs.ok()) {
      bench.table->Fail(absl::StrCat("catalog: ", defs.status().message()));
      return;
    }
    start = absl::Now();
    for (const char* id : kCatalogSchemas) {
      const v1::RecordSchema* schema = defs->FindSchema(id);
      absl::Status status =
          schema == nullptr
              ? absl::NotFoundError(absl::StrCat("no schema ", id))
              : codec::CompiledSchema::Compile(*schema, *defs).status();
      if (!status.ok()) {
        bench.table->Fail(absl::StrCat("compile ", id, ": ", status.message()));
        return;
      }
    }
    compiles.push_back(absl::ToDoubleSeconds(absl::Now() - start));
  }
  bench.table->Add(
      {.name = "catalog compile, 3 schemas with their elements and lists",
       .value = Elapsed(Median(compiles)),
       .baseline =
           absl::StrCat("loading the catalog's YAML ", Elapsed(Median(loads))),
       .ratio = Median(compiles) / Median(loads)});
}

// One ValidateRecord on each catalog schema (an empty record: the answer
// is INVALID, the call must succeed), so that the server compiles them.
bool CompileOnServer(CodecBench& bench) {
  for (const char* id : kCatalogSchemas) {
    v1::ValidateRecordRequest request;
    request.set_schema(id);
    request.set_as_of(kAsOf);
    v1::ValidateRecordResponse response;
    grpc::ClientContext context;
    AddToken(bench.options->token, &context);
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    const grpc::Status status =
        bench.stub(0)->ValidateRecord(&context, request, &response);
    if (!status.ok()) {
      bench.table->Fail(absl::StrCat("ValidateRecord on ", id, ": code ",
                                     status.error_code(), " ",
                                     status.error_message()));
      return false;
    }
  }
  return true;
}

// The bare server's memory: an empty store, no seed, nothing compiled.
absl::StatusOr<int64_t> BareServerRssKiB(const LoadOptions& options) {
  const std::string dir = options.work_dir + "/bare";
  std::filesystem::create_directories(dir);
  SHUYUAN_ASSIGN_OR_RETURN(
      std::unique_ptr<ServerProcess> bare,
      ServerProcess::Start(options.server_binary,
                           {"--data-dir", dir + "/data", "--quiet"},
                           dir + "/server.log", absl::Seconds(60)));
  absl::StatusOr<int64_t> rss = bare->RssKiB();
  bare->Stop();
  return rss;
}

void ServerMemory(CodecBench& bench) {
  if (!CompileOnServer(bench) || bench.server == nullptr) return;
  absl::StatusOr<int64_t> rss = bench.server->RssKiB();
  absl::StatusOr<int64_t> bare = BareServerRssKiB(*bench.options);
  if (!rss.ok() || !bare.ok()) {
    bench.table->Fail(absl::StrCat(
        "server RSS: ", (rss.ok() ? bare.status() : rss.status()).message()));
    return;
  }
  auto mib = [](int64_t kib) {
    return absl::StrFormat("%.1f MiB", static_cast<double>(kib) / 1024);
  };
  bench.table->Add(
      {.name = "server RSS, seeded, catalog's 3 schemas compiled",
       .value = mib(*rss),
       .baseline = absl::StrCat("bare server, empty store ", mib(*bare)),
       .ratio = static_cast<double>(*rss) / static_cast<double>(*bare)});
}

absl::StatusOr<std::unique_ptr<ServerProcess>> StartCodecServer(
    const LoadOptions& options) {
  const std::string dir = options.work_dir + "/codec";
  std::filesystem::create_directories(dir);
  return ServerProcess::Start(options.server_binary,
                              {"--data-dir", dir + "/data", "--seed",
                               options.catalog, "--bench-echo", "--quiet"},
                              dir + "/server.log", absl::Seconds(120));
}

}  // namespace

void RunCodecFigures(const LoadOptions& options, FigureTable* table) {
  if (!options.Runs("catalog") && !options.Runs("unary") &&
      !options.Runs("latency") && !options.Runs("batch") &&
      !options.Runs("stream")) {
    return;
  }
  absl::StatusOr<std::unique_ptr<Corpus>> corpus = LoadCorpus(options);
  if (!corpus.ok()) {
    table->Fail(absl::StrCat("records: ", corpus.status().message()));
    return;
  }
  std::unique_ptr<ServerProcess> server;
  std::string address = options.target;
  if (address.empty()) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> started =
        StartCodecServer(options);
    if (!started.ok()) {
      table->Fail(absl::StrCat("codec server: ", started.status().message()));
      return;
    }
    server = *std::move(started);
    address = server->address();
  }
  CodecBench bench;
  bench.options = &options;
  bench.corpus = corpus->get();
  bench.server = server.get();
  bench.table = table;
  for (const auto& channel : OpenChannels(address, options.channels)) {
    bench.stubs.push_back(v1::CodecService::NewStub(channel));
  }
  std::fprintf(stderr, "server_load: codec figures against %s (%zu records)\n",
               address.c_str(), bench.corpus->records.size());
  if (options.Runs("catalog")) {
    CatalogCompile(bench);
    ServerMemory(bench);
  }
  if (options.Runs("unary") || options.Runs("latency")) {
    const double echo_rate = UnarySaturation(bench);
    if (echo_rate > 0 && options.Runs("latency")) {
      UnaryLatency(bench, echo_rate);
    }
  }
  RecordThroughput(bench);
  if (server != nullptr && server->Stop() != 0) {
    table->Fail("codec server: no clean exit on SIGTERM");
  }
}

}  // namespace shuyuan::bench_internal
