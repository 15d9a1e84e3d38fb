#include "cli/yaml.h"

#include <algorithm>
#include <cctype>

namespace keyward::cli {
namespace {

bool IsReservedWord(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  static const char* const kWords[] = {"true", "false", "yes", "no",   "on",
                                       "off",  "y",     "n",   "null", "~"};
  for (const char* word : kWords) {
    if (lower == word) return true;
  }
  return false;
}

bool IsPlainSafe(const std::string& text) {
  if (text.empty() || IsReservedWord(text)) return false;
  const unsigned char first = static_cast<unsigned char>(text.front());
  if (!std::isalpha(first) && first != '_' && first != '/') return false;
  if (text.back() == ' ' || text.back() == ':') return false;
  if (text.find(": ") != std::string::npos ||
      text.find(" #") != std::string::npos) {
    return false;
  }
  for (unsigned char c : text) {
    if (std::isalnum(c)) continue;
    if (std::string(" _-./@+:,()").find(static_cast<char>(c)) ==
        std::string::npos) {
      return false;
    }
  }
  return true;
}

std::string Scalar(const nlohmann::ordered_json& value) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (IsPlainSafe(text)) return text;
    return value.dump(-1, ' ', false,
                      nlohmann::ordered_json::error_handler_t::replace);
  }
  if (value.is_object()) return "{}";  // only ever called when empty
  if (value.is_array()) return "[]";
  return value.dump();
}

bool IsBlock(const nlohmann::ordered_json& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

void EmitBlock(const nlohmann::ordered_json& value, size_t indent,
               std::string* out);

// Emits `item` as one "- " entry of a list at `indent`.
void EmitItem(const nlohmann::ordered_json& item, size_t indent,
              std::string* out) {
  const std::string pad(indent, ' ');
  if (!IsBlock(item)) {
    *out += pad + "- " + Scalar(item) + "\n";
    return;
  }
  // Lay the collection out two columns in, then let its first line start
  // right after the dash: "- key: value\n  key2: value2".
  std::string block;
  EmitBlock(item, indent + 2, &block);
  *out += pad + "- " + block.substr(indent + 2);
}

void EmitBlock(const nlohmann::ordered_json& value, size_t indent,
               std::string* out) {
  const std::string pad(indent, ' ');
  if (value.is_array()) {
    for (const auto& item : value) EmitItem(item, indent, out);
    return;
  }
  for (const auto& [key, member] : value.items()) {
    *out += pad + Scalar(nlohmann::ordered_json(key)) + ":";
    if (IsBlock(member)) {
      *out += "\n";
      EmitBlock(member, indent + 2, out);
    } else {
      *out += " " + Scalar(member) + "\n";
    }
  }
}

}  // namespace

std::string ToYaml(const nlohmann::ordered_json& value) {
  if (!IsBlock(value)) return Scalar(value) + "\n";
  std::string out;
  EmitBlock(value, 0, &out);
  return out;
}

}  // namespace keyward::cli
