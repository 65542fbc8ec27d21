#include "client/batch_pipeline.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/internal/csv_writer.h"
#include "client/internal/json_writer.h"
#include "codec/issue.h"
#include "codec/normalizer.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::client {
namespace {

using client_internal::AppendCsvField;
using client_internal::AppendJsonString;
using client_internal::JsonWriter;
using codec::CompiledSchema;
using codec::InputRow;

constexpr int kCodes = v1::IssueCode_ARRAYSIZE;
// Normaliser steps use slots [0, kMaxSteps); then the two pseudo-steps that
// CompiledSchema::ToProto also reports.
constexpr int kStepDefault = codec::Normalizer::kMaxSteps;
constexpr int kStepDerive = kStepDefault + 1;
constexpr int kStepSlots = kStepDerive + 1;
// Unknown JSONL keys remembered for the report, and per worker cache.
constexpr size_t kMaxUnknownColumns = 1000;
constexpr size_t kMaxCachedKeys = 4096;
// A batch whose row slots retain more than kRetainedBatches × batch_bytes
// of string capacity (grown by earlier, wider rows) gives back the slots
// above kSmallRowBytes; its output buffers are given back above
// kRetainedBatches × batch_bytes too.
constexpr size_t kRetainedBatches = 4;
constexpr size_t kSmallRowBytes = 2048;
// A row this long is huge: it gives back its values or its text as soon as
// they are no longer needed, its output line is allocated once, and the
// worker that validated it starts over with fresh scratch, so that one
// huge value does not stay allocated per thread.
constexpr size_t kLargeRowBytes = size_t{1} << 20;

absl::string_view SeverityName(v1::Severity severity) {
  return severity == v1::WARNING ? "WARNING" : "ERROR";
}

// What a batch (and, merged in input order, the whole run) counted.
struct Tally {
  uint64_t rows = 0;
  uint64_t clean = 0;
  uint64_t warnings = 0;
  uint64_t rejected = 0;
  std::vector<uint64_t> issues;  // [(field + 1) * kCodes + code]
  std::vector<uint64_t> rejects_by_code;
  std::vector<uint64_t> steps;                    // [field * kStepSlots + step]
  std::vector<std::vector<IssueSample>> samples;  // [code]
  std::vector<std::string> unknown;  // JSONL keys that match no field

  void Reset(size_t fields) {
    rows = clean = warnings = rejected = 0;
    issues.assign((fields + 1) * kCodes, 0);
    rejects_by_code.assign(kCodes, 0);
    steps.assign(fields * kStepSlots, 0);
    samples.resize(kCodes);
    for (auto& s : samples) s.clear();
    unknown.clear();
  }

