#include "services/domain/event_feed.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/domain/audit_log.h"
#include "services/domain/signed_token.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr char kPurpose[] = "event-cursor";
constexpr char kVersion[] = "v1";

std::optional<EventPosition> ParsePosition(absl::string_view payload) {
  const std::vector<absl::string_view> parts = absl::StrSplit(payload, '|');
  EventPosition position;
  if (parts.size() != 3 || parts[0] != kVersion ||
      !absl::SimpleAtoi(parts[1], &position.commit_xid) ||
      !absl::SimpleAtoi(parts[2], &position.id) || position.id < 0) {
    return std::nullopt;
  }
  return position;
}

}  // namespace

EventFeed::EventFeed(EventRepository& repository,
                     const crypto::SecretHasher& hasher)
    : repository_(repository), hasher_(hasher) {}

absl::StatusOr<EventPosition> EventFeed::Start(
    const std::string& after, const std::vector<std::string>& actions) {
  for (const std::string& action : actions) {
    KEYWARD_RETURN_IF_ERROR(CheckAction("actions", action));
  }
  if (after.empty()) return repository_.Now();
  const std::optional<std::string> payload =
      OpenToken(hasher_, kPurpose, "", after);
  std::optional<EventPosition> position;
  if (payload) position = ParsePosition(*payload);
  if (!position) {
    return InvalidField("after",
                        "is not a cursor from an earlier WatchEvents "
                        "response");
  }
  return *position;
}

absl::StatusOr<EventBatch> EventFeed::Read(
    const Caller& caller, const EventPosition& position,
    const std::vector<std::string>& actions) {
  return repository_.ReadSettled(position, actions, kBatchSize,
                                 ReadScope::Of(caller));
}

std::string EventFeed::Cursor(const EventPosition& position) const {
  return SignToken(
      hasher_, kPurpose, "",
      absl::StrCat(kVersion, "|", position.commit_xid, "|", position.id));
}

}  // namespace keyward::domain
