// Options tables: each part of keywardd's configuration lists its settings
// as rows (flag, environment variable, help, default, and how the text
// becomes a value) and one OptionSet applies any number of tables: the
// defaults first, then KEYWARD_* variables, then flags. A default is written
// only in its row, so what help shows is what applies.
//
// Thread-safety: tables are immutable once built; an OptionSet writes into
// the settings it was given and is used by one thread.
#ifndef KEYWARD_SERVICES_COMMON_OPTIONS_H_
#define KEYWARD_SERVICES_COMMON_OPTIONS_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace keyward {

// What help shows of one setting.
struct OptionSpec {
  std::string flag;  // without the leading "--"
  std::string env;
  std::string help;
  // Applied before the environment and flags; "" for none (the setting's
  // empty value).
  std::string default_value;
  bool is_switch = false;  // `--flag` alone means true
};

// Turns a setting's text into a T: "" once `out` holds the value, otherwise
// what is wrong with the text (and `out` is left alone).
template <typename T>
using ValueParser = std::function<std::string(const std::string& text, T& out)>;

// One row of a Settings struct's table.
template <typename Settings>
struct Option {
  OptionSpec spec;
  ValueParser<Settings> set;
};

template <typename Settings>
using OptionTable = std::vector<Option<Settings>>;

// The row's parser: `parse` into one field of Settings.
template <typename Settings, typename T>
ValueParser<Settings> Into(T Settings::*field, ValueParser<T> parse) {
  return [field, parse = std::move(parse)](const std::string& text,
                                           Settings& settings) {
    return parse(text, settings.*field);
  };
}

// Several tables, each bound to the struct its rows fill.
class OptionSet {
 public:
  // `table` and `settings` must outlive the set.
  template <typename Settings>
  void Add(const OptionTable<Settings>& table, Settings& settings) {
    for (const Option<Settings>& option : table) {
      options_.push_back(
          {&option.spec, [&option, &settings](const std::string& text) {
             return option.set(text, settings);
           }});
    }
  }

  // Every row's spec, in the order added.
  std::vector<OptionSpec> Specs() const;

  // Applies every default, then the variables of `env`, then the flags in
  // `args`, the last of a repeated flag winning. Appends one line per
  // problem to `problems`, naming its source ("--flag: ...", "ENV: ...");
  // returns the positional arguments.
  std::vector<std::string> Apply(const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env,
                                 std::vector<std::string>& problems) const;

 private:
  struct Bound {
    const OptionSpec* spec;
    std::function<std::string(const std::string&)> set;
  };
  std::vector<Bound> options_;
};

// The help lines of `specs`: "  --flag / ENV (default)" then the help,
// indented.
std::string FormatOptions(const std::vector<OptionSpec>& specs);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_OPTIONS_H_