  void Merge(const Tally& other, size_t samples_per_code) {
    rows += other.rows;
    clean += other.clean;
    warnings += other.warnings;
    rejected += other.rejected;
    for (size_t i = 0; i < issues.size(); ++i) issues[i] += other.issues[i];
    for (size_t i = 0; i < rejects_by_code.size(); ++i) {
      rejects_by_code[i] += other.rejects_by_code[i];
    }
    for (size_t i = 0; i < steps.size(); ++i) steps[i] += other.steps[i];
    for (int code = 0; code < kCodes; ++code) {
      for (const IssueSample& sample : other.samples[code]) {
        if (samples[code].size() >= samples_per_code) break;
        samples[code].push_back(sample);
      }
    }
    for (const std::string& column : other.unknown) {
      if (unknown.size() >= kMaxUnknownColumns) break;
      unknown.push_back(column);
    }
  }
};

// A run of consecutive input rows and what became of them: parsed rows
// (one thread), or a chunk of input that a worker parses (several).
struct Batch {
  uint64_t seq = 0;
  std::vector<InputRow> rows;  // reused: the reader refills them in place
  codec::RowChunk chunk;
  size_t count = 0;
  size_t bytes = 0;        // text bytes of rows[0, count)
  size_t retained = 0;     // string capacity the row slots hold
  uint64_t bytes_end = 0;  // input bytes consumed after the last row
  std::string clean;
  std::string rejects;
  Tally tally;
};

// Per-worker scratch, reused across rows.
struct WorkerState {
  std::unique_ptr<codec::RecordReader> chunk_reader;  // parses chunks
  InputRow row;                                       // a chunk's rows
  codec::RecordResult result;
  std::vector<absl::string_view> values;
  std::vector<char> seen;
  std::vector<std::pair<std::string, std::string>> named;
  v1::RecordResult proto;
  absl::flat_hash_map<std::string, int> key_fields;  // JSONL key → field
};

// The batches handed between the reader, the workers and the writer.
struct Shared {
  absl::Mutex mu;
  std::vector<Batch*> free ABSL_GUARDED_BY(mu);
  std::deque<Batch*> pending ABSL_GUARDED_BY(mu);
  std::map<uint64_t, Batch*> done ABSL_GUARDED_BY(mu);
  bool reader_done ABSL_GUARDED_BY(mu) = false;
  uint64_t batches ABSL_GUARDED_BY(mu) = 0;  // set when reader_done
  uint64_t next_write ABSL_GUARDED_BY(mu) = 0;
  bool cancelled ABSL_GUARDED_BY(mu) = false;
  // Batches taken from `free` and not yet given back, and the bytes of
  // those filled; the reader fills another only while the bytes are below
  // `byte_budget` (or none is out), so that wide rows bound memory.
  int out ABSL_GUARDED_BY(mu) = 0;
  size_t out_bytes ABSL_GUARDED_BY(mu) = 0;
  size_t byte_budget = 0;  // immutable once the threads start

  bool CanFill() const ABSL_SHARED_LOCKS_REQUIRED(mu) {
    return (!free.empty() && (out == 0 || out_bytes < byte_budget)) ||
           cancelled;
  }
  bool HasWork() const ABSL_SHARED_LOCKS_REQUIRED(mu) {
    return !pending.empty() || reader_done || cancelled;
  }
  bool NextDone() const ABSL_SHARED_LOCKS_REQUIRED(mu) {
    return done.count(next_write) > 0 ||
           (reader_done && next_write == batches) || cancelled;
  }
};

class Pipeline {
 public:
  Pipeline(const ColumnResolver& columns, codec::RecordReader* reader,
           const BatchOptions& options, const ByteSink& clean,
           const ByteSink& rejects)
      : columns_(columns),
        schema_(columns.schema()),
        reader_(reader),
        options_(options),
        clean_(clean),
        rejects_(rejects),
        threads_(options.threads > 0
                     ? options.threads
                     : std::max(1u, std::thread::hardware_concurrency())) {
    const std::vector<std::string>& header = reader->header();
    std::vector<int> columns_per_field(schema_.field_count(), 0);
    for (const std::string& column : header) {
      ColumnBinding& binding = bindings_.emplace_back();
      binding.column = column;
      const int field = columns.Resolve(column, &binding.how);
      column_field_.push_back(field);
      if (field >= 0) {
        binding.field = schema_.field(field).name;
        duplicate_columns_ |= ++columns_per_field[field] > 1;
      } else if (field == ColumnResolver::kUnknown) {
        header_unknown_.push_back(column);
      }
    }
    for (size_t i = 0; i < schema_.field_count(); ++i) {
      std::string key;
      AppendJsonString(schema_.field(i).name, &key);
      key.push_back(':');
      json_keys_.push_back(std::move(key));
    }
    total_.Reset(schema_.field_count());
  }

  absl::Status Run(BatchReport* report) {
    if (!options_.jsonl_output) {
      std::string header;
      for (size_t i = 0; i < schema_.field_count(); ++i) {
        if (i > 0) header.push_back(',');
        AppendCsvField(schema_.field(i).name, ',', &header);
      }
      header.push_back('\n');
      if (absl::Status s = clean_(header); !s.ok()) return s;
    }
    last_progress_ = absl::Now();
    absl::Status status = threads_ <= 1 ? RunInline() : RunParallel();
    if (!status.ok()) return status;
    if (!reader_->status().ok()) {
      return absl::DataLossError(absl::StrCat("read error after row ",
                                              total_.rows, ": ",
                                              reader_->status().message()));
    }
    Finish(report);
    return absl::OkStatus();
  }

