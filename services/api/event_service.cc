#include "services/api/event_service.h"

#include <string>
#include <vector>

#include "services/api/audit_event_proto.h"
#include "services/api/convert.h"

namespace keyward::api {
namespace {

grpc::Status ShuttingDown() {
  return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                      "the server is shutting down: resume from the last "
                      "cursor received");
}

grpc::Status ClientGone() {
  return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
}

// Counts an open stream while it lives; false when there were too many.
class StreamSlot {
 public:
  StreamSlot(std::atomic<int>& open, int max)
      : open_(open), taken_(open.fetch_add(1) < max) {}
  ~StreamSlot() { open_.fetch_sub(1); }
  explicit operator bool() const { return taken_; }

 private:
  std::atomic<int>& open_;
  const bool taken_;
};

}  // namespace

EventServiceImpl::EventServiceImpl(domain::Authenticator& authenticator,
                                   domain::EventFeed& feed,
                                   EventStreamLimits limits,
                                   StopSignal& stopping)
    : calls_(authenticator),
      feed_(feed),
      limits_(limits),
      stopping_(stopping) {}

grpc::Status EventServiceImpl::WatchEvents(
    grpc::ServerContext* context, const v1::WatchEventsRequest* request,
    grpc::ServerWriter<v1::WatchEventsResponse>* writer) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    const StreamSlot slot(open_streams_, limits_.max_streams);
    if (!slot) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "too many event streams are open on this server; "
                          "try again later");
    }
    return Stream(*context, caller, *request, *writer);
  });
}

grpc::Status EventServiceImpl::Stream(
    grpc::ServerContext& context, domain::Caller caller,
    const v1::WatchEventsRequest& request,
    grpc::ServerWriter<v1::WatchEventsResponse>& writer) {
  if (stopping_.stopped()) return ShuttingDown();
  const std::vector<std::string> actions(request.actions().begin(),
                                         request.actions().end());
  absl::StatusOr<domain::EventPosition> position =
      feed_.Start(request.after(), actions);
  if (!position.ok()) return ToGrpcStatus(position.status());
  v1::WatchEventsResponse start;
  start.set_cursor(feed_.Cursor(*position));
  if (!writer.Write(start)) return ClientGone();
  while (true) {
    absl::StatusOr<domain::EventBatch> batch =
        feed_.Read(caller, *position, actions);
    if (!batch.ok()) return ToGrpcStatus(batch.status());
    for (const domain::StreamedEvent& streamed : batch->events) {
      v1::WatchEventsResponse response;
      FillAuditEvent(streamed.event, response.mutable_event());
      response.set_cursor(feed_.Cursor(streamed.position));
      if (!writer.Write(response)) return ClientGone();
    }
    *position = batch->next;
    const bool caught_up =
        static_cast<int>(batch->events.size()) < domain::EventFeed::kBatchSize;
    if (caught_up ? stopping_.WaitFor(limits_.poll_interval)
                  : stopping_.stopped()) {
      return ShuttingDown();
    }
    if (context.IsCancelled()) return ClientGone();
    absl::StatusOr<domain::Caller> again = calls_.Authenticate(context);
    if (!again.ok()) return ToGrpcStatus(again.status());
    caller = *std::move(again);
  }
}

}  // namespace keyward::api
