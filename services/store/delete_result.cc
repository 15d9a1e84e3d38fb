#include "services/store/delete_result.h"

namespace keyward::store {

domain::DeleteResult DeleteResultFor(const std::string& id,
                                     const domain::Mutation& mutation) {
  domain::DeleteResult result;
  result.id = id;
  result.validate_only = mutation.validate_only;
  return result;
}

}  // namespace keyward::store
