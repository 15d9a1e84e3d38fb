// The organization always keeps an administrator: a delete that would remove
// the last OrganizationAdmin binding at the organization — that binding, or
// the account holding it — writes nothing. The store is told which role and
// scope to keep and reports a LastAdminBinding; the domain words it.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_ORGANIZATION_ADMINS_H_
#define KEYWARD_SERVICES_DOMAIN_ORGANIZATION_ADMINS_H_

#include <string>

#include "absl/status/status.h"
#include "services/domain/types.h"

namespace keyward::domain {

// A role at a scope of which at least one binding must remain.
struct AdminRole {
  std::string role;
  std::string scope;
};

// OrganizationAdmin at the organization.
AdminRole OrganizationAdminRole();

// Why a delete wrote nothing: it would remove the last binding of `admin`,
// either binding `binding_id` or the one account `principal_id` holds (the
// other is empty).
struct LastAdminBinding {
  AdminRole admin;
  std::string binding_id;
  std::string principal_id;
};

// FAILED_PRECONDITION naming what the delete would remove and what to grant
// first (see refusals.h).
absl::Status RefusalError(const LastAdminBinding& refusal);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ORGANIZATION_ADMINS_H_
