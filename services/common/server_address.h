// Where keywardd serves unless told otherwise, and so where the `keyward`
// CLI looks for it.
#ifndef KEYWARD_SERVICES_COMMON_SERVER_ADDRESS_H_
#define KEYWARD_SERVICES_COMMON_SERVER_ADDRESS_H_

namespace keyward {

inline constexpr char kDefaultServerAddress[] = "127.0.0.1:50051";

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_SERVER_ADDRESS_H_
