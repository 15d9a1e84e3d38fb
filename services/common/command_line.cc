#include "services/common/command_line.h"

namespace keyward {
namespace {

constexpr size_t kNotFound = static_cast<size_t>(-1);

size_t FindLong(const std::vector<FlagSyntax>& flags, const std::string& name) {
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i].name == name) return i;
  }
  return kNotFound;
}

size_t FindShort(const std::vector<FlagSyntax>& flags, char name) {
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i].short_name != 0 && flags[i].short_name == name) return i;
  }
  return kNotFound;
}

}  // namespace

std::vector<CommandLineItem> SplitCommandLine(
    const std::vector<std::string>& args,
    const std::vector<FlagSyntax>& flags) {
  using Kind = CommandLineItem::Kind;
  std::vector<CommandLineItem> items;
  bool flags_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      items.push_back({Kind::kPositional, arg, 0, std::nullopt});
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }

    CommandLineItem item;
    size_t index = kNotFound;
    if (arg[1] == '-') {
      std::string name = arg.substr(2);
      const size_t equals = name.find('=');
      if (equals != std::string::npos) {
        item.value = name.substr(equals + 1);
        name.resize(equals);
      }
      index = FindLong(flags, name);
      item.text = "--" + name;
    } else {
      index = FindShort(flags, arg[1]);
      item.text = arg.substr(0, 2);
      if (arg.size() > 2) item.value = arg.substr(arg[2] == '=' ? 3 : 2);
    }

    if (index == kNotFound) {
      item.kind = Kind::kUnknownFlag;
    } else {
      item.flag = index;
      item.kind = Kind::kFlag;
      if (!item.value.has_value() && !flags[index].is_switch) {
        if (i + 1 < args.size()) {
          item.value = args[++i];
        } else {
          item.kind = Kind::kMissingValue;
        }
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace keyward