 private:
  absl::Status RunInline() {
    Batch batch;
    auto state = std::make_unique<WorkerState>();
    for (;;) {
      Fill(&batch);
      if (batch.count == 0) return absl::OkStatus();
      if (Process(&batch, state.get())) state = std::make_unique<WorkerState>();
      if (absl::Status s = Emit(&batch); !s.ok()) return s;
    }
  }

  // The reader thread, `threads_` workers, and the calling thread writing.
  absl::Status RunParallel() {
    Shared shared;
    shared.byte_budget = static_cast<size_t>(2 * threads_ + 2) *
                         std::max<size_t>(1, options_.batch_bytes);
    std::vector<std::unique_ptr<Batch>> batches;
    {
      absl::MutexLock lock(&shared.mu);
      for (int i = 0; i < 2 * threads_ + 2; ++i) {
        batches.push_back(std::make_unique<Batch>());
        shared.free.push_back(batches.back().get());
      }
    }
    // A chunk reader per worker, made before any thread starts.
    std::vector<std::unique_ptr<codec::RecordReader>> chunk_readers;
    for (int i = 0; i < threads_; ++i) {
      absl::StatusOr<std::unique_ptr<codec::RecordReader>> chunk_reader =
          reader_->NewChunkReader();
      if (!chunk_reader.ok()) return chunk_reader.status();
      chunk_readers.push_back(*std::move(chunk_reader));
    }
    std::thread reader([&] { ReadBatches(&shared); });
    std::vector<std::thread> workers;
    for (int i = 0; i < threads_; ++i) {
      workers.emplace_back(
          [&, i] { ValidateBatches(std::move(chunk_readers[i]), &shared); });
    }
    absl::Status status;
    for (;;) {
      Batch* batch;
      {
        absl::MutexLock lock(&shared.mu);
        shared.mu.Await(absl::Condition(&shared, &Shared::NextDone));
        auto it = shared.done.find(shared.next_write);
        if (it == shared.done.end()) break;  // all written
        batch = it->second;
        shared.done.erase(it);
      }
      status = Emit(batch);
      const size_t bytes = batch->bytes;
      absl::MutexLock lock(&shared.mu);
      ++shared.next_write;
      --shared.out;
      shared.out_bytes -= bytes;
      shared.free.push_back(batch);
      if (!status.ok()) {
        shared.cancelled = true;
        break;
      }
    }
    reader.join();
    for (std::thread& worker : workers) worker.join();
    return status;
  }

  // The reader thread: fills free batches, within the byte budget, in
  // input order.
  void ReadBatches(Shared* shared) {
    uint64_t seq = 0;
    for (;;) {
      Batch* batch;
      {
        absl::MutexLock lock(&shared->mu);
        shared->mu.Await(absl::Condition(shared, &Shared::CanFill));
        if (shared->cancelled) return;
        batch = shared->free.back();
        shared->free.pop_back();
        ++shared->out;
      }
      FillChunk(batch);
      absl::MutexLock lock(&shared->mu);
      if (batch->chunk.pieces.empty()) {
        --shared->out;
        shared->free.push_back(batch);
        shared->reader_done = true;
        shared->batches = seq;
        return;
      }
      batch->seq = seq++;
      shared->out_bytes += batch->bytes;
      shared->pending.push_back(batch);
    }
  }

  // A worker thread: parses and validates pending chunks until the input
  // ends.
  void ValidateBatches(std::unique_ptr<codec::RecordReader> chunk_reader,
                       Shared* shared) const {
    auto state = std::make_unique<WorkerState>();
    state->chunk_reader = std::move(chunk_reader);
    for (;;) {
      Batch* batch;
      {
        absl::MutexLock lock(&shared->mu);
        shared->mu.Await(absl::Condition(shared, &Shared::HasWork));
        if (shared->cancelled || shared->pending.empty()) return;
        batch = shared->pending.front();
        shared->pending.pop_front();
      }
      if (ProcessChunk(batch, state.get())) {
        // A huge row grew the scratch: start over, keeping the reader.
        auto fresh = std::make_unique<WorkerState>();
        fresh->chunk_reader = std::move(state->chunk_reader);
        state = std::move(fresh);
      }
      absl::MutexLock lock(&shared->mu);
      shared->done[batch->seq] = batch;
    }
  }

