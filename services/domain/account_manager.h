// AccountManager: the rules for user accounts and service accounts —
// validation, audit, case-insensitive email uniqueness (enforced by the
// repository) and the "no recently used keys unless force" delete — over an
// AccountRepository.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_ACCOUNT_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_ACCOUNT_MANAGER_H_

#include <optional>
#include <string>

#include "services/domain/caller.h"
#include "services/domain/decided.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"
#include "services/domain/validation.h"

namespace keyward::domain {

class AccountManager {
 public:
  // `keys_in_use`: a key used within the active window blocks a delete
  // without force.
  AccountManager(AccountRepository& repository, KeysInUseGuard& keys_in_use,
                 PolicyGate& policy, PolicyFacts& facts,
                 const PageTokenCodec& page_tokens);

  // Writes return the policy's decision with their result (decided.h).
  Decided<Account> CreateServiceAccount(const Caller& caller,
                                        const std::string& display_name,
                                        const std::string& description,
                                        bool validate_only);
  Decided<Account> CreateUserAccount(const Caller& caller,
                                     const std::string& email,
                                     const std::string& display_name,
                                     bool validate_only);
  // Reads show only what `caller` may see (see roles.h); `type` nullopt
  // lists both types.
  absl::StatusOr<Account> Get(const Caller& caller, const std::string& id);
  absl::StatusOr<Listed<Account>> List(const Caller& caller,
                                       std::optional<AccountType> type,
                                       int page_size,
                                       const std::string& page_token);
  Decided<Account> Update(const Caller& caller, const std::string& id,
                          const AccountUpdate& update);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool force, bool validate_only);

 private:
  Decided<Account> Create(const Caller& caller, Account account,
                          const std::string& action,
                          const nlohmann::json& summary, bool validate_only);

  AccountRepository& repository_;
  KeysInUseGuard& keys_in_use_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  const PageTokenCodec& page_tokens_;
};

// "service_account" or "user_account", the <kind> of policy actions.
const char* AccountActionKind(AccountType type);

// The page-token scope of ListAccounts with that filter.
std::string AccountListScope(std::optional<AccountType> type);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ACCOUNT_MANAGER_H_
