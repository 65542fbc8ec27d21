// shuyuan-server end to end: a real server binary on a free loopback port,
// a real store in a temporary folder, called through the generated stubs
// (SPEC §4).
#include <signal.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/sha256.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/codec_service.grpc.pb.h"
#include "shuyuan/v1/registry_service.grpc.pb.h"
#include "tests/testing/run_binary.h"
#include "tests/testing/server_process.h"

namespace shuyuan {
namespace {

using ::shuyuan::testing::TempDir;
using ::shuyuan::tests_testing::RunBinary;
using ::shuyuan::tests_testing::ServerProcess;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";

// A client of both services, sending `token` when it is not empty.
class Client {
 public:
  Client(const std::string& address, std::string token = "")
      : channel_(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        registry_(v1::RegistryService::NewStub(channel_)),
        codec_(v1::CodecService::NewStub(channel_)),
        token_(std::move(token)) {}

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token_.empty()) {
      context->AddMetadata("authorization", "Bearer " + token_);
    }
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(60));
    return context;
  }
  // Drops the connection, so that the server's graceful shutdown does not
  // wait for an idle client to go away.
  void Close() {
    registry_.reset();
    codec_.reset();
    channel_.reset();
  }
  v1::RegistryService::Stub& registry() { return *registry_; }
  v1::CodecService::Stub& codec() { return *codec_; }
  grpc::Channel& channel() { return *channel_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::CodecService::Stub> codec_;
  std::string token_;
};

// The field violations of a status's google.rpc.BadRequest.
std::map<std::string, std::string> Violations(const grpc::Status& status) {
  std::map<std::string, std::string> out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        out[v.field()] = v.description();
      }
    }
  }
  return out;
}

v1::ValidateRecordRequest PersonRecord(const std::string& schema,
                                       const std::string& id_number) {
  v1::ValidateRecordRequest request;
  request.set_schema(schema);
  auto* field = request.mutable_record()->add_fields();
  field->set_name("gmsfhm");
  field->set_value(id_number);
  field = request.mutable_record()->add_fields();
  field->set_name("xm");
  field->set_value("张三");
  return request;
}

v1::DefinitionDocument NameElement(int max_length) {
  v1::DefinitionDocument d;
  v1::DataElement* e = d.mutable_data_element();
  e->set_id("BZ");
  e->set_name_zh("备注");
  e->set_name_en("Remark");
  e->set_definition("d");
  e->set_data_type(v1::STRING);
  e->set_format("c..500");
  e->mutable_value_domain()->set_max_length(max_length);
  return d;
}

class ServerTest : public ::testing::Test {
 protected:
  TempDir dir_{"server_test"};
};

TEST_F(ServerTest, ValidatesAgainstTheSeededCatalogAndServesHealth) {
  ServerProcess server(dir_.path(), {"--seed", kCatalog});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());
  v1::ValidateRecordResponse response;
  grpc::Status status = client.codec().ValidateRecord(
      client.Context().get(),
      PersonRecord("NATURAL_PERSON_BASIC", "11010519491231002X"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.schema_ref(), "NATURAL_PERSON_BASIC@1");
  EXPECT_EQ(response.content_hash().size(), 64u);
  EXPECT_NE(response.result().verdict(), v1::INVALID)
      << response.result().DebugString();

  status = client.codec().ValidateRecord(
      client.Context().get(),
      PersonRecord("NATURAL_PERSON_BASIC", "110105194912310021"), &response);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(response.result().verdict(), v1::INVALID);

  // Decode and encode through the element.
  v1::DecodeValueRequest decode;
  decode.set_element("GMSFHM");
  decode.set_value("11010519491231002x");
  v1::DecodeValueResponse decoded;
  ASSERT_TRUE(client.codec()
                  .DecodeValue(client.Context().get(), decode, &decoded)
                  .ok());
  EXPECT_TRUE(decoded.valid());
  EXPECT_EQ(decoded.normalized(), "11010519491231002X");
  ASSERT_GE(decoded.parts_size(), 5);
  EXPECT_EQ(decoded.parts(1).name(), "birth_date");
  EXPECT_EQ(decoded.parts(1).value(), "19491231");
  v1::EncodeValueRequest encode;
  encode.set_element("GMSFHM");
  encode.set_body("11010519491231002");
  v1::EncodeValueResponse encoded;
  ASSERT_TRUE(client.codec()
                  .EncodeValue(client.Context().get(), encode, &encoded)
                  .ok());
  EXPECT_EQ(encoded.code(), "11010519491231002X");

  // Health.
  grpc::ByteBuffer request_bytes;
  EXPECT_THAT(server.log(), HasSubstr("seed: "));
  EXPECT_THAT(server.log(), HasSubstr("call method=ValidateRecord"));
  EXPECT_THAT(server.log(), ::testing::Not(HasSubstr("11010519491231002X")));
  client.Close();
  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.log();
}