  // Reads up to batch_rows rows, and about batch_bytes bytes, into
  // `*batch`.
  void Fill(Batch* batch) {
    if (batch->rows.size() < options_.batch_rows) {
      batch->rows.resize(std::max<size_t>(1, options_.batch_rows));
    }
    batch->count = 0;
    batch->bytes = 0;
    while (batch->count < batch->rows.size() &&
           batch->bytes < options_.batch_bytes) {
      InputRow& row = batch->rows[batch->count];
      const size_t capacity = row.raw.capacity();
      const bool got = reader_->Next(&row);
      batch->retained += row.raw.capacity() - capacity;
      if (!got) break;
      batch->bytes += row.raw.size();
      ++batch->count;
    }
    batch->bytes_end = reader_->bytes_read();
    batch->clean.clear();
    batch->rejects.clear();
    batch->tally.Reset(schema_.field_count());
  }

  // Takes the next chunk of whole rows, about batch_bytes of input, into
  // `*batch`.
  void FillChunk(Batch* batch) {
    reader_->NextChunk(std::max<size_t>(1, options_.batch_bytes),
                       &batch->chunk);
    batch->bytes = batch->chunk.bytes;
    batch->bytes_end = batch->chunk.bytes_read;
    batch->clean.clear();
    batch->rejects.clear();
    batch->tally.Reset(schema_.field_count());
  }

  // Parses, validates and formats the chunk's rows in input order; true
  // when one was long enough that the worker's scratch should be given
  // back.
  bool ProcessChunk(Batch* batch, WorkerState* state) const {
    bool large = false;
    codec::RowChunk& chunk = batch->chunk;
    for (const codec::RowChunk::Piece& piece : chunk.pieces) {
      if (piece.parsed) {
        InputRow& row = chunk.rows[piece.begin];
        large |= row.raw.size() >= kLargeRowBytes;
        ProcessRow(&row, batch, state);
        continue;
      }
      codec::RecordReader& reader = *state->chunk_reader;
      reader.ReadRun(absl::string_view(chunk.text)
                         .substr(piece.begin, piece.end - piece.begin),
                     piece.first_line);
      while (reader.Next(&state->row)) {
        large |= state->row.raw.size() >= kLargeRowBytes;
        ProcessRow(&state->row, batch, state);
      }
    }
    return large;
  }

  // Validates the batch's rows; true when one was long enough that the
  // worker's scratch should be given back.
  bool Process(Batch* batch, WorkerState* state) const {
    bool large = false;
    for (size_t r = 0; r < batch->count; ++r) {
      InputRow& row = batch->rows[r];
      large |= row.raw.size() >= kLargeRowBytes;
      ProcessRow(&row, batch, state);
    }
    return large;
  }

  // Gives back what wide rows made the batch's buffers grow to, once it
  // has been written (see kRetainedBatches).
  void ReleaseLargeBuffers(Batch* batch) const {
    const size_t limit = kRetainedBatches * options_.batch_bytes;
    if (batch->clean.capacity() > limit) std::string().swap(batch->clean);
    if (batch->rejects.capacity() > limit) std::string().swap(batch->rejects);
    codec::RowChunk& chunk = batch->chunk;
    if (chunk.text.capacity() > limit) std::string().swap(chunk.text);
    for (size_t r = 0; r < chunk.row_count; ++r) {
      if (chunk.rows[r].raw.capacity() > kSmallRowBytes) {
        InputRow empty;  // swapped: moving a short string in keeps a buffer
        std::swap(chunk.rows[r], empty);
      }
    }
    if (batch->retained <= limit) return;
    batch->retained = 0;
    for (InputRow& row : batch->rows) {
      if (row.raw.capacity() > kSmallRowBytes) {
        // Swaps, not assignments: a std::string keeps its buffer when a
        // short one is moved into it.
        std::string().swap(row.raw);
        std::vector<std::string>().swap(row.values);
        std::vector<std::string>().swap(row.keys);
      }
      batch->retained += row.raw.capacity();
    }
  }

