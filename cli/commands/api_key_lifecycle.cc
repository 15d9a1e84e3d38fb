// `keyward api-key rotate`, `disable`, `enable` and `usage`: a key's life
// after create. Rotate prints the successor's secret once, as create does;
// usage shows a table of verifications per day and, on a terminal, a
// sparkline of the valid ones.
#include <google/protobuf/duration.pb.h>

#include "cli/commands/api_key.h"
#include "cli/errors.h"
#include "cli/sparkline.h"
#include "cli/terminal.h"

namespace keyward::cli {
namespace {

// The counts of GetApiKeyUsage, in its field order.
constexpr const char* kOutcomes[] = {"valid", "invalid_credentials", "expired",
                                     "wrong_resource", "disabled"};

std::string SecretReminder() {
  return "Save the secret now: it is shown only once and cannot be "
         "retrieved later.\n";
}

int Rotate(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::RotateApiKeyRequest request;
  request.set_id(args.positionals()[0]);
  request.set_validate_only(args.GetBool("dry-run"));
  std::optional<std::chrono::milliseconds> grace;
  std::string error;
  if (!DurationFlag(args, "grace", /*allow_zero=*/true, &grace, &error)) {
    return invocation.UsageError(error);
  }
  if (grace.has_value()) {
    request.mutable_grace_period()->set_seconds(grace->count() / 1000);
    request.mutable_grace_period()->set_nanos(
        static_cast<int32_t>(grace->count() % 1000 * 1000000));
  }

  auto stub = NewApiKeyStub(invocation);
  v1::RotateApiKeyResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->RotateApiKey(context, request, &response);
      })) {
    return code;
  }
  const std::string previous_expiry = TimeCell(
      ToJson(response.previous()).value("expire_time", Json()), "never");
  if (invocation.out().is_table()) {
    Json key = ToJson(response.api_key());
    std::vector<Column> fields = ApiKeyFields(key);
    if (!response.secret().empty()) {
      key["secret"] = response.secret();
      fields.push_back(FieldColumn("Secret", "secret"));
    }
    key["previous_id"] = response.previous().id();
    key["previous_expiry"] = previous_expiry;
    fields.push_back(FieldColumn("Previous Key", "previous_id"));
    fields.push_back(FieldColumn("Previous Expires", "previous_expiry"));
    invocation.out().Object(key, fields);
  } else {
    invocation.out().Object(ToJson(response), {});
  }
  if (request.validate_only()) {
    invocation.err() << "Dry run: the rotation passed every check; no key "
                        "was created, no secret issued and "
                     << request.id() << " is unchanged.\n";
    return kExitOk;
  }
  invocation.err() << SecretReminder() << "The previous key "
                   << response.previous().id() << " keeps working until "
                   << previous_expiry
                   << ": move its clients to the new key before then.\n";
  return kExitOk;
}

// disable and enable: one call returning the key, shown with its state.
int SetEnabled(const Invocation& invocation, bool enable) {
  const CommandLine& args = invocation.args();
  const std::string id = args.positionals()[0];
  const bool dry_run = args.GetBool("dry-run");
  auto stub = NewApiKeyStub(invocation);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        if (enable) {
          v1::EnableApiKeyRequest request;
          request.set_id(id);
          request.set_validate_only(dry_run);
          return stub->EnableApiKey(context, request, &key);
        }
        v1::DisableApiKeyRequest request;
        request.set_id(id);
        request.set_validate_only(dry_run);
        return stub->DisableApiKey(context, request, &key);
      })) {
    return code;
  }
  const Json json = ToJson(key);
  invocation.out().Object(json, ApiKeyFields(json));
  if (dry_run) {
    invocation.err() << "Dry run: the " << (enable ? "enable" : "disable")
                     << " passed every check; " << id << " is unchanged.\n";
  }
  return kExitOk;
}

int Disable(const Invocation& invocation) {
  return SetEnabled(invocation, /*enable=*/false);
}

int Enable(const Invocation& invocation) {
  return SetEnabled(invocation, /*enable=*/true);
}

