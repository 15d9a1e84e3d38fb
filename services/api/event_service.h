// EventServiceImpl: keyward.v1.EventService over the domain's EventFeed.
// Each stream holds one of the synchronous server's threads while it lasts:
// it polls the feed, sleeping `poll_interval` when it has caught up, and
// authenticates its caller again before every read, so a deleted or
// disabled key ends it and a removed role hides events at once. It ends
// when the client goes away, and with UNAVAILABLE when the server begins
// to shut down (StopSignal). At most `max_streams` are open at a time, so
// streams cannot take every thread; more get RESOURCE_EXHAUSTED.
//
// Thread-safety: called concurrently by gRPC.
#ifndef KEYWARD_SERVICES_API_EVENT_SERVICE_H_
#define KEYWARD_SERVICES_API_EVENT_SERVICE_H_

#include <atomic>
#include <chrono>

#include "keyward/v1/event.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/common/stop_signal.h"
#include "services/domain/authenticator.h"
#include "services/domain/event_feed.h"

namespace keyward::api {

struct EventStreamLimits {
  std::chrono::milliseconds poll_interval{250};
  int max_streams = 16;
};

class EventServiceImpl final : public v1::EventService::Service {
 public:
  EventServiceImpl(domain::Authenticator& authenticator,
                   domain::EventFeed& feed, EventStreamLimits limits,
                   StopSignal& stopping);

  grpc::Status WatchEvents(
      grpc::ServerContext* context, const v1::WatchEventsRequest* request,
      grpc::ServerWriter<v1::WatchEventsResponse>* writer) override;

 private:
  // Streams from `caller`'s first authentication until the stream ends.
  grpc::Status Stream(grpc::ServerContext& context, domain::Caller caller,
                      const v1::WatchEventsRequest& request,
                      grpc::ServerWriter<v1::WatchEventsResponse>& writer);

  CallRunner calls_;
  domain::EventFeed& feed_;
  const EventStreamLimits limits_;
  StopSignal& stopping_;
  std::atomic<int> open_streams_{0};
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_EVENT_SERVICE_H_
