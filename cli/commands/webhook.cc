// `keyward webhook`: register (create), list and delete webhooks, and show a
// webhook's deliveries. The signing secret is shown once, by create.
#include "cli/commands/commands.h"
#include "keyward/v1/webhook.grpc.pb.h"

namespace keyward::cli {
namespace {

using Stub = v1::WebhookService::Stub;

std::vector<Column> Columns() {
  return {FieldColumn("ID", "id"), FieldColumn("URL", "url"),
          FieldColumn("Actions", "actions"),
          FieldColumn("Description", "description"),
          TimeColumn("Created", "create_time")};
}

std::vector<Column> DeliveryColumns() {
  return {FieldColumn("Event", "event_id"),
          FieldColumn("Action", "action"),
          FieldColumn("Status", "status"),
          FieldColumn("Attempts", "attempts"),
          FieldColumn("Last error", "last_error"),
          TimeColumn("Event time", "event_time"),
          TimeColumn("Last attempt", "last_attempt_time")};
}

std::unique_ptr<Stub> NewStub(const Invocation& invocation) {
  return v1::WebhookService::NewStub(invocation.client().channel());
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateWebhookRequest request;
  request.set_url(args.Get("endpoint"));
  for (const std::string& action : args.GetList("action")) {
    request.add_actions(action);
  }
  request.set_description(args.Get("description"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = NewStub(invocation);
  v1::CreateWebhookResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateWebhook(context, request, &response);
      })) {
    return code;
  }
  Json webhook = ToJson(response.webhook());
  std::vector<Column> fields = Columns();
  if (!response.signing_secret().empty()) {
    webhook["signing_secret"] = response.signing_secret();
    fields.push_back(FieldColumn("Signing secret", "signing_secret"));
  }
  invocation.out().Object(webhook, fields);
  if (!response.signing_secret().empty()) {
    invocation.err() << "Save the signing secret now: it is shown only once "
                        "and cannot be retrieved later.\n";
  }
  if (request.validate_only()) {
    invocation.err() << "Dry run: the webhook passed every check; nothing "
                        "was created.\n";
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  v1::ListWebhooksRequest request;
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListWebhooksResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListWebhooksRequest& r,
              v1::ListWebhooksResponse* response) {
            return stub->ListWebhooks(context, r, response);
          },
          [](const v1::ListWebhooksResponse& response) -> const auto& {
            return response.webhooks();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, Columns());
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  v1::DeleteWebhookRequest request;
  request.set_id(invocation.args().positionals()[0]);
  request.set_validate_only(invocation.args().GetBool("dry-run"));
  if (int code = invocation.Confirm("Delete webhook " + request.id() + "?")) {
    return code;
  }
  auto stub = NewStub(invocation);
  v1::DeleteWebhookResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->DeleteWebhook(context, request, &response);
      })) {
    return code;
  }
  invocation.out().Result(
      ToJson(response),
      (response.validate_only() ? "Dry run: would delete webhook "
                                : "Deleted webhook ") +
          request.id() + ".");
  return kExitOk;
}

int Deliveries(const Invocation& invocation) {
  v1::ListWebhookDeliveriesRequest request;
  request.set_webhook_id(invocation.args().positionals()[0]);
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListWebhookDeliveriesResponse>(
          invocation, request,
          [&](grpc::ClientContext* context,
              const v1::ListWebhookDeliveriesRequest& r,
              v1::ListWebhookDeliveriesResponse* response) {
            return stub->ListWebhookDeliveries(context, r, response);
          },
          [](const v1::ListWebhookDeliveriesResponse& response) -> const auto& {
            return response.deliveries();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, DeliveryColumns());
  return kExitOk;
}

}  // namespace

Group WebhookGroup() {
  return {"webhook",
          "Send the organization's events to a receiver's URL",
          {
              Command("create", "Register a webhook", Create)
                  .Details("Every executed change whose action is selected is "
                           "POSTed as a signed CloudEvent (docs/webhooks.md). "
                           "The signing secret is printed once.")
                  .Flags({{"endpoint", "URL",
                           "where to POST events: https, or http to a loopback "
                           "address",
                           true},
                          {"action", "ACTION",
                           "only this audit action (e.g. api_key.create); "
                           "repeat it (or separate with commas) for several; "
                           "default: all"},
                          {"description", "TEXT", "what the webhook is for"},
                          DryRunFlag()}),
              Command("list", "List webhooks", List),
              Command("delete", "Delete a webhook; nothing more is sent to it",
                      Delete)
                  .Args("<wh-id>", 1, 1)
                  .Details("Asks for confirmation on a terminal unless --force "
                           "is given; elsewhere --force is required.")
                  .Flags({ForceFlag(), DryRunFlag()}),
              Command("deliveries",
                      "Show a webhook's deliveries, newest first: status, "
                      "attempts, last error",
                      Deliveries)
                  .Args("<wh-id>", 1, 1),
          }};
}

}  // namespace keyward::cli
