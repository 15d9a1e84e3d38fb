// What `keyward service-account` and `keyward user` share: both are
// AccountService accounts, described, updated and deleted the same way.
// Each group checks that the ids it is given have its own prefix, so that
// `user delete sa-…` is a usage error rather than a surprise.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_CLI_COMMANDS_ACCOUNT_H_
#define KEYWARD_CLI_COMMANDS_ACCOUNT_H_

#include <string>
#include <vector>

#include "cli/command.h"
#include "keyward/v1/account.grpc.pb.h"

namespace keyward::cli {

// Which kind of account a group manages.
struct AccountKind {
  v1::AccountType type;
  std::string prefix;  // "sa-" or "u-"
  std::string noun;    // "service account" or "user"
};

// The fields `describe` shows; Email only for users.
std::vector<Column> AccountDetailFields(const v1::Account& account);

// Prints the created (or dry-run) account.
int PrintCreatedAccount(const Invocation& invocation,
                        const v1::Account& account, bool dry_run,
                        const AccountKind& kind);

int ListAccounts(const Invocation& invocation, const AccountKind& kind,
                 const std::vector<Column>& columns);
int DescribeAccount(const Invocation& invocation, const AccountKind& kind);
int UpdateAccount(const Invocation& invocation, const AccountKind& kind);
int DeleteAccount(const Invocation& invocation, const AccountKind& kind);

// Flags of `update` and `delete`.
std::vector<FlagSpec> AccountUpdateFlags();
std::vector<FlagSpec> AccountDeleteFlags();

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_COMMANDS_ACCOUNT_H_
