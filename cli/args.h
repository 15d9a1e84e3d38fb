// The `keyward` commands' flags: long flags (`--name value`, `--name=value`),
// one-letter aliases (`-o json`, `-ojson`), boolean flags (`--force`,
// `--force=false`), positional arguments anywhere, and `--` to end the flags
// (split by SplitCommandLine, which keywardd's options share). It knows only
// the flags it is given, so an unknown flag, a missing value or a missing
// required flag is a usage error naming the flag.
//
// Thread-safety: stateless functions; a CommandLine is a plain value.
#ifndef KEYWARD_CLI_ARGS_H_
#define KEYWARD_CLI_ARGS_H_

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keyward::cli {

// One flag a command accepts.
struct FlagSpec {
  std::string name;        // "resource" for --resource
  std::string value_name;  // shown in help, e.g. "ID"; empty: boolean flag
  std::string help;
  bool required = false;
  char short_name = 0;  // e.g. 'o' for -o; 0: none
};

// The parsed command line.
class CommandLine {
 public:
  // True if the flag was given (even with an empty value).
  bool Has(const std::string& name) const;
  // The flag's value, or `fallback` when it was not given.
  std::string Get(const std::string& name,
                  const std::string& fallback = "") const;
  // A boolean flag's value: false unless given (and not given as =false).
  bool GetBool(const std::string& name) const;
  // Every value of a flag that may be given more than once, in order.
  std::vector<std::string> GetAll(const std::string& name) const;
  // The items of a list flag, given repeated, comma-separated, or both
  // (`--action a,b --action c`), in order; empty items are skipped.
  std::vector<std::string> GetList(const std::string& name) const;

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool help() const { return help_; }

 private:
  friend bool ParseCommandLine(const std::vector<std::string>&,
                               const std::vector<FlagSpec>&, CommandLine*,
                               std::string*);
  std::map<std::string, std::string> flags_;
  std::map<std::string, std::vector<std::string>> all_values_;
  std::vector<std::string> positionals_;
  bool help_ = false;
};

// Parses `args` (what follows the command name) against `flags`. `-h` and
// `--help` set help() and stop the required-flag check. A flag given twice
// keeps the last value (GetAll has them all). Returns false with a one-line
// `error` on an unknown flag, a value flag without a value, a bad boolean, or a
// required flag not given.
bool ParseCommandLine(const std::vector<std::string>& args,
                      const std::vector<FlagSpec>& flags, CommandLine* out,
                      std::string* error);

// The value of the duration flag `name`, in the grammar of
// services/common/duration.h ("90d", "24h", "30m", "1h30m"); nullopt when
// the flag was not given. False with "--name: ..." in `error` when it is
// not a duration, or is zero and `allow_zero` is false.
bool DurationFlag(const CommandLine& args, const std::string& name,
                  bool allow_zero,
                  std::optional<std::chrono::milliseconds>* value,
                  std::string* error);

// The value of the whole-number flag `name`, which must lie in [min, max];
// nullopt when the flag was not given. False with "--name: ..." in `error`
// otherwise.
bool NumberFlag(const CommandLine& args, const std::string& name, int min,
                int max, std::optional<int>* value, std::string* error);

// The "Flags:" block of a help text: one aligned entry per flag, help text
// wrapped to 80 columns.
std::string FormatFlags(const std::vector<FlagSpec>& flags);

// `text` broken at spaces into lines of at most `width` characters, every
// line but the first preceded by `indent` spaces; no final newline.
std::string WrapText(const std::string& text, size_t width, size_t indent);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_ARGS_H_
