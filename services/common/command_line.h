// The one command-line splitter of keywardd and the `keyward` CLI: it knows
// the syntax (long flags `--name value` and `--name=value`, one-letter
// aliases `-o json` and `-ojson`, switches that take a value only after `=`,
// positional arguments anywhere, `--` ending the flags) and nothing of what
// the flags mean. Each caller turns the items into settings and words its
// own messages.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_COMMON_COMMAND_LINE_H_
#define KEYWARD_SERVICES_COMMON_COMMAND_LINE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace keyward {

// What splitting needs to know of one flag.
struct FlagSyntax {
  std::string name;        // "listen" for --listen
  char short_name = 0;     // 'o' for -o; 0: none
  bool is_switch = false;  // takes no following word: `--force`, `--force=no`
};

// One piece of a command line, in the order given.
struct CommandLineItem {
  enum class Kind {
    kPositional,    // `text` is the argument
    kFlag,          // a known flag: `flag` indexes the syntax list
    kUnknownFlag,   // no such flag
    kMissingValue,  // a known flag that takes a value, last on the line
  };
  Kind kind = Kind::kPositional;
  // The argument for a positional; otherwise the flag as spelled, without
  // any value: "--listen", "-o".
  std::string text;
  size_t flag = 0;
  // The value: after `=` (or attached to a one-letter alias), or the next
  // word for a flag that is not a switch. None for a switch given alone.
  std::optional<std::string> value;
};

// Splits `args` (what follows the program or command name) by `flags`.
std::vector<CommandLineItem> SplitCommandLine(
    const std::vector<std::string>& args, const std::vector<FlagSyntax>& flags);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_COMMAND_LINE_H_
