// Writes a JSON value as block-style YAML for `keyward -o yaml`: objects as
// "key: value" lines, lists as "- " items, nested collections indented by
// two spaces. Strings that YAML could read as something else (numbers,
// booleans, null, timestamps, text with ": " or " #", leading indicators,
// empty or non-ASCII text) are double-quoted with JSON escapes, which YAML
// reads back as the same string.
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_YAML_H_
#define KEYWARD_CLI_YAML_H_

#include <nlohmann/json.hpp>
#include <string>

namespace keyward::cli {

// The YAML document for `value`, ending in "\n"; object members keep their
// order.
std::string ToYaml(const nlohmann::ordered_json& value);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_YAML_H_
