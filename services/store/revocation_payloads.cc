#include "services/store/revocation_payloads.h"

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

std::vector<std::string> RevokedIdsOf(const std::string& payload) {
  return absl::StrSplit(payload, ',', absl::SkipEmpty());
}

}  // namespace keyward::store
