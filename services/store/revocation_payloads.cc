#include "services/store/revocation_payloads.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace keyward::store {

std::vector<std::string> RevocationPayloads(const std::vector<std::string>& ids,
                                            size_t max_bytes) {
  std::vector<std::string> payloads;
  std::string current;
  for (const std::string& id : ids) {
    if (id.empty()) continue;
    if (!current.empty() && current.size() + 1 + id.size() > max_bytes) {
      payloads.push_back(std::move(current));
      current.clear();
    }
    if (!current.empty()) current += ',';
    current += id;
  }
  if (!current.empty()) payloads.push_back(std::move(current));
  return payloads;
}

namespace {

constexpr char kPublishedMark = '@';

}  // namespace

std::vector<std::string> RevokedIdsOf(const std::string& payload) {
  std::vector<std::string> ids;
  for (absl::string_view entry : absl::StrSplit(payload, ',')) {
    if (entry.empty() || entry.front() == kPublishedMark) continue;
    ids.emplace_back(entry);
  }
  return ids;
}

std::optional<int64_t> PublishedMicrosOf(const std::string& payload) {
  const size_t mark = payload.rfind(kPublishedMark);
  if (mark == std::string::npos || (mark > 0 && payload[mark - 1] != ',')) {
    return std::nullopt;
  }
  int64_t micros = 0;
  if (!absl::SimpleAtoi(absl::string_view(payload).substr(mark + 1), &micros)) {
    return std::nullopt;
  }
  return micros;
}

}  // namespace keyward::store
