// The list of command groups, in help order.
#include "cli/commands/commands.h"

namespace keyward::cli {

std::vector<Group> AllGroups() {
  return {LoginCommand(),        LogoutCommand(),    ApiKeyGroup(),
          ServiceAccountGroup(), UserGroup(),        EnvironmentGroup(),
          ResourceGroup(),       RoleBindingGroup(), AuditGroup(),
          EventsGroup(),         PolicyGroup(),      WebhookGroup()};
}

}  // namespace keyward::cli
