// The organization always keeps an administrator
// (domain/organization_admins.h): finds the delete that would remove the last
// binding of the role it keeps.
//
// Thread-safety: stateless; runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_
#define KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "services/domain/organization_admins.h"

namespace keyward::store {

// What a delete removes: one binding, or every binding of one account.
struct RemovedBindings {
  std::string binding_id;
  std::string principal_id;
};

// The refusal when removing `removed` would leave no binding of `admin`.
// Locks every such binding until the transaction ends, so that two
// concurrent deletes cannot each leave the other's binding as the last one
// and then both remove it.
std::optional<domain::LastAdminBinding> KeepAnAdmin(
    pqxx::work& txn, const domain::AdminRole& admin,
    const RemovedBindings& removed);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ORGANIZATION_ADMINS_H_
