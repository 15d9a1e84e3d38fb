// keywardd's configuration: flags (one per line of the input, before the
// first empty line) and KEYWARD_* variables (NAME=value lines after it). Any
// input gives a config or a list of problems, never a crash.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "services/common/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
  bool in_env = false;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(input.data(), input.size()), '\n')) {
    if (line.empty()) {
      in_env = true;
    } else if (!in_env) {
      args.emplace_back(line);
    } else {
      std::vector<std::string> name_value =
          absl::StrSplit(line, absl::MaxSplits('=', 1));
      if (name_value.size() == 2) env[name_value[0]] = name_value[1];
    }
  }
  auto config = keyward::ParseConfig(args, env);
  if (!config.ok() &&
      config.status().code() != absl::StatusCode::kInvalidArgument) {
    std::abort();
  }
  return 0;
}
