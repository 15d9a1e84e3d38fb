// WebhookServiceImpl: keyward.v1.WebhookService over the domain's
// WebhookManager.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_WEBHOOK_SERVICE_H_
#define KEYWARD_SERVICES_API_WEBHOOK_SERVICE_H_

#include "keyward/v1/webhook.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/authenticator.h"
#include "services/domain/webhook_manager.h"

namespace keyward::api {

class WebhookServiceImpl final : public v1::WebhookService::Service {
 public:
  WebhookServiceImpl(domain::Authenticator& authenticator,
                     domain::WebhookManager& webhooks);

  grpc::Status CreateWebhook(grpc::ServerContext* context,
                             const v1::CreateWebhookRequest* request,
                             v1::CreateWebhookResponse* response) override;
  grpc::Status ListWebhooks(grpc::ServerContext* context,
                            const v1::ListWebhooksRequest* request,
                            v1::ListWebhooksResponse* response) override;
  grpc::Status DeleteWebhook(grpc::ServerContext* context,
                             const v1::DeleteWebhookRequest* request,
                             v1::DeleteWebhookResponse* response) override;
  grpc::Status ListWebhookDeliveries(
      grpc::ServerContext* context,
      const v1::ListWebhookDeliveriesRequest* request,
      v1::ListWebhookDeliveriesResponse* response) override;

 private:
  CallRunner calls_;
  domain::WebhookManager& webhooks_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_WEBHOOK_SERVICE_H_
