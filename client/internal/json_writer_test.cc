#include "client/internal/json_writer.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::client_internal {
namespace {

TEST(JsonWriterTest, EscapesStringsAndKeepsUtf8) {
  std::string out;
  AppendJsonString("a\"b\\c\nd\te\x01 统一代码", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 统一代码\"");
}

TEST(JsonWriterTest, CompactObjectsAndArraysInWriteOrder) {
  std::string out;
  JsonWriter json(&out);
  json.BeginObject();
  json.Key("z").Uint(2400);
  json.Key("a").BeginArray().String("x").Int(-1).Bool(true).Null().EndArray();
  json.Key("empty").BeginObject().EndObject();
  json.Key("d").Double(0.5);
  json.EndObject();
  EXPECT_EQ(out, R"({"z":2400,"a":["x",-1,true,null],"empty":{},"d":0.5})");
}

TEST(JsonWriterTest, PrettyPrints) {
  std::string out;
  JsonWriter json(&out, 2);
  json.BeginObject();
  json.Key("a").BeginArray().Int(1).Int(2).EndArray();
  json.Key("b").BeginObject().EndObject();
  json.EndObject();
  EXPECT_EQ(out, "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
}

}  // namespace
}  // namespace shuyuan::client_internal