  void ProcessRow(InputRow* row, Batch* batch, WorkerState* state) const {
    Tally& tally = batch->tally;
    ++tally.rows;
    if (row->issue != v1::ISSUE_CODE_UNSPECIFIED) {
      RejectUnreadable(*row, batch);
      return;
    }
    codec::RecordResult& result = state->result;
    if (PlaceValues(*row, batch, state)) {
      // Several columns for one field: ValidateNamed reports
      // AMBIGUOUS_VALUE when they disagree.
      schema_.ValidateNamed(state->named, options_.validate, &result);
    } else {
      schema_.Validate(state->values, options_.validate, &result);
    }
    bool want_samples = false;
    for (const codec::Issue& issue : result.issues()) {
      ++tally.issues[(issue.field + 1) * kCodes + issue.code];
      want_samples |=
          tally.samples[issue.code].size() < options_.samples_per_code;
    }
    if (!result.ok() || want_samples) {
      // Only the issues: their quoted values are already bounded
      // (codec::kMaxQuotedChars), and no field value is copied.
      schema_.ToProto(result, &state->proto, {.values = false});
      AddSamples(row->line, state->proto, &tally);
    }
    // A huge row gives back what it no longer needs before its output
    // line is made: the values once judged (a reject quotes its row), the
    // original text once clean.
    const bool large = row->raw.size() >= kLargeRowBytes;
    if (!result.ok()) {
      ++tally.rejected;
      for (const v1::Issue& issue : state->proto.issues()) {
        if (issue.severity() == v1::ERROR) {
          ++tally.rejects_by_code[issue.code()];
          break;
        }
      }
      if (large) std::vector<std::string>().swap(row->values);
      WriteReject(*row, state->proto, &batch->rejects);
      return;
    }
    ++tally.clean;
    if (result.verdict() == v1::VALID_WITH_WARNINGS) ++tally.warnings;
    CountSteps(result, &tally);
    if (large) std::string().swap(row->raw);
    WriteClean(result, &batch->clean);
  }

  // Puts the row's values in schema field order in state->values; true
  // when several columns (or keys) name one field, and the row must go
  // through ValidateNamed with state->named.
  bool PlaceValues(const InputRow& row, Batch* batch,
                   WorkerState* state) const {
    state->values.assign(schema_.field_count(), absl::string_view());
    if (!row.keys.empty() || reader_->header().empty()) {
      return MapKeys(row, batch, state);
    }
    const size_t n = std::min(row.values.size(), column_field_.size());
    for (size_t c = 0; c < n; ++c) {
      const int field = column_field_[c];
      if (field >= 0) state->values[field] = row.values[c];
    }
    if (!duplicate_columns_) return false;
    state->named.clear();
    for (size_t c = 0; c < n; ++c) {
      const int field = column_field_[c];
      if (field < 0) continue;
      state->named.emplace_back(schema_.field(field).name, row.values[c]);
    }
    return true;
  }

  // Counts the normaliser steps (and defaults, derivations) of a clean row.
  void CountSteps(const codec::RecordResult& result, Tally* tally) const {
    for (size_t f = 0; f < schema_.field_count(); ++f) {
      uint64_t* steps = &tally->steps[f * kStepSlots];
      for (uint32_t bits = result.changed_steps(f); bits != 0;
           bits &= bits - 1) {
        ++steps[__builtin_ctz(bits)];
      }
      if (result.defaulted(f)) ++steps[kStepDefault];
      if (result.derived(f)) ++steps[kStepDerive];
    }
  }

