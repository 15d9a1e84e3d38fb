#include "services/domain/webhooks.h"

namespace keyward::domain {

const char* DeliveryStatusName(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kPending:
      return "PENDING";
    case DeliveryStatus::kDelivered:
      return "DELIVERED";
    case DeliveryStatus::kFailed:
      break;
  }
  return "FAILED";
}

}  // namespace keyward::domain
