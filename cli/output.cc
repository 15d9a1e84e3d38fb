#include "cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <utility>

#include "cli/table.h"
#include "cli/yaml.h"

namespace keyward::cli {

bool ParseFormat(const std::string& text, Format* format) {
  if (text == "table") {
    *format = Format::kTable;
  } else if (text == "json") {
    *format = Format::kJson;
  } else if (text == "yaml") {
    *format = Format::kYaml;
  } else {
    return false;
  }
  return true;
}

Json ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(message, &text, options)
           .ok()) {
    return Json::object();  // only for invalid messages, which stubs reject
  }
  return Json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string TimeCell(const Json& value, const std::string& unset) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    return unset;
  }
  std::string text = value.get<std::string>();
  // Protobuf writes UTC with "Z" and 0, 3, 6 or 9 fractional digits.
  const size_t dot = text.find('.');
  if (dot != std::string::npos && !text.empty() && text.back() == 'Z') {
    text = text.substr(0, dot) + "Z";
  }
  return text;
}

Column FieldColumn(const std::string& label, const std::string& field) {
  return {label, [field](const Json& object) -> std::string {
            auto it = object.find(field);
            if (it == object.end() || it->is_null()) return "";
            if (it->is_string()) return it->get<std::string>();
            return it->dump();
          }};
}

Column TimeColumn(const std::string& label, const std::string& field,
                  const std::string& unset) {
  return {label, [field, unset](const Json& object) {
            auto it = object.find(field);
            return it == object.end() ? unset : TimeCell(*it, unset);
          }};
}

void Printer::Object(const Json& object,
                     const std::vector<Column>& fields) const {
  if (!is_table()) {
    Structured(object);
    return;
  }
  std::vector<std::pair<std::string, std::string>> lines;
  for (const Column& field : fields) {
    lines.emplace_back(field.label, field.cell(object));
  }
  out_ << FormatFields(lines) << std::flush;
}

void Printer::List(const Json& items,
                   const std::vector<Column>& columns) const {
  if (!is_table()) {
    Structured(items.is_array() ? items : Json::array());
    return;
  }
  std::vector<std::string> header;
  for (const Column& column : columns) {
    std::string label = column.label;
    for (char& c : label) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    header.push_back(label);
  }
  std::vector<std::vector<std::string>> rows;
  for (const Json& item : items) {
    std::vector<std::string> row;
    for (const Column& column : columns) row.push_back(column.cell(item));
    rows.push_back(std::move(row));
  }
  out_ << FormatTable(header, rows) << std::flush;
}

void Printer::Line(const Json& item, const std::vector<Column>& columns) const {
  if (!is_table()) {
    out_ << item.dump() << std::endl;
    return;
  }
  std::vector<std::string> cells;
  for (const Column& column : columns) cells.push_back(column.cell(item));
  out_ << FormatRow(cells) << std::flush;
}

void Printer::Result(const Json& value, const std::string& text) const {
  if (is_table()) {
    out_ << text << std::endl;
  } else {
    Structured(value);
  }
}

void Printer::Structured(const Json& value) const {
  if (format_ == Format::kYaml) {
    out_ << ToYaml(value);
  } else {
    out_ << value.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  }
  out_.flush();
}

}  // namespace keyward::cli
