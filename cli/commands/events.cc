// `keyward events watch`: the audit events as they commit, one line each,
// until interrupted (or --limit events); `--after CURSOR` resumes where an
// earlier watch left off (in json mode each line carries its cursor).
#include "cli/commands/commands.h"
#include "keyward/v1/event.grpc.pb.h"

namespace keyward::cli {
namespace {

std::vector<Column> Columns() {
  return {TimeColumn("Time", "time"),
          FieldColumn("Actor", "actor_id"),
          FieldColumn("Action", "action"),
          FieldColumn("Target", "target_id"),
          {"Allowed", [](const Json& event) {
             return event.value("allowed", false) ? "allowed" : "denied";
           }}};
}

int Watch(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  size_t limit = kUnlimited;
  if (int code = ParseLimit(invocation, &limit)) return code;
  v1::WatchEventsRequest request;
  request.set_after(args.Get("after"));
  for (const std::string& action : args.GetList("action")) {
    request.add_actions(action);
  }
  auto stub = v1::EventService::NewStub(invocation.client().channel());
  std::unique_ptr<grpc::ClientContext> context =
      invocation.client().NewContext();
  context->set_deadline(std::chrono::system_clock::time_point::max());
  auto reader = stub->WatchEvents(context.get(), request);
  v1::WatchEventsResponse message;
  size_t events = 0;
  while (events < limit && reader->Read(&message)) {
    if (message.has_event()) ++events;
    if (invocation.out().is_table()) {
      if (message.has_event()) {
        invocation.out().Line(ToJson(message.event()), Columns());
      } else {
        invocation.err() << "Watching; to resume from here: --after "
                         << message.cursor() << std::endl;
      }
    } else {
      invocation.out().Line(ToJson(message), {});
    }
  }
  if (events == limit) {
    context->TryCancel();
    reader->Finish();
    return kExitOk;
  }
  return invocation.Finish(*context, reader->Finish());
}

}  // namespace

Group EventsGroup() {
  return {
      "events",
      "Watch the audit events as they commit",
      {
          Command("watch",
                  "Print each audit event as it commits, until "
                  "interrupted",
                  Watch)
              .Flags({{"after", "CURSOR",
                       "resume after this cursor (from an earlier "
                       "watch's -o json lines); default: from now"},
                      {"action", "ACTION",
                       "only this action, e.g. api_key.create; repeat it "
                       "(or separate with commas) for several"},
                      {"limit", "N", "stop after N events (default: never)"}})
              .Details("In table mode each event is one line (time, actor, "
                       "action, target, allowed or denied) and the starting "
                       "cursor goes to stderr; with -o json each line is a "
                       "JSON object with the event and its cursor, the first "
                       "one the cursor alone. Only the events you may read "
                       "with `keyward audit list` are shown."),
      }};
}

}  // namespace keyward::cli