  // JSONL: places each key's value; true when two keys name one field (the
  // row then goes through ValidateNamed with state->named).
  bool MapKeys(const InputRow& row, Batch* batch, WorkerState* state) const {
    state->seen.assign(schema_.field_count(), 0);
    bool duplicate = false;
    const size_t n = std::min(row.keys.size(), row.values.size());
    for (size_t k = 0; k < n; ++k) {
      int field;
      auto it = state->key_fields.find(row.keys[k]);
      if (it != state->key_fields.end()) {
        field = it->second;
      } else {
        field = columns_.Resolve(row.keys[k]);
        if (state->key_fields.size() < kMaxCachedKeys) {
          state->key_fields.emplace(row.keys[k], field);
        }
        if (field == ColumnResolver::kUnknown) {
          batch->tally.unknown.push_back(row.keys[k]);
        }
      }
      if (field < 0) continue;
      duplicate |= state->seen[field]++ > 0;
      state->values[field] = row.values[k];
    }
    if (!duplicate) return false;
    state->named.clear();
    for (size_t k = 0; k < n; ++k) {
      const int field = columns_.Resolve(row.keys[k]);
      if (field >= 0) {
        state->named.emplace_back(schema_.field(field).name, row.values[k]);
      }
    }
    return true;
  }

  void AddSamples(uint64_t line, const v1::RecordResult& proto,
                  Tally* tally) const {
    for (const v1::Issue& issue : proto.issues()) {
      std::vector<IssueSample>& samples = tally->samples[issue.code()];
      if (samples.size() >= options_.samples_per_code) continue;
      IssueSample& sample = samples.emplace_back();
      sample.line = line;
      sample.field = issue.field();
      sample.severity = std::string(SeverityName(issue.severity()));
      sample.original_value = issue.original_value();
      sample.normalized_value = issue.normalized_value();
      sample.message = issue.message();
    }
  }

  // A row the reader could not parse or decode: a reject with its one issue.
  void RejectUnreadable(const InputRow& row, Batch* batch) const {
    Tally& tally = batch->tally;
    ++tally.rejected;
    ++tally.issues[row.issue];  // field slot 0: the row itself
    ++tally.rejects_by_code[row.issue];
    if (tally.samples[row.issue].size() < options_.samples_per_code) {
      IssueSample& sample = tally.samples[row.issue].emplace_back();
      sample.line = row.line;
      sample.severity = "ERROR";
      sample.message = row.issue_detail;
    }
    std::string& out = batch->rejects;
    JsonWriter json(&out);
    json.BeginObject();
    json.Key("line").Uint(row.line);
    json.Key("row").String(row.raw);
    json.Key("issues").BeginArray().BeginObject();
    json.Key("field").String("");
    json.Key("code").String(codec::IssueCodeName(row.issue));
    json.Key("severity").String("ERROR");
    json.Key("message").String(row.issue_detail);
    json.Key("message_zh").String(row.issue_detail_zh);
    json.Key("rule").String("reader");
    json.EndObject().EndArray().EndObject();
    out.push_back('\n');
  }

  void WriteReject(const InputRow& row, const v1::RecordResult& proto,
                   std::string* out) const {
    // One allocation for a huge row, rather than doublings that each hold
    // the old copy too.
    if (row.raw.size() >= kLargeRowBytes) {
      out->reserve(out->size() + row.raw.size() + 4096);
    }
    JsonWriter json(out);
    json.BeginObject();
    json.Key("line").Uint(row.line);
    json.Key("row").String(row.raw);
    json.Key("issues").BeginArray();
    for (const v1::Issue& issue : proto.issues()) {
      json.BeginObject();
      json.Key("field").String(issue.field());
      json.Key("code").String(codec::IssueCodeName(issue.code()));
      json.Key("severity").String(SeverityName(issue.severity()));
      json.Key("message").String(issue.message());
      json.Key("message_zh").String(issue.message_zh());
      json.Key("rule").String(issue.rule());
      if (!issue.element().empty()) {
        json.Key("element").String(issue.element());
        json.Key("original_value").String(issue.original_value());
        json.Key("normalized_value").String(issue.normalized_value());
      }
      json.EndObject();
    }
    json.EndArray().EndObject();
    out->push_back('\n');
  }

