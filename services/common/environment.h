// The process environment as a map, read once where keywardd and the CLI
// start so everything after takes the variables as a plain value (and tests
// pass their own).
//
// Thread-safety: reads `environ`; call it before starting threads that
// change the environment.
#ifndef KEYWARD_SERVICES_COMMON_ENVIRONMENT_H_
#define KEYWARD_SERVICES_COMMON_ENVIRONMENT_H_

#include <map>
#include <string>

namespace keyward {

std::map<std::string, std::string> ProcessEnvironment();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_ENVIRONMENT_H_
