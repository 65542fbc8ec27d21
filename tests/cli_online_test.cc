// The `shuyuan` CLI against a real shuyuan-server (SPEC §5): each test
// starts the server binary on a free loopback port with a fresh store seeded
// from catalog/, then runs the real CLI binary and checks what it prints,
// what it changed and its exit codes.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <signal.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/codec_service.pb.h"
#include "shuyuan/v1/registry_service.pb.h"
#include "tests/testing/run_binary.h"
#include "tests/testing/server_process.h"

namespace shuyuan {
namespace {

using ::shuyuan::testing::TempDir;
using ::shuyuan::tests_testing::ReadFile;
using ::shuyuan::tests_testing::RunOutcome;
using ::shuyuan::tests_testing::ServerProcess;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kShuyuan[] = SHUYUAN_BINARY_DIR "/client/shuyuan";
constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";
constexpr char kWalkthrough[] = SHUYUAN_SOURCE_DIR "/examples/walkthrough";
constexpr char kLegacy[] =
    SHUYUAN_SOURCE_DIR "/examples/legacy_legal_persons.csv";

// Parses the JSON the CLI printed into `Message`, failing the test when it
// does not parse.
template <typename Message>
Message FromJson(const std::string& json) {
  Message message;
  const auto status =
      google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in:\n" << json;
  return message;
}

class CliOnlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kShuyuan)) << kShuyuan;
    server_ = std::make_unique<ServerProcess>(
        dir_.path(), std::vector<std::string>{"--seed", kCatalog, "--quiet"});
    ASSERT_TRUE(server_->started()) << server_->log();
  }

  // Runs the CLI against the server; global flags go first.
  RunOutcome Shuyuan(std::vector<std::string> args) {
    args.insert(args.begin(), {"--server", server_->address()});
    return Run(args);
  }
  RunOutcome Run(const std::vector<std::string>& args) {
    return tests_testing::RunBinary(kShuyuan, args, dir_.path());
  }
  // The newest sequence number of the audit log.
  uint64_t LastAuditSeq() {
    const RunOutcome run = Shuyuan({"audit", "--limit", "1", "-o", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return FromJson<v1::ListAuditResponse>(run.out).last_seq();
  }
  std::string Walkthrough(const std::string& version) const {
    return absl::StrCat(kWalkthrough, "/", version);
  }

  TempDir dir_{"cli_online_test"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(CliOnlineTest, ApplyGetDiffPromoteRetireRoundTrip) {
  RunOutcome run = Shuyuan({"apply", "-f", Walkthrough("v1")});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("element LXRXM: created v1 (CANDIDATE), "
                                 "first version"));
  run = Shuyuan({"apply", "-f", Walkthrough("v1")});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("element LXRXM: unchanged v1"));

  run = Shuyuan({"apply", "-f", Walkthrough("v2")});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("created v2 (CANDIDATE), COMPATIBLE with v1"));
  EXPECT_THAT(run.out, HasSubstr("format a..30 → a..50: widens"));

  // Breaking: refused, with the change and the file and line of the item.
  run = Shuyuan({"apply", "-f", Walkthrough("v3")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("element LXRXM: refused, BREAKING"));
  EXPECT_THAT(run.out, HasSubstr("format a..50 → a..20: narrows  [breaking]"));
  EXPECT_THAT(run.out, HasSubstr("v3/LXRXM.yaml:3: data_element: BREAKING"));
  EXPECT_THAT(run.out, HasSubstr("refused: 1 of 1 items; nothing written"));

  run = Shuyuan({"diff", "element", "LXRXM@1", "LXRXM@2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "LXRXM@1 → LXRXM@2: COMPATIBLE\n    format a..30 → a..50: "
            "widens\n");

  run = Shuyuan({"promote", "element", "LXRXM@2", "--to", "standard",
                 "--reason", "reviewed"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "element LXRXM@2 is now STANDARD\n");
  // A bare reference now denotes version 2.
  run = Shuyuan({"get", "element", "LXRXM", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const auto item = FromJson<v1::GetItemResponse>(run.out);
  EXPECT_EQ(item.item().definition().data_element().format(), "a..50");
  EXPECT_EQ(item.item().definition().data_element().version_info().version(),
            2u);

  run = Shuyuan({"retire", "element", "LXRXM@1", "--reason", "superseded"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  run = Shuyuan({"promote", "element", "LXRXM@1", "--to", "STANDARD",
                 "--reason", "back"});
  EXPECT_EQ(run.exit_code, 2) << "a retired version cannot come back";
  EXPECT_THAT(run.err, HasSubstr("error: "));

  run = Shuyuan({"history", "element", "LXRXM", "-o", "json"});
  const auto history = FromJson<v1::HistoryResponse>(run.out);
  ASSERT_EQ(history.versions_size(), 2);
  EXPECT_EQ(history.versions(0).registration_status(), v1::RETIRED);
  EXPECT_EQ(history.versions(1).registration_status(), v1::STANDARD);

  // The audit log holds the moves with their reasons.
  run = Shuyuan({"audit", "--limit", "10000", "-o", "json"});
  const auto audit = FromJson<v1::ListAuditResponse>(run.out);
  ASSERT_GE(audit.records_size(), 4);
  const v1::AuditRecord& last = *audit.records().rbegin();
  EXPECT_EQ(last.ref(), "LXRXM@1");
  EXPECT_EQ(last.status_after(), v1::RETIRED);
  EXPECT_EQ(last.reason(), "superseded");
}

TEST_F(CliOnlineTest, DryRunWritesNothing) {
  const uint64_t last_seq = LastAuditSeq();
  RunOutcome run = Shuyuan({"apply", "-f", Walkthrough("v1"), "--dry-run"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("element LXRXM: would create v1"));
  EXPECT_THAT(run.out, HasSubstr("dry run: 1 would be created, 0 unchanged; "
                                 "nothing written"));
  run = Shuyuan({"list", "element", "--prefix", "LXR", "-o", "json"});
  EXPECT_EQ(FromJson<v1::ListItemsResponse>(run.out).items_size(), 0);
  run = Shuyuan({"get", "element", "LXRXM@latest"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(LastAuditSeq(), last_seq);
}

TEST_F(CliOnlineTest, EveryOutputFormParses) {
  // Global flags before or after the command.
  RunOutcome run = Shuyuan({"-o", "json", "list", "codelist"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const auto lists = FromJson<v1::ListItemsResponse>(run.out);
  EXPECT_GE(lists.items_size(), 7);
  run = Shuyuan({"list", "codelist", "--status", "STANDARD", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const YAML::Node yaml = YAML::Load(run.out);
  ASSERT_TRUE(yaml["items"].IsSequence());
  EXPECT_EQ(yaml["items"].size(), static_cast<size_t>(lists.items_size()));
  EXPECT_EQ(yaml["items"][0]["kind"].as<std::string>(), "CODE_LIST");
  EXPECT_EQ(yaml["items"][0]["registration_status"].as<std::string>(),
            "STANDARD");

  run = Shuyuan({"get", "codelist", "GB_T_2261_1", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const YAML::Node item = YAML::Load(run.out);
  // Codes stay strings: "1", not 1.
  const YAML::Node entries = item["item"]["definition"]["code_list"]["entries"];
  ASSERT_TRUE(entries.IsSequence());
  EXPECT_EQ(entries[1]["code"].Tag(), "!");
  EXPECT_EQ(entries[1]["code"].as<std::string>(), "1");

  run = Shuyuan({"search", "身份", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GE(FromJson<v1::SearchResponse>(run.out).hits_size(), 1);
  run = Shuyuan({"history", "schema", "LEGAL_PERSON_BASIC", "-o", "yaml"});
  EXPECT_EQ(YAML::Load(run.out)["policy"].as<std::string>(), "BACKWARD");
  run = Shuyuan({"apply", "-f", Walkthrough("v1"), "--dry-run", "-o", "json"});
  const auto applied = FromJson<v1::ApplyResponse>(run.out);
  EXPECT_FALSE(applied.applied());
  ASSERT_EQ(applied.items_size(), 1);
  EXPECT_EQ(applied.items(0).action(), v1::ItemOutcome::CREATED);

  // Tables for people: aligned columns, Chinese names included.
  run = Shuyuan({"list", "schema"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u) << run.out;
  EXPECT_THAT(lines[0], HasSubstr("ID"));
  EXPECT_THAT(run.out, HasSubstr("法人基本信息"));
  EXPECT_EQ(lines[1].find("1  "), lines[0].find("VERSION"));
}

TEST_F(CliOnlineTest, ExitCodes) {
  EXPECT_EQ(Shuyuan({"get", "element", "GMSFHM"}).exit_code, 0);
  RunOutcome run = Shuyuan({"get", "element", "NO_SUCH"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("NO_SUCH"));
  run = Shuyuan({"get", "table", "GMSFHM"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("element, codelist, schema, term"));
  EXPECT_EQ(Shuyuan({"get", "element"}).exit_code, 2);
  EXPECT_EQ(
      Shuyuan({"promote", "element", "GMSFHM@1", "--to", "STANDARD"}).exit_code,
      2);  // no --reason
  EXPECT_EQ(Shuyuan({"get", "--help"}).exit_code, 0);

  // 3: validated, with rejected records and --fail-on-reject.
  const std::string records =
      dir_.Write("records.jsonl",
                 "{\"gmsfhm\": \"11010519491231002X\", \"xm\": \"张三\"}\n"
                 "{\"gmsfhm\": \"110105194912310021\", \"xm\": \"李四\"}\n");
  run = Shuyuan({"validate", "--schema", "NATURAL_PERSON_BASIC", "--in",
                 records, "--fail-on-reject"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, HasSubstr("line 1: VALID"));
  EXPECT_THAT(run.out, HasSubstr("line 2: INVALID"));
  EXPECT_THAT(run.out, HasSubstr("CHECKSUM_MISMATCH"));
  EXPECT_EQ(
      Shuyuan({"validate", "--schema", "NATURAL_PERSON_BASIC", "--in", records})
          .exit_code,
      0);

  // 4: nothing listens there.
  run = Run({"get", "element", "GMSFHM", "--server", "127.0.0.1:1"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("could not reach shuyuan-server at "
                                 "127.0.0.1:1"));
}

TEST_F(CliOnlineTest, ValidateOneRecordAndAStream) {
  RunOutcome run = Shuyuan(
      {"validate", "--schema", "NATURAL_PERSON_BASIC", "--record",
       R"({"身份证号": "11010519491231002x", "xm": "张三", "性别": "女"})"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("NATURAL_PERSON_BASIC@1: VALID"));
  EXPECT_THAT(run.out, HasSubstr("gmsfhm  11010519491231002X"));
  EXPECT_THAT(run.out, HasSubstr("csrq    19491231"));
  run = Shuyuan(
      {"validate", "--schema", "NATURAL_PERSON_BASIC", "--record", "[1]"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("not a flat JSON object"));

  const std::string records =
      dir_.Write("records.jsonl",
                 "{\"gmsfhm\": \"11010519491231002X\", \"xm\": \"张三\"}\n"
                 "not json\n"
                 "{\"gmsfhm\": \"110105194912310021\", \"xm\": \"李四\"}\n");
  run = Shuyuan({"validate", "--schema", "NATURAL_PERSON_BASIC", "--in",
                 records, "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("records.jsonl:2: MALFORMED_ROW"));
  EXPECT_THAT(run.err, HasSubstr("2 records: 1 valid, 0 with warnings, 1 "
                                 "invalid; 1 malformed line"));
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  const auto first = FromJson<google::protobuf::Struct>(lines[0]);
  EXPECT_EQ(first.fields().at("line").number_value(), 1);
  const auto second = FromJson<google::protobuf::Struct>(lines[1]);
  EXPECT_EQ(second.fields().at("line").number_value(), 3);
  EXPECT_EQ(second.fields()
                .at("result")
                .struct_value()
                .fields()
                .at("verdict")
                .string_value(),
            "INVALID");
}

TEST_F(CliOnlineTest, BundleAndServerNormaliseAsTheLocalCatalog) {
  const std::string bundle = dir_.Path("lp.bundle");
  RunOutcome run = Shuyuan(
      {"bundle", "export", "--schema", "LEGAL_PERSON_BASIC", "-o", bundle});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("LEGAL_PERSON_BASIC@1 (STANDARD, 20 "
                                 "elements"));

  auto normalize = [&](const std::string& name,
                       std::vector<std::string> source) {
    std::vector<std::string> args = {"normalize"};
    args.insert(args.end(), source.begin(), source.end());
    args.insert(args.end(), {"--schema", "LEGAL_PERSON_BASIC", "--in", kLegacy,
                             "--out", dir_.Path(name + ".csv"), "--rejects",
                             dir_.Path(name + ".jsonl"), "--report",
                             dir_.Path(name + ".json"), "--threads", "1"});
    RunOutcome done = Run(args);
    EXPECT_EQ(done.exit_code, 0) << name << ": " << done.err;
    return ReadFile(dir_.Path(name + ".csv"));
  };
  const std::string local = normalize("local", {"--defs", kCatalog});
  ASSERT_THAT(local, HasSubstr("tyshxydm,"));
  EXPECT_EQ(normalize("bundle", {"--bundle", bundle}), local);
  EXPECT_EQ(normalize("defs_bundle", {"--defs", bundle}), local);
  EXPECT_EQ(normalize("server", {"--server", server_->address()}), local);

  // The report names versions and content hashes of what the server gave.
  const std::string report = ReadFile(dir_.Path("server.json"));
  EXPECT_THAT(report, HasSubstr("\"ref\": \"LEGAL_PERSON_BASIC@1\""));
  EXPECT_THAT(report, HasSubstr("\"ref\": \"TYSHXYDM@1\""));
  v1::Bundle exported;
  ASSERT_TRUE(exported.ParseFromString(ReadFile(bundle)));
  EXPECT_THAT(report, HasSubstr(absl::StrCat(
                          "\"sha256\": \"",
                          exported.schema().version_info().content_hash())));

  // A bundle changed after export is refused.
  exported.mutable_code_lists(0)->mutable_entries(0)->set_name_zh("改");
  std::ofstream(dir_.Path("changed.bundle"), std::ios::binary)
      << exported.SerializeAsString();
  run = Run({"normalize", "--bundle", dir_.Path("changed.bundle"), "--schema",
             "LEGAL_PERSON_BASIC", "--in", kLegacy, "--out", dir_.Path("x"),
             "--rejects", dir_.Path("y"), "--report", dir_.Path("z")});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("does not match its content hash"));

  run = Shuyuan({"normalize", "--schema", "NO_SUCH", "--in", kLegacy, "--out",
                 dir_.Path("x"), "--rejects", dir_.Path("y"), "--report",
                 dir_.Path("z")});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.err, HasSubstr("NO_SUCH"));
}

// 25,000 codes: three chunks of at most 10,000.
std::string CodesTsv(int count) {
  std::string text = "code\tname_zh\tvalid_from\taliases\n";
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&text, "C", i, "\t代码", i, "\t2000-01-01\tc", i, "|k", i,
                    "\n");
  }
  return text;
}

TEST_F(CliOnlineTest, CodeListImportStreamsChunks) {
  const std::string codes = dir_.Write("codes.tsv", CodesTsv(25000));
  const std::vector<std::string> import = {
      "codelist",  "import", "BIG",        "--file", codes,
      "--name-zh", "大列表", "--standard", "T-1"};
  RunOutcome run = Shuyuan(import);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("codelist BIG: created v1 (CANDIDATE)"));
  EXPECT_THAT(run.err, HasSubstr("25000 entries from"));
  run = Shuyuan({"get", "codelist", "BIG@1", "-o", "json"});
  const auto got = FromJson<v1::GetItemResponse>(run.out);
  const v1::CodeList& list = got.item().definition().code_list();
  ASSERT_EQ(list.entries_size(), 25000);
  EXPECT_EQ(list.name_zh(), "大列表");
  EXPECT_EQ(list.entries(24999).code(), "C24999");
  EXPECT_EQ(list.entries(7).aliases_size(), 2);

  run = Shuyuan(import);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("codelist BIG: unchanged v1"));

  // A problem the server finds in an entry is named on its file line.
  dir_.Write("overlap.tsv",
             "code\tname_zh\tvalid_from\tvalid_to\n"
             "B\tb\t\t\n"
             "A\ta\t2000-01-01\t2010-12-31\n"
             "\n"
             "A\ta2\t2005-01-01\t\n");
  run = Shuyuan({"codelist", "import", "OVERLAP", "--file",
                 dir_.Path("overlap.tsv"), "--name-zh", "重叠"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("codelist OVERLAP: refused"));
  EXPECT_THAT(run.out, HasSubstr("overlap.tsv:5: code_list.entries[2]."
                                 "valid_from: "));
  EXPECT_EQ(Shuyuan({"get", "codelist", "OVERLAP@latest"}).exit_code, 2);

  // A bad line is named before anything is registered.
  dir_.Write("bad.tsv",
             "code\tname_zh\tvalid_from\tvalid_to\n"
             "A\ta\t\t\nB\tb\t2021-02-30\t\n");
  run = Shuyuan({"codelist", "import", "BAD", "--file", dir_.Path("bad.tsv"),
                 "--name-zh", "坏"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("bad.tsv:3: column 'valid_from': "
                                 "'2021-02-30' is not a real date"));
  EXPECT_EQ(Shuyuan({"get", "codelist", "BAD@latest"}).exit_code, 2);
}

TEST_F(CliOnlineTest, AuditFollowPrintsNewRecordsUntilInterrupted) {
  // Its own scratch folder: other runs capture into dir_ meanwhile.
  const std::filesystem::path scratch = dir_.Path("follow");
  std::filesystem::create_directories(scratch);
  const tests_testing::RunningBinary child = tests_testing::StartBinary(
      kShuyuan,
      {"audit", "--follow", "--from", absl::StrCat(LastAuditSeq()), "-o",
       "json", "--server", server_->address()},
      scratch);
  ASSERT_GT(child.pid, 0);
  // Wait until the stream is open: the apply must come after it.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(Shuyuan({"apply", "-f", Walkthrough("v1")}).exit_code, 0);
  std::string text;
  for (int i = 0; i < 200 && text.find("LXRXM@1") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    text = ReadFile(scratch / "stdout");
  }
  kill(child.pid, SIGINT);
  const RunOutcome done = tests_testing::WaitBinary(child);
  EXPECT_EQ(done.term_signal, 0) << "killed by the signal";
  EXPECT_EQ(done.exit_code, 0) << done.err;
  const std::vector<std::string> lines =
      absl::StrSplit(done.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 1u) << done.out;
  const auto record = FromJson<v1::AuditRecord>(lines[0]);
  EXPECT_EQ(record.ref(), "LXRXM@1");
  EXPECT_EQ(record.action(), "create");
}

// A server with a tokens file, the line made by `shuyuan token hash`.
class CliAuthTest : public ::testing::Test {
 protected:
  TempDir dir_{"cli_auth_test"};
};

TEST_F(CliAuthTest, TokensAndRoles) {
  RunOutcome made =
      tests_testing::RunBinary(kShuyuan,
                               {"token", "hash", "--principal", "rita",
                                "--roles", "reader", "-o", "json"},
                               dir_.path());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto token = FromJson<google::protobuf::Struct>(made.out);
  const std::string reader_token = token.fields().at("token").string_value();
  EXPECT_EQ(reader_token.size(), 46u);
  const std::string tokens = dir_.Write(
      "tokens", "# test tokens\n" +
                    token.fields().at("tokens_file_line").string_value() +
                    "\n");
  ServerProcess server(dir_.path(),
                       {"--seed", kCatalog, "--tokens", tokens, "--quiet"});
  ASSERT_TRUE(server.started()) << server.log();
  auto shuyuan = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--server", server.address()});
    return tests_testing::RunBinary(kShuyuan, args, dir_.path());
  };

  RunOutcome run = shuyuan({"get", "element", "XBDM", "--token", reader_token});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  run = shuyuan({"get", "element", "XBDM", "--token", "sy_wrong"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("did not accept the token"));
  EXPECT_THAT(run.err, Not(HasSubstr("sy_wrong")));
  run = shuyuan({"list", "schema"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("no token was sent"));
  run = shuyuan({"apply", "-f", absl::StrCat(kWalkthrough, "/v1"), "--token",
                 reader_token});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("`shuyuan apply` needs a token with the "
                                 "registrant role"));
}

// Writes a self-signed certificate for 127.0.0.1 (it is its own CA) and its
// key as PEM files in `dir`: cert.pem, key.pem.
void WriteSelfSignedCertificate(const std::string& dir) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  for (const auto& [nid, value] :
       {std::pair<int, const char*>{NID_subject_alt_name,
                                    "IP:127.0.0.1,DNS:localhost"},
        {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    ASSERT_NE(extension, nullptr);
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
  }
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* pem = std::fopen((dir + "/cert.pem").c_str(), "w");
  PEM_write_X509(pem, cert);
  std::fclose(pem);
  pem = std::fopen((dir + "/key.pem").c_str(), "w");
  PEM_write_PrivateKey(pem, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(pem);
  X509_free(cert);
  EVP_PKEY_free(key);
}

TEST(CliTlsTest, TrustsTheCaItIsGiven) {
  TempDir dir("cli_tls_test");
  WriteSelfSignedCertificate(dir.path());
  const std::string cert = dir.Path("cert.pem");
  ServerProcess server(dir.path(), {"--seed", kCatalog, "--quiet", "--tls-cert",
                                    cert, "--tls-key", dir.Path("key.pem")});
  ASSERT_TRUE(server.started()) << server.log();
  auto shuyuan = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--server", server.address()});
    return tests_testing::RunBinary(kShuyuan, args, dir.path());
  };
  RunOutcome run = shuyuan({"--tls-ca", cert, "get", "element", "XBDM"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("性别代码"));
  // Plain text to a TLS server, and TLS trusting only the system's CAs.
  EXPECT_EQ(shuyuan({"get", "element", "XBDM"}).exit_code, 4);
  EXPECT_EQ(shuyuan({"--tls", "get", "element", "XBDM"}).exit_code, 4);
  run = shuyuan({"--tls-ca", dir.Path("none.pem"), "get", "element", "XBDM"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("none.pem"));
}

}  // namespace
}  // namespace shuyuan
