#include "services/api/webhook_service.h"

#include "services/api/convert.h"
#include "services/api/respond.h"

namespace keyward::api {
namespace {

void Fill(const domain::Webhook& webhook, v1::Webhook* out) {
  out->set_id(webhook.id);
  out->set_url(webhook.url);
  for (const std::string& action : webhook.actions) out->add_actions(action);
  out->set_description(webhook.description);
  out->set_created_by(webhook.created_by);
  *out->mutable_create_time() = ToTimestamp(webhook.create_time);
}

v1::DeliveryStatus ToProto(domain::DeliveryStatus status) {
  switch (status) {
    case domain::DeliveryStatus::kPending:
      return v1::DELIVERY_STATUS_PENDING;
    case domain::DeliveryStatus::kDelivered:
      return v1::DELIVERY_STATUS_DELIVERED;
    case domain::DeliveryStatus::kFailed:
      break;
  }
  return v1::DELIVERY_STATUS_FAILED;
}

void Fill(const domain::WebhookDelivery& delivery, v1::WebhookDelivery* out) {
  out->set_event_id(delivery.event.id);
  out->set_action(delivery.event.record.action);
  out->set_status(ToProto(delivery.status));
  out->set_attempts(delivery.attempts);
  out->set_last_error(delivery.last_error);
  *out->mutable_event_time() = ToTimestamp(delivery.event.create_time);
  if (delivery.last_attempt_time) {
    *out->mutable_last_attempt_time() =
        ToTimestamp(*delivery.last_attempt_time);
  }
}

}  // namespace

WebhookServiceImpl::WebhookServiceImpl(domain::Authenticator& authenticator,
                                       domain::WebhookManager& webhooks)
    : calls_(authenticator), webhooks_(webhooks) {}

grpc::Status WebhookServiceImpl::CreateWebhook(
    grpc::ServerContext* context, const v1::CreateWebhookRequest* request,
    v1::CreateWebhookResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        webhooks_.Create(caller, request->url(),
                         {request->actions().begin(), request->actions().end()},
                         request->description(), request->validate_only()),
        [&](const domain::CreatedWebhook& created) {
          Fill(created.webhook, response->mutable_webhook());
          response->set_signing_secret(created.signing_secret);
        });
  });
}

grpc::Status WebhookServiceImpl::ListWebhooks(
    grpc::ServerContext* context, const v1::ListWebhooksRequest* request,
    v1::ListWebhooksResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        webhooks_.List(caller, request->page_size(), request->page_token()),
        [&](const domain::Listed<domain::Webhook>& listed) {
          for (const auto& w : listed.items) Fill(w, response->add_webhooks());
          response->set_next_page_token(listed.next_page_token);
        });
  });
}

grpc::Status WebhookServiceImpl::DeleteWebhook(
    grpc::ServerContext* context, const v1::DeleteWebhookRequest* request,
    v1::DeleteWebhookResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        webhooks_.Delete(caller, request->id(), request->validate_only()),
        [&](const domain::DeleteResult& result) {
          response->set_id(result.id);
          response->set_validate_only(result.validate_only);
        });
  });
}

grpc::Status WebhookServiceImpl::ListWebhookDeliveries(
    grpc::ServerContext* context,
    const v1::ListWebhookDeliveriesRequest* request,
    v1::ListWebhookDeliveriesResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        webhooks_.ListDeliveries(caller, request->webhook_id(),
                                 request->page_size(), request->page_token()),
        [&](const domain::Listed<domain::WebhookDelivery>& listed) {
          for (const auto& d : listed.items) {
            Fill(d, response->add_deliveries());
          }
          response->set_next_page_token(listed.next_page_token);
        });
  });
}

}  // namespace keyward::api
