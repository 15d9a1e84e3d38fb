#include "services/common/options.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/common/command_line.h"

namespace keyward {

std::vector<OptionSpec> OptionSet::Specs() const {
  std::vector<OptionSpec> specs;
  specs.reserve(options_.size());
  for (const Bound& option : options_) specs.push_back(*option.spec);
  return specs;
}

std::vector<std::string> OptionSet::Apply(
    const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env,
    std::vector<std::string>& problems) const {
  auto apply = [&](const Bound& option, const std::string& text,
                   const std::string& source) {
    const std::string problem = option.set(text);
    if (!problem.empty())
      problems.push_back(absl::StrCat(source, ": ", problem));
  };

  for (const Bound& option : options_) {
    // A default that does not parse is a bug in its table; say so loudly.
    if (!option.spec->default_value.empty()) {
      apply(option, option.spec->default_value,
            absl::StrCat("default of --", option.spec->flag));
    }
  }
  for (const Bound& option : options_) {
    auto it = env.find(option.spec->env);
    if (it != env.end()) apply(option, it->second, option.spec->env);
  }

  std::vector<FlagSyntax> syntax;
  syntax.reserve(options_.size());
  for (const Bound& option : options_) {
    syntax.push_back({option.spec->flag, 0, option.spec->is_switch});
  }
  std::vector<std::string> positionals;
  for (const CommandLineItem& item : SplitCommandLine(args, syntax)) {
    switch (item.kind) {
      case CommandLineItem::Kind::kPositional:
        positionals.push_back(item.text);
        break;
      case CommandLineItem::Kind::kUnknownFlag:
        problems.push_back(absl::StrCat("unknown flag: ", item.text));
        break;
      case CommandLineItem::Kind::kMissingValue:
        problems.push_back(absl::StrCat(item.text, ": needs a value"));
        break;
      case CommandLineItem::Kind::kFlag:
        apply(options_[item.flag], item.value.value_or("true"), item.text);
        break;
    }
  }
  return positionals;
}

std::string FormatOptions(const std::vector<OptionSpec>& specs) {
  std::ostringstream out;
  for (const OptionSpec& spec : specs) {
    out << "  --" << spec.flag << " / " << spec.env;
    if (!spec.default_value.empty()) out << " (" << spec.default_value << ")";
    out << "\n      " << spec.help << "\n";
  }
  return out.str();
}

}  // namespace keyward
