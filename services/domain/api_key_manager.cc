#include "services/domain/api_key_manager.h"

#include <cstdio>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/key_rotation.h"
#include "services/domain/time_text.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr int kDefaultUsageDays = 30;
constexpr int kMaxUsageDays = 366;

std::string MicrosText(const std::optional<Time>& time) {
  return time ? std::to_string(time->time_since_epoch().count()) : "";
}

}  // namespace

std::string ApiKeyListScope(const ApiKeyFilter& filter) {
  std::string scope =
      absl::StrCat("api_keys|owner=", filter.owner_id.value_or(""),
                   "|resource=", filter.resource_id.value_or(""));
  // Appended only when set, so tokens of the older filters stay valid.
  if (filter.state) {
    absl::StrAppend(&scope, "|state=", ApiKeyStateName(*filter.state));
  }
  if (filter.unused_since) {
    absl::StrAppend(&scope, "|unused_since=", MicrosText(filter.unused_since));
  }
  if (filter.expire_before) {
    absl::StrAppend(&scope,
                    "|expire_before=", MicrosText(filter.expire_before));
  }
  return scope;
}

ApiKeyManager::ApiKeyManager(ApiKeyRepository& repository,
                             const crypto::SecretHasher& hasher,
                             const Clock& clock, PolicyGate& policy,
                             PolicyFacts& facts,
                             const PageTokenCodec& page_tokens,
                             KeyQuotas quotas)
    : repository_(repository),
      hasher_(hasher),
      clock_(clock),
      policy_(policy),
      facts_(facts),
      page_tokens_(page_tokens),
      quotas_(quotas) {}

Decided<IssuedApiKey> ApiKeyManager::Create(const Caller& caller,
                                            const ApiKeyRequest& asked) {
  ApiKeyRequest request = asked;
  if (request.owner_id.empty()) request.owner_id = caller.id;
  KEYWARD_RETURN_IF_ERROR(CheckId("owner_id", request.owner_id,
                                  {IdKind::kUser, IdKind::kServiceAccount}));
  KEYWARD_RETURN_IF_ERROR(
      CheckKeyResourceId("resource_id", request.resource_id));
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", request.display_name, Presence::kOptional));
  // An empty description is allowed here; requiring one is policy.
  KEYWARD_RETURN_IF_ERROR(
      CheckText("description", request.description, Presence::kOptional));

  ApiKey key;
  key.id = NewId(IdKind::kApiKey);
  key.owner_id = request.owner_id;
  key.owner_type =
      AccountTypeOfId(request.owner_id).value_or(AccountType::kServiceAccount);
  key.resource_id = request.resource_id;
  key.resource_kind =
      ResourceKindOfId(request.resource_id).value_or(ResourceKind::kCloud);
  key.display_name = request.display_name;
  key.description = request.description;
  key.created_by = caller.id;
  key.expire_time = request.expire_time;

  if (request.expire_time && *request.expire_time <= clock_.Now()) {
    return InvalidField("expire_time", "must be in the future");
  }
  KEYWARD_ASSIGN_OR_RETURN(
      PolicyTarget target,
      facts_.KeyCreation(request.owner_id, request.resource_id));
  // The summary names the request's fields; the secret is not one of them.
  return policy_
      .Authorize(caller,
                 {"api_key.create",
                  key.id,
                  request.validate_only,
                  {{"owner_id", request.owner_id},
                   {"resource_id", request.resource_id},
                   {"display_name", request.display_name},
                   {"description", request.description},
                   {"expire_time", OptionalTimeJson(request.expire_time)}},
                  std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<IssuedApiKey> {
        // Checked against the time the key is created at, so the stored key
        // always satisfies expire_time > create_time.
        if (request.expire_time && *request.expire_time <= mutation.now) {
          return InvalidField("expire_time", "must be in the future");
        }
        key.create_time = mutation.now;
        key.update_time = mutation.now;

        // A dry run issues no secret; the placeholder hash only lets the
        // rolled back insert run every check the real one would.
        IssuedApiKey issued;
        if (!request.validate_only) issued.secret = crypto::NewSecret();
        KEYWARD_ASSIGN_OR_RETURN(
            issued.key,
            Worded(repository_.Create(key, hasher_.Hash(issued.secret), quotas_,
                                      mutation)));
        if (request.validate_only) issued.key.id.clear();
        return issued;
      });
}

Decided<ApiKey> ApiKeyManager::Update(const Caller& caller,
                                      const std::string& id,
                                      const ApiKeyUpdate& update) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kApiKey}));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  nlohmann::json summary = {{"id", id}};
  KEYWARD_RETURN_IF_ERROR(CheckNameAndDescriptionUpdate(
      update.display_name, Presence::kOptional, update.description, summary));
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target, KeyTarget(id));
  return policy_
      .Authorize(caller,
                 {"api_key.update", id, false, summary, std::move(target)})
      .Then([&](const Mutation& mutation) {
        return repository_.Update(id, update, mutation);
      });
}

Decided<DeleteResult> ApiKeyManager::Delete(const Caller& caller,
                                            const std::string& id,
                                            bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kApiKey}));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target, KeyTarget(id));
  return policy_
      .Authorize(caller, {"api_key.delete",
                          id,
                          validate_only,
                          {{"id", id}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) {
        return repository_.Delete(id, mutation);
      });
}

Decided<ApiKey> ApiKeyManager::Disable(const Caller& caller,
                                       const std::string& id,
                                       bool validate_only) {
  return SwitchKey(caller, id, validate_only, "api_key.disable",
                   &ApiKeyRepository::Disable);
}

