// InParallel: `calls` calls at once, for the tests of what concurrent
// requests leave behind. Each call runs on its own thread; all start
// together, so they race.
//
//   const std::vector<grpc::Status> statuses = InParallel(10, [&](int i) {
//     v1::Account account;
//     return Create(i % 2 ? "a@example.com" : "A@example.com", &account);
//   });
//
// Thread-safety: `call` runs on `calls` threads at once.
#ifndef KEYWARD_TESTS_SUPPORT_IN_PARALLEL_H_
#define KEYWARD_TESTS_SUPPORT_IN_PARALLEL_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <vector>

namespace keyward::testing {

// The status of each call, in the order of `i`.
std::vector<grpc::Status> InParallel(
    int calls, const std::function<grpc::Status(int i)>& call);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_IN_PARALLEL_H_
