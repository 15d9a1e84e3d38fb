#include "cli/args.h"

#include <algorithm>

namespace keyward::cli {
namespace {

const FlagSpec* FindLong(const std::vector<FlagSpec>& flags,
                         const std::string& name) {
  for (const FlagSpec& flag : flags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

const FlagSpec* FindShort(const std::vector<FlagSpec>& flags, char name) {
  for (const FlagSpec& flag : flags) {
    if (flag.short_name != 0 && flag.short_name == name) return &flag;
  }
  return nullptr;
}

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

std::string FlagSyntax(const FlagSpec& flag) {
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

bool ParseCommandLine(const std::vector<std::string>& args,
                      const std::vector<FlagSpec>& flags, CommandLine* out,
                      std::string* error) {
  *out = CommandLine();
  bool flags_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      out->positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      out->help_ = true;
      continue;
    }

    const FlagSpec* spec = nullptr;
    std::string shown;  // how the user spelled the flag, for messages
    std::string inline_value;
    bool has_inline_value = false;
    if (arg[1] == '-') {
      std::string name = arg.substr(2);
      const size_t equals = name.find('=');
      if (equals != std::string::npos) {
        inline_value = name.substr(equals + 1);
        has_inline_value = true;
        name.resize(equals);
      }
      spec = FindLong(flags, name);
      shown = "--" + name;
    } else {
      spec = FindShort(flags, arg[1]);
      shown = arg.substr(0, 2);
      if (arg.size() > 2) {
        inline_value = arg.substr(arg[2] == '=' ? 3 : 2);
        has_inline_value = true;
      }
    }
    if (spec == nullptr) {
      *error = "unknown flag: " + shown;
      return false;
    }

    std::string value;
    if (spec->value_name.empty()) {
      if (!has_inline_value) {
        value = "true";
      } else if (!ParseBool(inline_value, &value)) {
        *error = shown + ": expected true or false, got '" + inline_value + "'";
        return false;
      }
    } else if (has_inline_value) {
      value = inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      *error = shown + " needs a value (" + spec->value_name + ")";
      return false;
    }
    out->flags_[spec->name] = value;
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

std::string FormatFlags(const std::vector<FlagSpec>& flags) {
  constexpr size_t kLineWidth = 80;
  constexpr size_t kMinHelpWidth = 30;
  size_t width = 0;
  for (const FlagSpec& flag : flags) {
    width = std::max(width, FlagSyntax(flag).size());
  }
  const size_t indent = width + 4;
  const size_t help_width =
      indent + kMinHelpWidth < kLineWidth ? kLineWidth - indent : kMinHelpWidth;
  std::string text;
  for (const FlagSpec& flag : flags) {
    const std::string syntax = FlagSyntax(flag);
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