Decided<ApiKey> ApiKeyManager::Enable(const Caller& caller,
                                      const std::string& id,
                                      bool validate_only) {
  return SwitchKey(caller, id, validate_only, "api_key.enable",
                   &ApiKeyRepository::Enable);
}

Decided<ApiKey> ApiKeyManager::SwitchKey(const Caller& caller,
                                         const std::string& id,
                                         bool validate_only, const char* action,
                                         Switch write) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kApiKey}));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target, KeyTarget(id));
  return policy_
      .Authorize(caller,
                 {action, id, validate_only, {{"id", id}}, std::move(target)})
      .Then([&](const Mutation& mutation) {
        return (repository_.*write)(id, mutation);
      });
}

Decided<IssuedRotation> ApiKeyManager::Rotate(const Caller& caller,
                                              const RotationRequest& request) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", request.id, {IdKind::kApiKey}));
  if (request.grace_period) {
    KEYWARD_RETURN_IF_ERROR(CheckGracePeriod(*request.grace_period));
  }
  KEYWARD_ASSIGN_OR_RETURN(const ApiKey old,
                           Get(caller, request.id));  // see roles.h
  // Refused before the policy is asked, so the caller learns the fix rather
  // than a governance rule's view of a key that cannot be rotated anyway;
  // the store checks again under its lock.
  if (old.state != ApiKeyState::kActive) {
    return RefusalError(KeyNotRotatable{old.id, old.state, ""});
  }
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target, KeyTarget(request.id));
  // The summary gives the successor's expire_time as of now, so that the
  // rules on a new key's lifetime read it as they read a create's.
  const ApiKey planned = SuccessorOf(old, clock_.Now(), caller.id);
  return policy_
      .Authorize(caller,
                 {"api_key.rotate",
                  request.id,
                  request.validate_only,
                  {{"id", request.id},
                   {"grace_period_seconds", GraceJson(request.grace_period)},
                   {"expire_time", OptionalTimeJson(planned.expire_time)}},
                  std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<IssuedRotation> {
        KEYWARD_ASSIGN_OR_RETURN(
            const std::chrono::microseconds grace,
            EffectiveGrace(request.grace_period, mutation.policy_defaults));
        ApiKey successor = SuccessorOf(old, mutation.now, caller.id);
        successor.id = NewId(IdKind::kApiKey);
        // The executed rotation's audit event names the key it created, so
        // ListAuditEvents(subject_id = successor) finds where it came from.
        Mutation audited = mutation;
        if (!request.validate_only) {
          audited.audit.subject_ids.push_back(successor.id);
        }
        IssuedRotation issued;
        if (!request.validate_only) issued.secret = crypto::NewSecret();
        KEYWARD_ASSIGN_OR_RETURN(
            RotatedApiKey rotated,
            Worded(repository_.Rotate(
                request.id, successor, hasher_.Hash(issued.secret),
                RetiringExpireTime(old, mutation.now, grace), quotas_,
                audited)));
        issued.key = std::move(rotated.key);
        issued.previous = std::move(rotated.previous);
        if (request.validate_only) issued.key.id.clear();
        return issued;
      });
}

absl::StatusOr<std::vector<KeyUsageDay>> ApiKeyManager::Usage(
    const Caller& caller, const std::string& id, int days) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kApiKey}));
  if (days == 0) days = kDefaultUsageDays;
  if (days < 1 || days > kMaxUsageDays) {
    return InvalidField("days",
                        absl::StrCat("must be between 1 and ", kMaxUsageDays,
                                     " (0 means ", kDefaultUsageDays, ")"));
  }
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  const UtcDay today = UtcDayOf(clock_.Now());
  const UtcDay first = today - days + 1;
  KEYWARD_ASSIGN_OR_RETURN(const std::vector<KeyUsageDay> stored,
                           repository_.Usage(id, first, today));
  std::vector<KeyUsageDay> usage;
  usage.reserve(days);
  auto next = stored.begin();
  for (UtcDay day = first; day <= today; ++day) {
    KeyUsageDay entry{day, {}};
    while (next != stored.end() && next->day < day) ++next;
    if (next != stored.end() && next->day == day) entry.counts = next->counts;
    usage.push_back(entry);
  }
  return usage;
}

absl::StatusOr<PolicyTarget> ApiKeyManager::KeyTarget(const std::string& id) {
  KEYWARD_ASSIGN_OR_RETURN(const ApiKey key, facts_.ApiKey(id));
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.owner, facts_.Account(key.owner_id));
  KEYWARD_ASSIGN_OR_RETURN(target.resource, facts_.Resource(key.resource_id));
  target.api_key = key;
  return target;
}

absl::StatusOr<ApiKey> ApiKeyManager::Get(const Caller& caller,
                                          const std::string& id) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kApiKey}));
  return repository_.Get(id, ReadScope::Of(caller));
}

absl::StatusOr<Listed<ApiKey>> ApiKeyManager::List(
    const Caller& caller, const ApiKeyFilter& filter, int page_size,
    const std::string& page_token) {
  if (filter.owner_id) {
    KEYWARD_RETURN_IF_ERROR(CheckId("owner_id", *filter.owner_id,
                                    {IdKind::kUser, IdKind::kServiceAccount}));
  }
  if (filter.resource_id) {
    KEYWARD_RETURN_IF_ERROR(
        CheckKeyResourceId("resource_id", *filter.resource_id));
  }
  return page_tokens_.ListPage<ApiKey>(
      page_size, page_token,
      ReaderListScope(ApiKeyListScope(filter), caller.id),
      [&](const PageRequest& request) {
        return repository_.List(filter, request, ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
