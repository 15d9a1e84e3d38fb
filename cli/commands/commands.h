// Every command group of `keyward`, one factory per group, each defined in
// a file of its own under cli/commands/.
//
// Thread-safety: the factories build fresh values; no shared state.
#ifndef KEYWARD_CLI_COMMANDS_COMMANDS_H_
#define KEYWARD_CLI_COMMANDS_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace keyward::cli {

Group LoginCommand();         // login.cc
Group LogoutCommand();        // login.cc
Group ApiKeyGroup();          // api_key.cc
Group ServiceAccountGroup();  // service_account.cc
Group UserGroup();            // user.cc
Group EnvironmentGroup();     // environment.cc
Group ResourceGroup();        // resource.cc
Group RoleBindingGroup();     // role_binding.cc
Group WebhookGroup();         // webhook.cc
Group AuditGroup();           // audit.cc
Group EventsGroup();          // events.cc
Group PolicyGroup();          // policy.cc

// All of them, in the order `keyward --help` lists them.
std::vector<Group> AllGroups();

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_COMMANDS_COMMANDS_H_
