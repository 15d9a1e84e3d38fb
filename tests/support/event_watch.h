// EventWatch: one EventService.WatchEvents stream read on a thread of its
// own, for the tests of what a stream delivers: the messages received so
// far, waits for a number of events or for the end, and the final status.
// The destructor cancels the stream if it is still open.
//
// Thread-safety: the accessors may be called from any thread.
#ifndef KEYWARD_TESTS_SUPPORT_EVENT_WATCH_H_
#define KEYWARD_TESTS_SUPPORT_EVENT_WATCH_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "keyward/v1/event.grpc.pb.h"

namespace keyward::testing {

class EventWatch {
 public:
  // Watches as the holder of `authorization`, or KeywardServer's admin.
  EventWatch(const std::shared_ptr<grpc::Channel>& channel,
             const v1::WatchEventsRequest& request,
             const std::optional<std::string>& authorization = std::nullopt);
  ~EventWatch();
  EventWatch(const EventWatch&) = delete;
  EventWatch& operator=(const EventWatch&) = delete;

  // Every message so far, the first (cursor only) included.
  std::vector<v1::WatchEventsResponse> Messages() const;
  // The events so far (the messages after the first).
  std::vector<v1::WatchEventsResponse> Events() const;
  // The first message's cursor, once it has come (a gtest failure if it
  // does not).
  std::string StartCursor();
  // Waits until at least `count` events have come; false (with a gtest
  // failure) if the stream ended or the deadline passed first.
  bool AwaitEvents(size_t count);
  // Waits for the stream to end and returns its status.
  grpc::Status AwaitEnd();
  void Cancel() { context_.TryCancel(); }

 private:
  void Read();

  grpc::ClientContext context_;
  std::unique_ptr<v1::EventService::Stub> stub_;
  std::unique_ptr<grpc::ClientReader<v1::WatchEventsResponse>> reader_;
  mutable std::mutex mutex_;
  std::vector<v1::WatchEventsResponse> messages_;
  std::optional<grpc::Status> status_;
  std::thread thread_;
};

// The ids of `events`, in order.
std::vector<std::string> EventIds(
    const std::vector<v1::WatchEventsResponse>& events);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_EVENT_WATCH_H_
