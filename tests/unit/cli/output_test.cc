// Table, YAML and printer formatting of `keyward` output.
#include "cli/output.h"

#include <gmock/gmock.h>
#include <google/protobuf/timestamp.pb.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/table.h"
#include "cli/yaml.h"
#include "keyward/v1/environment.pb.h"

namespace keyward::cli {
namespace {

TEST(FormatTableTest, SizesColumnsToTheirWidestCellWithoutTrailingBlanks) {
  EXPECT_EQ(
      FormatTable({"ID", "NAME", "STAGE"},
                  {{"env-12345678", "Payments", "prod"}, {"env-x", "A", ""}}),
      "ID            NAME      STAGE\n"
      "env-12345678  Payments  prod\n"
      "env-x         A\n");
}

TEST(FormatTableTest, AHeaderAloneWhenThereAreNoRows) {
  EXPECT_EQ(FormatTable({"ID", "NAME"}, {}), "ID  NAME\n");
}

TEST(FormatTableTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(FormatTable({"NAME", "X"}, {{"Zürich", "1"}}),
            "NAME    X\n"
            "Zürich  1\n");
}

TEST(FormatTableTest, ControlCharactersCannotBreakARow) {
  EXPECT_EQ(FormatTable({"A", "B"}, {{"x\ny", "z"}}),
            "A    B\n"
            "x y  z\n");
}

TEST(FormatRowTest, OneLineWhateverItsCellsHold) {
  EXPECT_EQ(FormatRow({"a", "b\nc", ""}), "a  b c\n");
}

TEST(PrinterLineTest, ACellRowInTableModeAndCompactJsonOtherwise) {
  const Json event = {{"action", "api_key.create"}, {"target_id", "lkc-1"}};
  const std::vector<Column> columns = {FieldColumn("Action", "action"),
                                       FieldColumn("Target", "target_id")};
  std::ostringstream table, json;
  Printer(Format::kTable, table).Line(event, columns);
  Printer(Format::kJson, json).Line(event, columns);
  EXPECT_EQ(table.str(), "api_key.create  lkc-1\n");
  EXPECT_EQ(json.str(),
            "{\"action\":\"api_key.create\",\"target_id\":\"lkc-1\"}\n");
}

TEST(FormatFieldsTest, AlignsValuesAfterTheLabels) {
  EXPECT_EQ(FormatFields(
                {{"ID", "env-1"}, {"Display Name", "Payments"}, {"Email", ""}}),
            "ID:            env-1\n"
            "Display Name:  Payments\n"
            "Email:\n");
}

TEST(ToYamlTest, WritesObjectsListsAndNesting) {
  const Json value = Json::parse(R"({
    "id": "env-1", "count": 3, "valid": true, "none": null,
    "tags": ["a", "b"], "empty": [], "nothing": {},
    "owner": {"id": "sa-1", "kind": "service"},
    "items": [{"rule": "r1", "message": "m1"}, {"rule": "r2"}],
    "nested": [[1, 2], []]
  })");
  EXPECT_EQ(ToYaml(value),
            "id: env-1\n"
            "count: 3\n"
            "valid: true\n"
            "none: null\n"
            "tags:\n"
            "  - a\n"
            "  - b\n"
            "empty: []\n"
            "nothing: {}\n"
            "owner:\n"
            "  id: sa-1\n"
            "  kind: service\n"
            "items:\n"
            "  - rule: r1\n"
            "    message: m1\n"
            "  - rule: r2\n"
            "nested:\n"
            "  - - 1\n"
            "    - 2\n"
            "  - []\n");
}

TEST(ToYamlTest, ATopLevelListOfObjects) {
  EXPECT_EQ(ToYaml(Json::parse(R"([{"id": "a", "count": 1}, {"id": "b"}])")),
            "- id: a\n"
            "  count: 1\n"
            "- id: b\n");
  EXPECT_EQ(ToYaml(Json::array()), "[]\n");
}

TEST(ToYamlTest, QuotesStringsYamlWouldReadAsSomethingElse) {
  const Json value = {{"empty", ""},           {"bool", "true"},
                      {"word", "Yes"},         {"nothing", "null"},
                      {"number", "123"},       {"time", "2024-05-01T10:00:00Z"},
                      {"colon", "a: b"},       {"comment", "a #b"},
                      {"dash", "- x"},         {"star", "*x"},
                      {"quote", "say \"hi\""}, {"newline", "a\nb"},
                      {"unicode", "Zürich"},   {"trailing", "x "}};
  EXPECT_EQ(ToYaml(value),
            "empty: \"\"\n"
            "bool: \"true\"\n"
            "word: \"Yes\"\n"
            "nothing: \"null\"\n"
            "number: \"123\"\n"
            "time: \"2024-05-01T10:00:00Z\"\n"
            "colon: \"a: b\"\n"
            "comment: \"a #b\"\n"
            "dash: \"- x\"\n"
            "star: \"*x\"\n"
            "quote: \"say \\\"hi\\\"\"\n"
            "newline: \"a\\nb\"\n"
            "unicode: \"Zürich\"\n"
            "trailing: \"x \"\n");
}

TEST(ToYamlTest, QuotesKeysTheSameWay) {
  EXPECT_EQ(ToYaml({{"n", 1}, {"null", 2}, {"id", 3}}),
            "\"n\": 1\n"
            "\"null\": 2\n"
            "id: 3\n");
}

TEST(ToYamlTest, LeavesPlainWordsPlain) {
  EXPECT_EQ(ToYaml({{"a", "RESOURCE_KIND_KAFKA_CLUSTER"},
                    {"b", "orders producer (eu), v2"},
                    {"c", "user@example.com"},
                    {"d", "a:b"}}),
            "a: RESOURCE_KIND_KAFKA_CLUSTER\n"
            "b: orders producer (eu), v2\n"
            "c: user@example.com\n"
            "d: a:b\n");
}

TEST(ToJsonTest, UsesProtoFieldNamesAndKeepsDefaults) {
  v1::Environment environment;
  environment.set_id("env-1");
  environment.set_display_name("Payments");
  environment.mutable_create_time()->set_seconds(1714557600);
  environment.mutable_create_time()->set_nanos(123000000);
  const Json json = ToJson(environment);
  EXPECT_EQ(json["id"], "env-1");
  EXPECT_EQ(json["display_name"], "Payments");
  EXPECT_EQ(json["stage"], "");
  EXPECT_EQ(json["create_time"], "2024-05-01T10:00:00.123Z");
  EXPECT_FALSE(json.contains("update_time"));
}

TEST(TimeCellTest, CutsToWholeSecondsInUtc) {
  EXPECT_EQ(TimeCell("2024-05-01T10:00:00.123456Z"), "2024-05-01T10:00:00Z");
  EXPECT_EQ(TimeCell("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
  EXPECT_EQ(TimeCell(Json(), "never"), "never");
  EXPECT_EQ(TimeCell("", "-"), "-");
}

class PrinterTest : public ::testing::Test {
 protected:
  std::vector<Column> Columns() const {
    return {FieldColumn("ID", "id"),
            FieldColumn("Display Name", "display_name"),
            TimeColumn("Created", "create_time"),
            TimeColumn("Expires", "expire_time", "never")};
  }
  Json Items() const {
    return Json::parse(R"([
      {"id": "a", "display_name": "First",
       "create_time": "2024-05-01T10:00:00.5Z"},
      {"id": "bb", "display_name": "", "create_time": "2024-05-02T10:00:00Z",
       "expire_time": "2025-05-02T10:00:00Z"}])");
  }
  std::ostringstream out_;
};

TEST_F(PrinterTest, ListAsATableWithAnUpperCaseHeader) {
  Printer(Format::kTable, out_).List(Items(), Columns());
  EXPECT_EQ(out_.str(),
            "ID  DISPLAY NAME  CREATED               EXPIRES\n"
            "a   First         2024-05-01T10:00:00Z  never\n"
            "bb                2024-05-02T10:00:00Z  2025-05-02T10:00:00Z\n");
}

TEST_F(PrinterTest, ListAsJsonIsAList) {
  Printer(Format::kJson, out_).List(Items(), Columns());
  const Json parsed = Json::parse(out_.str());
  ASSERT_TRUE(parsed.is_array());
  EXPECT_EQ(parsed, Items());
}

TEST_F(PrinterTest, ObjectAsTableJsonAndYaml) {
  const Json object = Items()[0];
  Printer(Format::kTable, out_).Object(object, Columns());
  EXPECT_EQ(out_.str(),
            "ID:            a\n"
            "Display Name:  First\n"
            "Created:       2024-05-01T10:00:00Z\n"
            "Expires:       never\n");

  std::ostringstream json;
  Printer(Format::kJson, json).Object(object, Columns());
  EXPECT_EQ(Json::parse(json.str()), object);

  std::ostringstream yaml;
  Printer(Format::kYaml, yaml).Object(object, Columns());
  EXPECT_EQ(yaml.str(),
            "id: a\n"
            "display_name: First\n"
            "create_time: \"2024-05-01T10:00:00.5Z\"\n");
}

TEST_F(PrinterTest, ResultIsTextInTableModeAndTheValueOtherwise) {
  Printer(Format::kTable, out_).Result({{"id", "x"}}, "Deleted x.");
  EXPECT_EQ(out_.str(), "Deleted x.\n");
  std::ostringstream yaml;
  Printer(Format::kYaml, yaml).Result({{"id", "x"}}, "Deleted x.");
  EXPECT_EQ(yaml.str(), "id: x\n");
}

TEST(ParseFormatTest, KnowsTableJsonAndYaml) {
  Format format = Format::kTable;
  EXPECT_TRUE(ParseFormat("json", &format));
  EXPECT_EQ(format, Format::kJson);
  EXPECT_TRUE(ParseFormat("yaml", &format));
  EXPECT_EQ(format, Format::kYaml);
  EXPECT_TRUE(ParseFormat("table", &format));
  EXPECT_EQ(format, Format::kTable);
  EXPECT_FALSE(ParseFormat("xml", &format));
}

}  // namespace
}  // namespace keyward::cli
