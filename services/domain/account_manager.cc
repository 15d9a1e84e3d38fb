#include "services/domain/account_manager.h"

#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/organization_admins.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr std::initializer_list<IdKind> kAccountIds = {IdKind::kUser,
                                                       IdKind::kServiceAccount};

}  // namespace

const char* AccountActionKind(AccountType type) {
  return type == AccountType::kUser ? "user_account" : "service_account";
}

std::string AccountListScope(std::optional<AccountType> type) {
  std::string scope = "accounts|type=";
  if (type) {
    scope += AccountTypeName(*type);
  }
  return scope;
}

AccountManager::AccountManager(AccountRepository& repository,
                               KeysInUseGuard& keys_in_use, PolicyGate& policy,
                               PolicyFacts& facts,
                               const PageTokenCodec& page_tokens)
    : repository_(repository),
      keys_in_use_(keys_in_use),
      policy_(policy),
      facts_(facts),
      page_tokens_(page_tokens) {}

Decided<Account> AccountManager::Create(const Caller& caller, Account account,
                                        const std::string& action,
                                        const nlohmann::json& summary,
                                        bool validate_only) {
  return policy_.Authorize(caller, {action, account.id, validate_only, summary})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<Account> {
        KEYWARD_ASSIGN_OR_RETURN(Account created,
                                 Worded(repository_.Create(account, mutation)));
        if (validate_only) created.id.clear();
        return created;
      });
}

Decided<Account> AccountManager::CreateServiceAccount(
    const Caller& caller, const std::string& display_name,
    const std::string& description, bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", display_name, Presence::kRequired));
  // An empty description is allowed here; requiring one is policy.
  KEYWARD_RETURN_IF_ERROR(
      CheckText("description", description, Presence::kOptional));
  Account account;
  account.id = NewId(IdKind::kServiceAccount);
  account.type = AccountType::kServiceAccount;
  account.display_name = display_name;
  account.description = description;
  return Create(caller, std::move(account), "service_account.create",
                {{"display_name", display_name}, {"description", description}},
                validate_only);
}

Decided<Account> AccountManager::CreateUserAccount(
    const Caller& caller, const std::string& email,
    const std::string& display_name, bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckEmail("email", email));
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", display_name, Presence::kRequired));
  Account account;
  account.id = NewId(IdKind::kUser);
  account.type = AccountType::kUser;
  account.display_name = display_name;
  account.email = email;
  return Create(caller, std::move(account), "user_account.create",
                {{"email", email}, {"display_name", display_name}},
                validate_only);
}

Decided<Account> AccountManager::Update(const Caller& caller,
                                        const std::string& id,
                                        const AccountUpdate& update) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, kAccountIds));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  nlohmann::json summary = {{"id", id}};
  KEYWARD_RETURN_IF_ERROR(CheckNameAndDescriptionUpdate(
      update.display_name, Presence::kRequired, update.description, summary));
  const AccountType type = *AccountTypeOfId(id);
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.account, facts_.Account(id));
  return policy_
      .Authorize(caller, {std::string(AccountActionKind(type)) + ".update", id,
                          false, summary, std::move(target)})
      .Then([&](const Mutation& mutation) {
        return repository_.Update(id, update, mutation);
      });
}

Decided<DeleteResult> AccountManager::Delete(const Caller& caller,
                                             const std::string& id, bool force,
                                             bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, kAccountIds));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  const AccountType type = *AccountTypeOfId(id);
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.account, facts_.Account(id));
  KEYWARD_ASSIGN_OR_RETURN(target.api_keys, facts_.KeysOf(id));
  return policy_
      .Authorize(caller, {std::string(AccountActionKind(type)) + ".delete",
                          id,
                          validate_only,
                          {{"id", id}, {"force", force}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<DeleteResult> {
        KEYWARD_ASSIGN_OR_RETURN(
            const KeysInUseCheck keys_in_use,
            keys_in_use_.CheckAt(mutation.now, force, "force"));
        return Worded(repository_.Delete(id, keys_in_use,
                                         OrganizationAdminRole(), mutation));
      });
}

absl::StatusOr<Account> AccountManager::Get(const Caller& caller,
                                            const std::string& id) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, kAccountIds));
  return repository_.Get(id, ReadScope::Of(caller));
}

absl::StatusOr<Listed<Account>> AccountManager::List(
    const Caller& caller, std::optional<AccountType> type, int page_size,
    const std::string& page_token) {
  return page_tokens_.ListPage<Account>(
      page_size, page_token, ReaderListScope(AccountListScope(type), caller.id),
      [&](const PageRequest& request) {
        return repository_.List(type, request, ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