  void WriteClean(const codec::RecordResult& result, std::string* out) const {
    const size_t fields = schema_.field_count();
    size_t bytes = 0;
    for (size_t f = 0; f < fields; ++f) bytes += result.value(f).size();
    if (bytes >= kLargeRowBytes) out->reserve(out->size() + bytes + 4096);
    if (options_.jsonl_output) {
      out->push_back('{');
      for (size_t f = 0; f < fields; ++f) {
        if (f > 0) out->push_back(',');
        out->append(json_keys_[f]);
        AppendJsonString(result.value(f), out);
      }
      out->append("}\n");
      return;
    }
    // Room for the row made once, then written in place.
    size_t bound = fields + 1;
    for (size_t f = 0; f < fields; ++f) {
      bound += client_internal::CsvFieldBound(result.value(f));
    }
    const size_t size = out->size();
    out->resize(size + bound);
    char* const begin = out->data();
    char* w = begin + size;
    for (size_t f = 0; f < fields; ++f) {
      if (f > 0) *w++ = ',';
      w = client_internal::WriteCsvField(result.value(f), ',', w);
    }
    *w++ = '\n';
    out->resize(w - begin);
  }

  // Writes a processed batch and merges its tally; on the writing thread.
  absl::Status Emit(Batch* batch) {
    if (!batch->clean.empty()) {
      if (absl::Status s = clean_(batch->clean); !s.ok()) return s;
    }
    if (!batch->rejects.empty()) {
      if (absl::Status s = rejects_(batch->rejects); !s.ok()) return s;
    }
    ReleaseLargeBuffers(batch);
    total_.Merge(batch->tally, options_.samples_per_code);
    if (options_.progress) {
      const absl::Time now = absl::Now();
      if (now - last_progress_ >= absl::Seconds(options_.progress_interval_s)) {
        last_progress_ = now;
        options_.progress(total_.rows, batch->bytes_end);
      }
    }
    return absl::OkStatus();
  }

  void Finish(BatchReport* report) const {
    const size_t fields = schema_.field_count();
    report->rows_in = total_.rows;
    report->rows_clean = total_.clean;
    report->rows_with_warnings = total_.warnings;
    report->rows_rejected = total_.rejected;
    report->lines_in = reader_->lines_read();
    report->input_bytes = reader_->bytes_read();
    report->issues.clear();
    std::vector<uint64_t> by_code(kCodes, 0);
    for (size_t slot = 0; slot <= fields; ++slot) {
      FieldCounts counts;
      if (slot > 0) counts.field = schema_.field(slot - 1).name;
      for (int code = 0; code < kCodes; ++code) {
        const uint64_t n = total_.issues[slot * kCodes + code];
        if (n == 0) continue;
        counts.counts.emplace_back(
            codec::IssueCodeName(static_cast<v1::IssueCode>(code)), n);
        by_code[code] += n;
      }
      if (!counts.counts.empty()) report->issues.push_back(std::move(counts));
    }
    report->issues_by_code.clear();
    report->rejects_by_code.clear();
    report->samples.clear();
    for (int code = 0; code < kCodes; ++code) {
      const std::string name(
          codec::IssueCodeName(static_cast<v1::IssueCode>(code)));
      if (by_code[code] > 0)
        report->issues_by_code.emplace_back(name, by_code[code]);
      if (total_.rejects_by_code[code] > 0) {
        report->rejects_by_code.emplace_back(name,
                                             total_.rejects_by_code[code]);
      }
      if (!total_.samples[code].empty()) {
        report->samples.push_back({name, total_.samples[code]});
      }
    }
    report->normalized.clear();
    for (size_t f = 0; f < fields; ++f) {
      const codec::Normalizer& normalizer =
          schema_.field(f).element->normalizer();
      FieldCounts counts;
      counts.field = schema_.field(f).name;
      const uint64_t* steps = &total_.steps[f * kStepSlots];
      if (steps[kStepDefault] > 0) {
        counts.counts.emplace_back("default", steps[kStepDefault]);
      }
      for (size_t s = 0; s < normalizer.step_count(); ++s) {
        if (steps[s] > 0) {
          counts.counts.emplace_back(std::string(normalizer.step_name(s)),
                                     steps[s]);
        }
      }
      if (steps[kStepDerive] > 0) {
        counts.counts.emplace_back("derive", steps[kStepDerive]);
      }
      if (!counts.counts.empty()) {
        report->normalized.push_back(std::move(counts));
      }
    }
    report->columns = bindings_;
    std::set<std::string> unknown(header_unknown_.begin(),
                                  header_unknown_.end());
    unknown.insert(total_.unknown.begin(), total_.unknown.end());
    report->unknown_columns.assign(unknown.begin(), unknown.end());
  }