// The days as JSON, with the counts as numbers (the proto's JSON mapping
// gives 64-bit integers as strings, which scripts would have to convert).
Json UsageDays(const v1::GetApiKeyUsageResponse& response) {
  Json days = Json::array();
  for (const v1::ApiKeyUsageDay& day : response.days()) {
    const int64_t counts[] = {day.valid(), day.invalid_credentials(),
                              day.expired(), day.wrong_resource(),
                              day.disabled()};
    Json json = {{"date", day.date()}};
    for (size_t i = 0; i < std::size(kOutcomes); ++i) {
      json[kOutcomes[i]] = counts[i];
    }
    days.push_back(json);
  }
  return days;
}

int Usage(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::GetApiKeyUsageRequest request;
  request.set_id(args.positionals()[0]);
  std::optional<int> days;
  std::string error;
  if (!NumberFlag(args, "days", 1, 366, &days, &error)) {
    return invocation.UsageError(error);
  }
  request.set_days(days.value_or(30));

  auto stub = NewApiKeyStub(invocation);
  v1::GetApiKeyUsageResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetApiKeyUsage(context, request, &response);
      })) {
    return code;
  }
  std::vector<Column> columns = {FieldColumn("Date", "date")};
  for (const char* outcome : kOutcomes) {
    std::string label = outcome;
    for (char& c : label) {
      if (c == '_') c = ' ';
    }
    columns.push_back(FieldColumn(label, outcome));
  }
  invocation.out().List(UsageDays(response), columns);
  if (invocation.out().is_table() && StdoutIsTerminal() &&
      response.days_size() > 0) {
    std::vector<int64_t> valid;
    int64_t most = 0;
    for (const v1::ApiKeyUsageDay& day : response.days()) {
      valid.push_back(day.valid());
      most = std::max(most, day.valid());
    }
    invocation.out().Result(
        Json(), "\nValid per day, " + response.days(0).date() + " to " +
                    response.days().rbegin()->date() + ": " + Sparkline(valid) +
                    " (most: " + std::to_string(most) + ")");
  }
  return kExitOk;
}

}  // namespace

Command RotateCommand() {
  return Command("rotate",
                 "Replace a key with a new one, keeping the old one working "
                 "for a grace period",
                 Rotate)
      .Args("<key>", 1, 1)
      .Details(
          "The new key has the same owner, resource, display name and "
          "description, and its Rotated From names the old key. The old key "
          "keeps working for the grace period (--grace, default: the "
          "policy's for the key's stage, 24h unless configured; 0: stops at "
          "once), so that its clients can move to the new secret. The new "
          "secret is printed once: store it, it cannot be retrieved later. "
          "-o json prints {api_key, secret, previous} for scripts.")
      .Flags({{"grace", "DURATION",
               "how long the old key keeps working, e.g. 24h, 7d, 0"},
              DryRunFlag()});
}

Command DisableCommand() {
  return Command("disable",
                 "Disable a key: it stops verifying until enabled again",
                 Disable)
      .Args("<key>", 1, 1)
      .Details(
          "A disabled key verifies as DISABLED on every replica within "
          "a second, and authenticates nobody. Unlike delete, this can "
          "be undone with `keyward api-key enable`; disabling a "
          "disabled key changes nothing.")
      .Flags({DryRunFlag()});
}

Command EnableCommand() {
  return Command("enable", "Enable a disabled key again", Enable)
      .Args("<key>", 1, 1)
      .Details(
          "The key verifies again within a second, unless it has "
          "expired meanwhile (an expired key stays expired). Enabling "
          "an active key changes nothing.")
      .Flags({DryRunFlag()});
}

Command UsageCommand() {
  return Command("usage", "Show a key's verifications per day, by outcome",
                 Usage)
      .Args("<key>", 1, 1)
      .Details(
          "One row per UTC day, oldest first, today last: how many "
          "verifications of the key were valid, or failed with a wrong "
          "secret, after expiry, for another resource or while disabled. "
          "Counts are written in batches, so the last second or so may be "
          "missing. On a terminal a sparkline of the valid verifications "
          "follows the table. -o json gives the days with numeric counts.")
      .Flags({{"days", "N",
               "how many days, today included (1-366; default "
               "30)"}});
}

}  // namespace keyward::cli
