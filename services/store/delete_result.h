// DeleteResultFor: the start of every Delete's answer, before the rows its
// cascades remove are listed into it.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_DELETE_RESULT_H_
#define KEYWARD_SERVICES_STORE_DELETE_RESULT_H_

#include <string>

#include "services/domain/mutation.h"
#include "services/domain/types.h"

namespace keyward::store {

domain::DeleteResult DeleteResultFor(const std::string& id,
                                     const domain::Mutation& mutation);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_DELETE_RESULT_H_
