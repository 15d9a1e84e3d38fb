#include "tests/support/event_watch.h"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/eventually.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {

EventWatch::EventWatch(const std::shared_ptr<grpc::Channel>& channel,
                       const v1::WatchEventsRequest& request,
                       const std::optional<std::string>& authorization)
    : stub_(v1::EventService::NewStub(channel)) {
  // A deadline, so a stream nobody ends fails the test instead of hanging.
  context_.set_deadline(std::chrono::system_clock::now() +
                        std::chrono::minutes(4));
  if (authorization) {
    context_.AddMetadata("authorization", *authorization);
  } else {
    KeywardServer::Authorize(context_);
  }
  reader_ = stub_->WatchEvents(&context_, request);
  thread_ = std::thread([this] { Read(); });
}

EventWatch::~EventWatch() {
  context_.TryCancel();
  thread_.join();
}

void EventWatch::Read() {
  v1::WatchEventsResponse message;
  while (reader_->Read(&message)) {
    std::lock_guard<std::mutex> lock(mutex_);
    messages_.push_back(message);
  }
  const grpc::Status status = reader_->Finish();
  std::lock_guard<std::mutex> lock(mutex_);
  status_ = status;
}

std::vector<v1::WatchEventsResponse> EventWatch::Messages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return messages_;
}

std::vector<v1::WatchEventsResponse> EventWatch::Events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (messages_.empty()) return {};
  return {messages_.begin() + 1, messages_.end()};
}

std::string EventWatch::StartCursor() {
  std::string cursor;
  Eventually("the stream's first message", [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    if (messages_.empty()) return false;
    EXPECT_FALSE(messages_.front().has_event());
    cursor = messages_.front().cursor();
    return true;
  });
  return cursor;
}

bool EventWatch::AwaitEvents(size_t count) {
  PollUntil(
      [&] {
        std::lock_guard<std::mutex> lock(mutex_);
        return messages_.size() > count || status_.has_value();
      },
      kEventualDeadline);
  std::lock_guard<std::mutex> lock(mutex_);
  if (messages_.size() > count) return true;
  ADD_FAILURE() << "waited for " << count << " events, got "
                << (messages_.empty() ? 0 : messages_.size() - 1)
                << (status_ ? "; the stream ended: " + status_->error_message()
                            : std::string());
  return false;
}

grpc::Status EventWatch::AwaitEnd() {
  Eventually("the stream to end", [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_.has_value();
  });
  std::lock_guard<std::mutex> lock(mutex_);
  return status_.value_or(
      grpc::Status(grpc::StatusCode::UNKNOWN, "the stream did not end"));
}

std::vector<std::string> EventIds(
    const std::vector<v1::WatchEventsResponse>& events) {
  std::vector<std::string> ids;
  for (const auto& message : events) ids.push_back(message.event().id());
  return ids;
}

}  // namespace keyward::testing
