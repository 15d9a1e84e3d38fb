// The organization always keeps an administrator: the last
// OrganizationAdmin binding, and the account holding it, cannot be deleted.
//
// Thread-safety: stateless; runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_
#define KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_

#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"

namespace keyward::store {

// What a delete removes: one binding, or every binding of one account.
struct RemovedBindings {
  std::string binding_id;
  std::string principal_id;
};

// FAILED_PRECONDITION when removing `removed` would leave no
// OrganizationAdmin binding at the organization. Locks every such binding
// until the transaction ends, so that two concurrent deletes cannot each
// leave the other's binding as the last one and then both remove it.
absl::Status KeepAnOrganizationAdmin(pqxx::work& txn,
                                     const RemovedBindings& removed);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_
