#include "services/domain/environment_manager.h"

#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr char kListScope[] = "environments";

}  // namespace

EnvironmentManager::EnvironmentManager(EnvironmentRepository& repository,
                                       KeysInUseGuard& keys_in_use,
                                       PolicyGate& policy, PolicyFacts& facts,
                                       const PageTokenCodec& page_tokens)
    : repository_(repository),
      keys_in_use_(keys_in_use),
      policy_(policy),
      facts_(facts),
      page_tokens_(page_tokens) {}

Decided<Environment> EnvironmentManager::Create(const Caller& caller,
                                                const std::string& display_name,
                                                const std::string& stage,
                                                bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", display_name, Presence::kRequired));
  KEYWARD_RETURN_IF_ERROR(CheckWord("stage", stage));
  Environment environment;
  environment.id = NewId(IdKind::kEnvironment);
  environment.display_name = display_name;
  environment.stage = stage;
  return policy_
      .Authorize(caller, {"environment.create",
                          environment.id,
                          validate_only,
                          {{"display_name", display_name}, {"stage", stage}}})
      .Then([&](const Mutation& mutation) {
        absl::StatusOr<Environment> created =
            repository_.Create(environment, mutation);
        if (created.ok() && validate_only) created->id.clear();
        return created;
      });
}

Decided<Environment> EnvironmentManager::Update(
    const Caller& caller, const std::string& id,
    const EnvironmentUpdate& update) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kEnvironment}));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  nlohmann::json summary = {{"id", id}};
  if (update.display_name) {
    KEYWARD_RETURN_IF_ERROR(
        CheckText("display_name", *update.display_name, Presence::kRequired));
    summary["display_name"] = *update.display_name;
  }
  if (update.stage) {
    KEYWARD_RETURN_IF_ERROR(CheckWord("stage", *update.stage));
    summary["stage"] = *update.stage;
  }
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.environment, facts_.Environment(id));
  return policy_
      .Authorize(caller,
                 {"environment.update", id, false, summary, std::move(target)})
      .Then([&](const Mutation& mutation) {
        return repository_.Update(id, update, mutation);
      });
}

Decided<DeleteResult> EnvironmentManager::Delete(const Caller& caller,
                                                 const std::string& id,
                                                 bool force,
                                                 bool ignore_active_keys,
                                                 bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kEnvironment}));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.environment, facts_.Environment(id));
  return policy_
      .Authorize(caller, {"environment.delete",
                          id,
                          validate_only,
                          {{"id", id},
                           {"force", force},
                           {"ignore_active_keys", ignore_active_keys}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<DeleteResult> {
        // Without force nothing holding keys is deleted: no keys to check.
        KEYWARD_ASSIGN_OR_RETURN(
            const KeysInUseCheck keys_in_use,
            keys_in_use_.CheckAt(mutation.now, ignore_active_keys || !force,
                                 "ignore_active_keys"));
        return Worded(repository_.Delete(id, force, keys_in_use, mutation));
      });
}

absl::StatusOr<Environment> EnvironmentManager::Get(const Caller& caller,
                                                    const std::string& id) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kEnvironment}));
  return repository_.Get(id, ReadScope::Of(caller));
}

absl::StatusOr<Listed<Environment>> EnvironmentManager::List(
    const Caller& caller, int page_size, const std::string& page_token) {
  return page_tokens_.ListPage<Environment>(
      page_size, page_token, ReaderListScope(kListScope, caller.id),
      [&](const PageRequest& request) {
        return repository_.List(request, ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
