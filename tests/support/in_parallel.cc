#include "tests/support/in_parallel.h"

#include <future>
#include <thread>

namespace keyward::testing {

std::vector<grpc::Status> InParallel(
    int calls, const std::function<grpc::Status(int i)>& call) {
  std::promise<void> go;
  const std::shared_future<void> start = go.get_future().share();
  std::vector<grpc::Status> statuses(calls);
  std::vector<std::thread> threads;
  for (int i = 0; i < calls; ++i) {
    threads.emplace_back([&, start, i] {
      start.wait();
      statuses[i] = call(i);
    });
  }
  go.set_value();
  for (std::thread& thread : threads) thread.join();
  return statuses;
}

}  // namespace keyward::testing
