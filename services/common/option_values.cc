#include "services/common/option_values.h"

#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/duration.h"
#include "services/common/ip_address.h"

namespace keyward {

ValueParser<bool> Boolean() {
  return [](const std::string& text, bool& out) -> std::string {
    if (text == "true" || text == "1" || text == "yes") {
      out = true;
    } else if (text == "false" || text == "0" || text == "no") {
      out = false;
    } else {
      return "must be true or false";
    }
    return "";
  };
}

ValueParser<std::string> OneOf(std::vector<std::string> choices) {
  return [choices = std::move(choices)](const std::string& text,
                                        std::string& out) -> std::string {
    for (const std::string& choice : choices) {
      if (text == choice) {
        out = text;
        return "";
      }
    }
    std::string message = "must be one of";
    for (size_t i = 0; i < choices.size(); ++i) {
      message += (i == 0 ? " " : ", ") + choices[i];
    }
    return message;
  };
}

ValueParser<std::string> Text() {
  return [](const std::string& text, std::string& out) {
    out = text;
    return std::string();
  };
}

ValueParser<int> WholeNumber(int min, int max) {
  return [min, max](const std::string& text, int& out) -> std::string {
    int parsed = 0;
    if (!absl::SimpleAtoi(text, &parsed) || parsed < min || parsed > max) {
      return absl::StrCat("must be a whole number from ", min, " to ", max);
    }
    out = parsed;
    return "";
  };
}

ValueParser<int> ByteSize(int min, int max) {
  return [min, max](const std::string& text, int& out) -> std::string {
    static const std::map<std::string, int64_t> kBytesPerUnit = {
        {"", 1}, {"B", 1}, {"KiB", 1024}, {"MiB", 1024 * 1024}};
    const size_t digits = text.find_first_not_of("0123456789");
    const std::string number = text.substr(0, digits);
    const auto unit = kBytesPerUnit.find(
        digits == std::string::npos ? "" : text.substr(digits));
    int64_t amount = 0;
    if (number.empty() || number.size() > 12 || unit == kBytesPerUnit.end() ||
        !absl::SimpleAtoi(number, &amount) || amount * unit->second < min ||
        amount * unit->second > max) {
      return absl::StrCat("must be a size from ", min / 1024, "KiB to ",
                          max / (1024 * 1024),
                          "MiB, in bytes or with KiB or MiB (e.g. 1MiB)");
    }
    out = static_cast<int>(amount * unit->second);
    return "";
  };
}

ValueParser<std::chrono::milliseconds> Duration(std::chrono::milliseconds min) {
  return [min](const std::string& text,
               std::chrono::milliseconds& out) -> std::string {
    absl::StatusOr<std::chrono::milliseconds> parsed = ParseDuration(text);
    if (!parsed.ok()) return std::string(parsed.status().message());
    if (*parsed > kMaxSettingDuration) return "must be at most 365d";
    if (*parsed < min)
      return absl::StrCat("must be at least ", min.count(), "ms");
    out = *parsed;
    return "";
  };
}

ValueParser<std::string> HttpUrl() {
  return [](const std::string& text, std::string& out) -> std::string {
    if (text.rfind("http://", 0) != 0 && text.rfind("https://", 0) != 0) {
      return "must be an http:// or https:// URL";
    }
    out = text;
    while (!out.empty() && out.back() == '/') out.pop_back();
    return "";
  };
}

ValueParser<std::string> HostPort() {
  return [](const std::string& text, std::string& out) -> std::string {
    const size_t colon = text.rfind(':');
    int port = -1;
    if (colon == std::string::npos || colon == 0 ||
        !absl::SimpleAtoi(text.substr(colon + 1), &port) || port < 0 ||
        port > 65535) {
      return "must be host:port, e.g. 127.0.0.1:50051";
    }
    out = text;
    return "";
  };
}

ValueParser<std::vector<std::string>> IpAddressList() {
  return [](const std::string& text,
            std::vector<std::string>& out) -> std::string {
    std::vector<std::string> addresses;
    if (!absl::StripAsciiWhitespace(text).empty()) {
      for (absl::string_view entry : absl::StrSplit(text, ',')) {
        entry = absl::StripAsciiWhitespace(entry);
        std::optional<std::string> address =
            CanonicalIpAddress(std::string_view(entry.data(), entry.size()));
        if (!address) {
          return absl::StrCat("'", entry,
                              "' is not an IP address (give a comma-separated "
                              "list of IP addresses, e.g. 10.0.0.7,::1)");
        }
        addresses.push_back(*std::move(address));
      }
    }
    out = std::move(addresses);
    return "";
  };
}

namespace {

// Files given in the config (pepper, token, TLS) are small. Reading only
// regular files of bounded size keeps a path like /dev/zero or a FIFO from
// hanging the start.
constexpr off_t kMaxSettingFileBytes = 1 << 20;

}  // namespace

std::string ReadSettingFile(const std::string& path, std::string& contents) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "cannot read the file";
  if (!S_ISREG(info.st_mode)) return "is not a regular file";
  if (info.st_size > kMaxSettingFileBytes) return "is larger than 1 MiB";
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the file";
  // istream::read reports a failed read in badbit, where
  // istreambuf_iterator would throw.
  char buffer[4096];
  std::string read;
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    read.append(buffer, static_cast<size_t>(in.gcount()));
    if (read.size() > static_cast<size_t>(kMaxSettingFileBytes)) {
      return "is larger than 1 MiB";
    }
  }
  if (in.bad()) return "cannot read the file";
  contents = std::move(read);
  return "";
}

ValueParser<SettingFile> FileContents(ContentsCheck check) {
  return [check = std::move(check)](const std::string& text,
                                    SettingFile& out) -> std::string {
    std::string contents;
    std::string problem = ReadSettingFile(text, contents);
    if (problem.empty()) problem = check(contents);
    if (!problem.empty()) return problem;
    out = SettingFile{text, std::move(contents)};
    return "";
  };
}

}  // namespace keyward
