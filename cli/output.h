// How `keyward` prints results: aligned tables by default, or `-o json` /
// `-o yaml` for scripts (a list for list commands, an object otherwise).
// Results are first converted to JSON with the API's proto field names
// (snake_case, every scalar field present), so the three formats show the
// same data; tables pick columns from that JSON through Column definitions.
//
// Thread-safety: a Printer writes to one stream without locking; use it from
// one thread.
#ifndef KEYWARD_CLI_OUTPUT_H_
#define KEYWARD_CLI_OUTPUT_H_

#include <google/protobuf/message.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace keyward::cli {

using Json = nlohmann::ordered_json;

enum class Format { kTable, kJson, kYaml };

// "table", "json" or "yaml"; false for anything else.
bool ParseFormat(const std::string& text, Format* format);

// `message` as JSON: proto field names, enums by name, timestamps in RFC
// 3339, and scalar fields present even when they hold their default.
Json ToJson(const google::protobuf::Message& message);

// An RFC 3339 timestamp cut to whole seconds ("2024-05-01T10:00:00Z"), or
// `unset` when `value` is not a string or is empty.
std::string TimeCell(const Json& value, const std::string& unset = "");

// One table column: its label ("Display Name"; list headers are upper-case)
// and how to compute its cell from an object.
struct Column {
  std::string label;
  std::function<std::string(const Json&)> cell;
};

// A column showing a string field as is (numbers and booleans as JSON).
Column FieldColumn(const std::string& label, const std::string& field);
// A column showing a timestamp field with TimeCell.
Column TimeColumn(const std::string& label, const std::string& field,
                  const std::string& unset = "");

class Printer {
 public:
  Printer(Format format, std::ostream& out) : format_(format), out_(out) {}

  Format format() const { return format_; }
  bool is_table() const { return format_ == Format::kTable; }

  // One object: "Label: value" lines in table mode, else the object.
  void Object(const Json& object, const std::vector<Column>& fields) const;

  // A list: a header row and one row per item in table mode, else a list.
  void List(const Json& items, const std::vector<Column>& columns) const;

  // A result without columns: `text` (a line) in table mode, else `value`.
  void Result(const Json& value, const std::string& text) const;

  // One item of a stream, on one line, flushed: the columns' cells
  // separated by two spaces in table mode, else compact JSON (JSON Lines,
  // in yaml mode too).
  void Line(const Json& item, const std::vector<Column>& columns) const;

 private:
  void Structured(const Json& value) const;

  Format format_;
  std::ostream& out_;
};

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_OUTPUT_H_