  // Immutable after construction.
  const ColumnResolver& columns_;
  const CompiledSchema& schema_;
  codec::RecordReader* const reader_;  // used by one thread at a time
  const BatchOptions& options_;
  const ByteSink& clean_;
  const ByteSink& rejects_;
  const int threads_;
  std::vector<int> column_field_;  // CSV/TSV column → field
  bool duplicate_columns_ = false;
  std::vector<ColumnBinding> bindings_;
  std::vector<std::string> header_unknown_;
  std::vector<std::string> json_keys_;  // `"NAME":` per field

  // Used by the writing thread only.
  Tally total_;
  absl::Time last_progress_;
};

}  // namespace

absl::StatusOr<ColumnResolver> ColumnResolver::Create(
    const codec::CompiledSchema& schema,
    const absl::flat_hash_map<std::string, std::string>& overrides,
    absl::string_view mapping_source) {
  absl::flat_hash_map<std::string, int> resolved;
  // Sorted, so that the first error reported does not depend on hashing.
  std::map<std::string, std::string> sorted(overrides.begin(), overrides.end());
  for (const auto& [column, target] : sorted) {
    if (target.empty()) {
      resolved[column] = kIgnored;
      continue;
    }
    const int field = schema.FindField(target);
    if (field < 0) {
      std::vector<std::string> names;
      for (size_t i = 0; i < schema.field_count(); ++i) {
        names.push_back(schema.field(i).name);
      }
      return absl::InvalidArgumentError(
          absl::StrCat(mapping_source, ": column '", column, "' is mapped to '",
                       target, "', which is not a field of ", schema.ref(),
                       " (fields: ", absl::StrJoin(names, ", "), ")"));
    }
    resolved[column] = field;
  }
  return ColumnResolver(&schema, std::move(resolved));
}

int ColumnResolver::Resolve(absl::string_view column, std::string* how) const {
  auto it = overrides_.find(column);
  if (it != overrides_.end()) {
    if (how != nullptr) *how = it->second == kIgnored ? "ignored" : "mapping";
    return it->second;
  }
  const int field = schema_->FindField(column);
  if (how != nullptr) {
    if (field < 0) {
      how->clear();
    } else {
      *how = absl::EqualsIgnoreCase(schema_->field(field).name, column)
                 ? "name"
                 : "alias";
    }
  }
  return field < 0 ? kUnknown : field;
}

absl::Status ColumnResolver::CheckHeader(const std::vector<std::string>& header,
                                         absl::string_view input) const {
  std::vector<char> covered(schema_->field_count(), 0);
  for (const std::string& column : header) {
    const int field = Resolve(column);
    if (field >= 0) covered[field] = 1;
  }
  for (size_t i = 0; i < schema_->field_count(); ++i) {
    const codec::CompiledField& field = schema_->field(i);
    if (!field.required || field.has_default || field.derive_from >= 0 ||
        covered[i]) {
      continue;
    }
    std::string names = absl::StrCat("'", field.name, "'");
    if (!field.aliases.empty()) {
      absl::StrAppend(&names, " (aliases: ", absl::StrJoin(field.aliases, ", "),
                      ")");
    }
    return absl::InvalidArgumentError(absl::StrCat(
        input, ": header: no column for required field ", names, " of ",
        schema_->ref(), "; columns seen: ", absl::StrJoin(header, ", "),
        ". Rename the column or map it with --mapping"));
  }
  return absl::OkStatus();
}

absl::Status RunBatchPipeline(const ColumnResolver& columns,
                              codec::RecordReader* reader,
                              const BatchOptions& options,
                              const ByteSink& clean, const ByteSink& rejects,
                              BatchReport* report) {
  Pipeline pipeline(columns, reader, options, clean, rejects);
  return pipeline.Run(report);
}

}  // namespace shuyuan::client
