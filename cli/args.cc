#include "cli/args.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "services/common/command_line.h"
#include "services/common/duration.h"

namespace keyward::cli {
namespace {

bool ParseBool(const std::string& text, std::string* value) {
  if (text == "true" || text == "1" || text == "yes") {
    *value = "true";
    return true;
  }
  if (text == "false" || text == "0" || text == "no") {
    *value = "false";
    return true;
  }
  return false;
}

// -h and --help, when no flag of the command takes those names.
bool IsHelp(const CommandLineItem& item) {
  return !item.value.has_value() &&
         (item.text == "-h" || item.text == "--help");
}

std::string FlagSyntaxText(const FlagSpec& flag) {
  std::string syntax = "--" + flag.name;
  if (!flag.value_name.empty()) syntax += " " + flag.value_name;
  if (flag.short_name != 0) {
    syntax = std::string("-") + flag.short_name + ", " + syntax;
  }
  return syntax;
}

}  // namespace

bool CommandLine::Has(const std::string& name) const {
  return flags_.count(name) > 0;
}

std::string CommandLine::Get(const std::string& name,
                             const std::string& fallback) const {
  auto it = flags_.find(name);
  return it == flags_.end() ? fallback : it->second;
}

bool CommandLine::GetBool(const std::string& name) const {
  return Get(name, "false") == "true";
}

std::vector<std::string> CommandLine::GetAll(const std::string& name) const {
  auto it = all_values_.find(name);
  return it == all_values_.end() ? std::vector<std::string>() : it->second;
}

std::vector<std::string> CommandLine::GetList(const std::string& name) const {
  std::vector<std::string> items;
  for (const std::string& value : GetAll(name)) {
    for (absl::string_view item :
         absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      items.emplace_back(absl::StripAsciiWhitespace(item));
    }
  }
  return items;
}

bool ParseCommandLine(const std::vector<std::string>& args,
                      const std::vector<FlagSpec>& flags, CommandLine* out,
                      std::string* error) {
  using Kind = CommandLineItem::Kind;
  *out = CommandLine();
  std::vector<FlagSyntax> syntax;
  syntax.reserve(flags.size());
  for (const FlagSpec& flag : flags) {
    syntax.push_back({flag.name, flag.short_name, flag.value_name.empty()});
  }
  for (const CommandLineItem& item : SplitCommandLine(args, syntax)) {
    switch (item.kind) {
      case Kind::kPositional:
        out->positionals_.push_back(item.text);
        break;
      case Kind::kUnknownFlag:
        if (IsHelp(item)) {
          out->help_ = true;
          break;
        }
        *error = "unknown flag: " + item.text;
        return false;
      case Kind::kMissingValue:
        *error =
            item.text + " needs a value (" + flags[item.flag].value_name + ")";
        return false;
      case Kind::kFlag: {
        const FlagSpec& spec = flags[item.flag];
        std::string value = item.value.value_or("true");
        if (spec.value_name.empty() && item.value.has_value() &&
            !ParseBool(*item.value, &value)) {
          *error =
              item.text + ": expected true or false, got '" + *item.value + "'";
          return false;
        }
        out->flags_[spec.name] = value;
        out->all_values_[spec.name].push_back(value);
        break;
      }
    }
  }

  if (out->help_) return true;
  for (const FlagSpec& flag : flags) {
    if (flag.required && !out->Has(flag.name)) {
      *error = "missing required flag --" + flag.name;
      return false;
    }
  }
  return true;
}

bool DurationFlag(const CommandLine& args, const std::string& name,
                  bool allow_zero,
                  std::optional<std::chrono::milliseconds>* value,
                  std::string* error) {
  value->reset();
  if (!args.Has(name)) return true;
  const absl::StatusOr<std::chrono::milliseconds> parsed =
      ParseDuration(args.Get(name));
  if (!parsed.ok()) {
    *error = "--" + name + ": " + std::string(parsed.status().message());
    return false;
  }
  if (!allow_zero && parsed->count() == 0) {
    *error = "--" + name + ": must be more than 0s";
    return false;
  }
  *value = *parsed;
  return true;
}

bool NumberFlag(const CommandLine& args, const std::string& name, int min,
                int max, std::optional<int>* value, std::string* error) {
  value->reset();
  if (!args.Has(name)) return true;
  const std::string text = args.Get(name);
  const bool digits = !text.empty() && text.size() <= 9 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(text) < min || std::stoi(text) > max) {
    *error = "--" + name + ": '" + text + "' is not a whole number from " +
             std::to_string(min) + " to " + std::to_string(max);
    return false;
  }
  *value = std::stoi(text);
  return true;
}

std::string FormatFlags(const std::vector<FlagSpec>& flags) {
  constexpr size_t kLineWidth = 80;
  constexpr size_t kMinHelpWidth = 30;
  size_t width = 0;
  for (const FlagSpec& flag : flags) {
    width = std::max(width, FlagSyntaxText(flag).size());
  }
  const size_t indent = width + 4;
  const size_t help_width =
      indent + kMinHelpWidth < kLineWidth ? kLineWidth - indent : kMinHelpWidth;
  std::string text;
  for (const FlagSpec& flag : flags) {
    const std::string syntax = FlagSyntaxText(flag);
    text += "  " + syntax + std::string(width - syntax.size() + 2, ' ');
    text += WrapText((flag.required ? "(required) " : "") + flag.help,
                     help_width, indent) +
            "\n";
  }
  return text;
}

std::string WrapText(const std::string& text, size_t width, size_t indent) {
  std::string out;
  size_t line_length = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      line_length = 0;
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
  }
  return out;
}

}  // namespace keyward::cli
