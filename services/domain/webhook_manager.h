// WebhookManager: the rules for webhooks (webhook.proto) — a well-formed
// receiver URL (webhook_url.h), known actions, a description within limits —
// checked against the policy (`webhook.create`, `webhook.delete`; the policy
// reads the URL's scheme, host and whether it is a loopback address) and
// audited with every change, over a WebhookRepository. The signing secret
// is derived (webhook_signing.h) and returned by Create only.
//
// Only callers whose roles manage webhooks (OrganizationAdmin at the
// organization: they see every event) read them; others list none and get
// NOT_FOUND for a webhook, as for anything they may not read (roles.h).
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_WEBHOOK_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_WEBHOOK_MANAGER_H_

#include <string>
#include <vector>

#include "services/crypto/secret.h"
#include "services/domain/caller.h"
#include "services/domain/decided.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_gate.h"
#include "services/domain/webhooks.h"

namespace keyward::domain {

// A created webhook with its signing secret, shown once.
struct CreatedWebhook {
  Webhook webhook;
  std::string signing_secret;
};

class WebhookManager {
 public:
  WebhookManager(WebhookRepository& repository,
                 const crypto::SecretHasher& hasher, PolicyGate& policy,
                 const PageTokenCodec& page_tokens);

  // With validate_only, the webhook it would be, without id or secret.
  Decided<CreatedWebhook> Create(const Caller& caller, const std::string& url,
                                 const std::vector<std::string>& actions,
                                 const std::string& description,
                                 bool validate_only);
  absl::StatusOr<Listed<Webhook>> List(const Caller& caller, int page_size,
                                       const std::string& page_token);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool validate_only);
  absl::StatusOr<Listed<WebhookDelivery>> ListDeliveries(
      const Caller& caller, const std::string& webhook_id, int page_size,
      const std::string& page_token);

 private:
  WebhookRepository& repository_;
  const crypto::SecretHasher& hasher_;
  PolicyGate& policy_;
  const PageTokenCodec& page_tokens_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_WEBHOOK_MANAGER_H_
