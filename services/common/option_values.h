// The value grammars of keywardd's options tables (see options.h): each
// returns a ValueParser whose message says what the text must be, e.g.
// "must be a whole number from 1 to 256".
//
// Thread-safety: the parsers are stateless; the file parsers read the file
// each time they run.
#ifndef KEYWARD_SERVICES_COMMON_OPTION_VALUES_H_
#define KEYWARD_SERVICES_COMMON_OPTION_VALUES_H_

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "services/common/options.h"

namespace keyward {

// "true", "1", "yes" or "false", "0", "no".
ValueParser<bool> Boolean();

// Any text, as given.
ValueParser<std::string> Text();

// One of `choices`, as given.
ValueParser<std::string> OneOf(std::vector<std::string> choices);

// A decimal integer from `min` to `max`.
ValueParser<int> WholeNumber(int min, int max);

// Bytes, plain or with B, KiB or MiB ("1048576", "512KiB", "1MiB"), from
// `min` to `max`.
ValueParser<int> ByteSize(int min, int max);

// Longer settings are typos; the bound also keeps every duration clear of
// overflow where it is added to a clock's time in nanoseconds.
inline constexpr std::chrono::hours kMaxSettingDuration(365 * 24);

// A duration in the grammar of duration.h, from `min` to 365d. Kept to the
// millisecond, the grammar's finest unit: nothing it accepts is rounded.
ValueParser<std::chrono::milliseconds> Duration(std::chrono::milliseconds min);

// An http:// or https:// URL, trailing slashes dropped.
ValueParser<std::string> HttpUrl();

// "host:port" with a port from 0 to 65535.
ValueParser<std::string> HostPort();

// A comma-separated list of IP addresses, each in CanonicalIpAddress form;
// empty for none.
ValueParser<std::vector<std::string>> IpAddressList();

// A setting naming a file that is read once, at parse time.
struct SettingFile {
  std::string path;      // empty: not set
  std::string contents;  // may be secret: never logged
};

// Checks (and may trim) a file's contents: "" when acceptable, otherwise
// what is wrong, never quoting the contents.
using ContentsCheck = std::function<std::string(std::string& contents)>;

// A regular file of at most 1 MiB whose contents `check` accepts.
ValueParser<SettingFile> FileContents(ContentsCheck check);

// `parse`, except that an empty text turns the setting off (T's empty value).
template <typename T>
ValueParser<T> EmptyTurnsOff(ValueParser<T> parse) {
  return [parse = std::move(parse)](const std::string& text, T& out) {
    if (!text.empty()) return parse(text, out);
    out = T();
    return std::string();
  };
}

// Reads a regular file of at most 1 MiB into `contents`; "" when read,
// otherwise what is wrong ("cannot read the file", "is not a regular file",
// "is larger than 1 MiB").
std::string ReadSettingFile(const std::string& path, std::string& contents);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_OPTION_VALUES_H_