TEST_F(ServerTest, MalformedRequestsGetClearErrorsNeverACrash) {
  ServerProcess server(dir_.path(), {"--seed", kCatalog, "--max-batch-records",
                                     "3", "--max-value-bytes", "100"});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());
  v1::ValidateRecordResponse response;

  grpc::Status status = client.codec().ValidateRecord(
      client.Context().get(), PersonRecord("NO_SUCH_SCHEMA", "1"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("NO_SUCH_SCHEMA"));

  status = client.codec().ValidateRecord(
      client.Context().get(), PersonRecord("NATURAL_PERSON_BASIC@zz", "1"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Violations(status).count("schema"), 1u);

  status = client.codec().ValidateRecord(client.Context().get(),
                                         PersonRecord("", "1"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Violations(status).count("schema"), 1u);

  v1::ValidateRecordRequest big =
      PersonRecord("NATURAL_PERSON_BASIC", std::string(101, '1'));
  status =
      client.codec().ValidateRecord(client.Context().get(), big, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("--max-value-bytes"));
  EXPECT_EQ(Violations(status).count("record.fields[0].value"), 1u);

  // Ill-formed UTF-8 in a value is a result, not a failed call.
  status = client.codec().ValidateRecord(
      client.Context().get(),
      PersonRecord("NATURAL_PERSON_BASIC", "1101\xff\xfe"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.result().verdict(), v1::INVALID);
  EXPECT_EQ(response.result().issues(0).code(), v1::INVALID_ENCODING);

  v1::ValidateRecordRequest bad_date =
      PersonRecord("NATURAL_PERSON_BASIC", "1");
  bad_date.set_as_of("2023-02-30");
  status = client.codec().ValidateRecord(client.Context().get(), bad_date,
                                         &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Violations(status).count("as_of"), 1u);

  v1::ValidateBatchRequest batch;
  batch.set_schema("NATURAL_PERSON_BASIC");
  for (int i = 0; i < 4; ++i) {
    *batch.add_records() = PersonRecord("", "11010519491231002X").record();
  }
  v1::ValidateBatchResponse batch_response;
  status = client.codec().ValidateBatch(client.Context().get(), batch,
                                        &batch_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("--max-batch-records"));
  EXPECT_THAT(status.error_message(), HasSubstr("4 records"));
  batch.mutable_records()->RemoveLast();
  ASSERT_TRUE(client.codec()
                  .ValidateBatch(client.Context().get(), batch, &batch_response)
                  .ok());
  EXPECT_THAT(batch_response.results(), SizeIs(3));

  v1::GetItemRequest get;
  get.set_kind(v1::DATA_ELEMENT);
  get.set_ref("GMSFHM@7");
  v1::GetItemResponse item;
  status = client.registry().GetItem(client.Context().get(), get, &item);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  get.clear_kind();
  status = client.registry().GetItem(client.Context().get(), get, &item);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::CreateVersionRequest create;
  *create.mutable_item() = NameElement(10);
  create.mutable_item()->mutable_data_element()->set_format("an..5O");
  v1::ItemOutcome outcome;
  status =
      client.registry().CreateVersion(client.Context().get(), create, &outcome);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Violations(status).count("data_element.format"), 1u)
      << status.error_message();
  client.Close();
  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.log();
}

TEST_F(ServerTest, RolesAreEnforcedOnEveryGroup) {
  const std::string tokens = dir_.Write(
      "tokens",
      absl::StrCat(codec::Sha256Hex("reader-token"), " rita reader\n",
                   codec::Sha256Hex("registrant-token"), " reg registrant\n",
                   codec::Sha256Hex("steward-token"), " stew steward\n",
                   codec::Sha256Hex("admin-token"), " root admin\n"));
  ServerProcess server(dir_.path(), {"--seed", kCatalog, "--tokens", tokens,
                                     "--backup-dir", dir_.Path("backups")});
  ASSERT_TRUE(server.started()) << server.log();

  auto validate = [&](const std::string& token) {
    Client client(server.address(), token);
    v1::ValidateRecordResponse response;
    return client.codec()
        .ValidateRecord(
            client.Context().get(),
            PersonRecord("NATURAL_PERSON_BASIC", "11010519491231002X"),
            &response)
        .error_code();
  };
  auto create = [&](const std::string& token, int max_length,
                    bool allow_breaking) {
    Client client(server.address(), token);
    v1::CreateVersionRequest request;
    *request.mutable_item() = NameElement(max_length);
    request.set_allow_breaking(allow_breaking);
    v1::ItemOutcome outcome;
    return client.registry()
        .CreateVersion(client.Context().get(), request, &outcome)
        .error_code();
  };
  auto promote = [&](const std::string& token) {
    Client client(server.address(), token);
    v1::SetStatusRequest request;
    request.set_kind(v1::DATA_ELEMENT);
    request.set_ref("BZ@latest");
    request.set_status(v1::RETIRED);
    request.set_reason("test");
    v1::SetStatusResponse response;
    return client.registry()
        .SetStatus(client.Context().get(), request, &response)
        .error_code();
  };
  auto backup = [&](const std::string& token) {
    Client client(server.address(), token);
    v1::BackupResponse response;
    return client.registry()
        .Backup(client.Context().get(), v1::BackupRequest(), &response)
        .error_code();
  };
  using grpc::StatusCode;
  EXPECT_EQ(validate(""), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(validate("wrong"), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(validate("reader-token"), StatusCode::OK);
  EXPECT_EQ(validate("steward-token"), StatusCode::OK);

  EXPECT_EQ(create("reader-token", 50, false), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create("registrant-token", 50, false), StatusCode::OK);
  // Narrowing is breaking: refused, and allow_breaking needs a steward.
  EXPECT_EQ(create("registrant-token", 40, false),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(create("registrant-token", 40, true),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create("admin-token", 40, true), StatusCode::OK);

  EXPECT_EQ(promote("registrant-token"), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(promote("steward-token"), StatusCode::OK);

  EXPECT_EQ(backup("steward-token"), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(backup("admin-token"), StatusCode::OK);

  const std::string log = server.log();
  EXPECT_THAT(log, HasSubstr("principal=stew"));
  EXPECT_THAT(log, ::testing::Not(HasSubstr("steward-token")));
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

// A client not written in C++ (Debian's python3-grpcio), with no generated
// stubs: it finds the services by reflection, validates a record, decodes a
// code and reads the health status.
TEST_F(ServerTest, APythonClientWorksByReflectionAlone) {
  const tests_testing::RunOutcome probe = RunBinary(
      "/usr/bin/python3", {"-c", "import grpc, google.protobuf"}, dir_.path());
  if (probe.exit_code != 0) {
    GTEST_SKIP() << "/usr/bin/python3 lacks grpc or protobuf (make installs "
                    "python3-grpcio python3-protobuf)";
  }
  ServerProcess server(dir_.path(), {"--seed", kCatalog, "--quiet"});
  ASSERT_TRUE(server.started()) << server.log();
  const tests_testing::RunOutcome run =
      RunBinary("/usr/bin/python3",
                {SHUYUAN_SOURCE_DIR "/tests/interop/reflection_client.py",
                 server.address()},
                dir_.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("PASS ValidateRecord"));
  EXPECT_THAT(run.out, HasSubstr("PASS health is SERVING"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("FAIL")));
}

TEST_F(ServerTest, RefusesToExposeAnOpenServerBeyondLoopback) {
  const tests_testing::RunOutcome run = RunBinary(
      tests_testing::kServerBinary,
      {"--listen", "0.0.0.0:0", "--data-dir", dir_.Path("data")}, dir_.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("not a loopback address"));
  EXPECT_THAT(run.err, HasSubstr("--tokens"));
  const tests_testing::RunOutcome help =
      RunBinary(tests_testing::kServerBinary, {"--help"}, dir_.path());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--max-batch-records N"));
}

TEST_F(ServerTest, WatchReplaysThenFollowsAndPromotionsApplyAtOnce) {
  ServerProcess server(dir_.path(), {"--seed", kCatalog});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());

  // The seed wrote create + status records; replay from seq 2.
  auto context = client.Context();
  v1::WatchRequest watch;
  watch.set_from_seq(2);
  std::unique_ptr<grpc::ClientReader<v1::AuditRecord>> reader =
      client.registry().Watch(context.get(), watch);
  v1::AuditRecord record;
  ASSERT_TRUE(reader->Read(&record));
  EXPECT_EQ(record.seq(), 3u);

  v1::ListAuditRequest list;
  v1::ListAuditResponse audit;
  list.set_limit(1);
  ASSERT_TRUE(
      client.registry().ListAudit(client.Context().get(), list, &audit).ok());
  const uint64_t last = audit.last_seq();
  while (record.seq() < last) ASSERT_TRUE(reader->Read(&record));

  // A new schema version, promoted: the next ValidateRecord on the bare
  // reference uses it, and the watcher sees both records.
  v1::GetItemRequest get;
  get.set_kind(v1::RECORD_SCHEMA);
  get.set_ref("NATURAL_PERSON_BASIC");
  v1::GetItemResponse current;
  ASSERT_TRUE(
      client.registry().GetItem(client.Context().get(), get, &current).ok());
  v1::CreateVersionRequest create;
  *create.mutable_item()->mutable_record_schema() =
      current.item().definition().record_schema();
  create.mutable_item()->mutable_record_schema()->set_description("v2");
  v1::ItemOutcome outcome;
  ASSERT_TRUE(client.registry()
                  .CreateVersion(client.Context().get(), create, &outcome)
                  .ok());
  EXPECT_EQ(outcome.version(), 2u);
  ASSERT_TRUE(reader->Read(&record));
  EXPECT_EQ(record.action(), "create");
  EXPECT_EQ(record.ref(), "NATURAL_PERSON_BASIC@2");

  v1::ValidateRecordResponse response;
  const auto request =
      PersonRecord("NATURAL_PERSON_BASIC", "11010519491231002X");
  ASSERT_TRUE(client.codec()
                  .ValidateRecord(client.Context().get(), request, &response)
                  .ok());
  EXPECT_EQ(response.schema_ref(), "NATURAL_PERSON_BASIC@1");
  v1::SetStatusRequest promote;
  promote.set_kind(v1::RECORD_SCHEMA);
  promote.set_ref("NATURAL_PERSON_BASIC@2");
  promote.set_status(v1::STANDARD);
  promote.set_reason("v2 reviewed");
  v1::SetStatusResponse promoted;
  ASSERT_TRUE(client.registry()
                  .SetStatus(client.Context().get(), promote, &promoted)
                  .ok());
  ASSERT_TRUE(client.codec()
                  .ValidateRecord(client.Context().get(), request, &response)
                  .ok());
  EXPECT_EQ(response.schema_ref(), "NATURAL_PERSON_BASIC@2");
  ASSERT_TRUE(reader->Read(&record));
  EXPECT_EQ(record.ref(), "NATURAL_PERSON_BASIC@2");
  EXPECT_EQ(record.status_after(), v1::STANDARD);
  EXPECT_EQ(record.reason(), "v2 reviewed");
  context->TryCancel();
  reader.reset();
  client.Close();
  // Shutdown ends open watches rather than waiting for them.
  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.log();
}

TEST_F(ServerTest, StreamsAHundredThousandRecordsInOrder) {
  ServerProcess server(dir_.path(), {"--seed", kCatalog, "--quiet"});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());
  auto context = client.Context();
  auto stream = client.codec().ValidateStream(context.get());
  constexpr int kRecords = 100000;
  std::thread writer([&] {
    for (int i = 0; i < kRecords; ++i) {
      // Every 7th record invalid: results must match their requests.
      auto request = PersonRecord(
          "NATURAL_PERSON_BASIC",
          i % 7 == 0 ? "110105194912310021" : "11010519491231002X");
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  v1::ValidateRecordResponse response;
  int read = 0;
  bool in_order = true;
  while (stream->Read(&response)) {
    const bool invalid = response.result().verdict() == v1::INVALID;
    in_order &= invalid == (read % 7 == 0);
    ++read;
  }
  writer.join();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(read, kRecords);
  EXPECT_TRUE(in_order);
}

TEST_F(ServerTest, SigtermLetsAStreamInFlightFinish) {
  ServerProcess server(dir_.path(), {"--seed", kCatalog, "--quiet"});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());
  auto context = client.Context();
  auto stream = client.codec().ValidateStream(context.get());
  auto request = PersonRecord("NATURAL_PERSON_BASIC", "11010519491231002X");
  v1::ValidateRecordResponse response;
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  kill(server.pid(), SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // The call in flight goes on until the client ends it.
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(stream->Write(request));
    ASSERT_TRUE(stream->Read(&response));
  }
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(server.Stop(0), 0) << server.log();
  EXPECT_THAT(server.log(), HasSubstr("shuyuan-server stopped"));
}

TEST_F(ServerTest, ImportsAMillionEntryCodeListByClientStream) {
  ServerProcess server(dir_.path(), {"--quiet"});
  ASSERT_TRUE(server.started()) << server.log();
  Client client(server.address());
  auto context = client.Context();
  v1::ItemOutcome outcome;
  auto writer = client.registry().CreateCodeList(context.get(), &outcome);
  constexpr int kEntries = 1000000;
  constexpr int kChunk = 50000;
  for (int start = 0; start < kEntries; start += kChunk) {
    v1::CodeListChunk chunk;
    if (start == 0) {
      chunk.mutable_code_list()->set_id("BIG");
      chunk.mutable_code_list()->set_name_zh("大代码集");
    }
    for (int i = start; i < start + kChunk; ++i) {
      v1::CodeEntry* entry = chunk.mutable_code_list()->add_entries();
      entry->set_code(absl::StrCat(10000000 + i));
      entry->set_name_zh(absl::StrCat("项", i));
    }
    ASSERT_TRUE(writer->Write(chunk));
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(outcome.action(), v1::ItemOutcome::CREATED);
  EXPECT_EQ(outcome.version(), 1u);

  // A chunk over the limit is refused naming it.
  ServerProcess small(
      dir_.path(),
      {"--data-dir", dir_.Path("small"), "--max-chunk-entries", "10"}, "small");
  ASSERT_TRUE(small.started()) << small.log();
  Client small_client(small.address());
  auto small_context = small_client.Context();
  auto small_writer =
      small_client.registry().CreateCodeList(small_context.get(), &outcome);
  v1::CodeListChunk chunk;
  chunk.mutable_code_list()->set_id("X");
  for (int i = 0; i < 11; ++i) {
    chunk.mutable_code_list()->add_entries()->set_code(absl::StrCat(i));
  }
  small_writer->Write(chunk);
  small_writer->WritesDone();
  status = small_writer->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("--max-chunk-entries"));
}

TEST_F(ServerTest, AcknowledgedVersionsSurviveKillNineOfTheServer) {
  uint32_t acknowledged = 0;
  for (int round = 0; round < 3; ++round) {
    ServerProcess server(dir_.path(), {"--quiet"});
    ASSERT_TRUE(server.started()) << server.log();
    std::atomic<bool> stop{false};
    std::atomic<uint32_t> last{0};
    std::thread writer([&] {
      Client client(server.address());
      for (int i = 0; !stop; ++i) {
        v1::CreateVersionRequest request;
        *request.mutable_item() = NameElement(1000 + round * 100000 + i);
        v1::ItemOutcome outcome;
        if (!client.registry()
                 .CreateVersion(client.Context().get(), request, &outcome)
                 .ok()) {
          return;
        }
        last = outcome.version();
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    server.Stop(SIGKILL);
    stop = true;
    writer.join();
    acknowledged = std::max(acknowledged, last.load());
    ServerProcess again(dir_.path(), {"--quiet"}, "again");
    ASSERT_TRUE(again.started()) << again.log();
    Client client(again.address());
    v1::HistoryRequest history;
    history.set_kind(v1::DATA_ELEMENT);
    history.set_id("BZ");
    v1::HistoryResponse versions;
    ASSERT_TRUE(client.registry()
                    .History(client.Context().get(), history, &versions)
                    .ok());
    EXPECT_GE(static_cast<uint32_t>(versions.versions_size()), acknowledged);
    client.Close();
    again.Stop(SIGTERM);
  }
  EXPECT_GT(acknowledged, 0u);
}

}  // namespace
}  // namespace shuyuan
