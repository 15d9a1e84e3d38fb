#include "services/domain/webhook_manager.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/domain/audit_log.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"
#include "services/domain/webhook_signing.h"
#include "services/domain/webhook_url.h"

namespace keyward::domain {
namespace {

constexpr size_t kMaxActions = 64;

absl::Status CheckActions(const std::vector<std::string>& actions) {
  if (actions.size() > kMaxActions) {
    return InvalidField("actions", absl::StrCat("more than ", kMaxActions));
  }
  std::set<std::string> seen;
  for (const std::string& action : actions) {
    KEYWARD_RETURN_IF_ERROR(CheckAction("actions", action));
    if (!seen.insert(action).second) {
      return InvalidField("actions", absl::StrCat(action, " named twice"));
    }
  }
  return absl::OkStatus();
}

WebhookFacts Facts(const std::string& id, const WebhookUrl& url,
                   const std::vector<std::string>& actions) {
  return {id, url.scheme, url.host, url.port, url.loopback, actions};
}

}  // namespace

WebhookManager::WebhookManager(WebhookRepository& repository,
                               const crypto::SecretHasher& hasher,
                               PolicyGate& policy,
                               const PageTokenCodec& page_tokens)
    : repository_(repository),
      hasher_(hasher),
      policy_(policy),
      page_tokens_(page_tokens) {}

Decided<CreatedWebhook> WebhookManager::Create(
    const Caller& caller, const std::string& url,
    const std::vector<std::string>& actions, const std::string& description,
    bool validate_only) {
  KEYWARD_ASSIGN_OR_RETURN(const WebhookUrl parsed,
                           ParseWebhookUrl("url", url));
  KEYWARD_RETURN_IF_ERROR(CheckActions(actions));
  KEYWARD_RETURN_IF_ERROR(
      CheckText("description", description, Presence::kOptional));
  Webhook webhook;
  webhook.id = NewId(IdKind::kWebhook);
  webhook.url = url;
  webhook.actions = actions;
  webhook.description = description;
  webhook.created_by = caller.id;
  webhook.secret_salt = NewWebhookSecretSalt();
  PolicyTarget target;
  target.webhook = Facts(webhook.id, parsed, actions);
  return policy_
      .Authorize(caller, {"webhook.create",
                          webhook.id,
                          validate_only,
                          {{"url_origin", WebhookOrigin(parsed)},
                           {"actions", actions},
                           {"description", description}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<CreatedWebhook> {
        KEYWARD_ASSIGN_OR_RETURN(Webhook created,
                                 repository_.Create(webhook, mutation));
        CreatedWebhook result;
        if (validate_only) {
          created.id.clear();
        } else {
          result.signing_secret =
              WebhookSecret(hasher_, created.id, webhook.secret_salt);
        }
        created.secret_salt.clear();
        result.webhook = std::move(created);
        return result;
      });
}

absl::StatusOr<Listed<Webhook>> WebhookManager::List(
    const Caller& caller, int page_size, const std::string& page_token) {
  return page_tokens_.ListPage<Webhook>(
      page_size, page_token, ReaderListScope("webhooks", caller.id),
      [&](const PageRequest& request) {
        return repository_.List(request, ReadScope::Of(caller));
      });
}

Decided<DeleteResult> WebhookManager::Delete(const Caller& caller,
                                             const std::string& id,
                                             bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kWebhook}));
  KEYWARD_ASSIGN_OR_RETURN(const Webhook webhook,
                           repository_.Get(id, ReadScope::Of(caller)));
  PolicyTarget target;
  // A stored URL was checked when it was created.
  const absl::StatusOr<WebhookUrl> url = ParseWebhookUrl("url", webhook.url);
  target.webhook = Facts(id, url.ok() ? *url : WebhookUrl{}, webhook.actions);
  return policy_
      .Authorize(caller, {"webhook.delete",
                          id,
                          validate_only,
                          {{"id", id}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) {
        return repository_.Delete(id, mutation);
      });
}

absl::StatusOr<Listed<WebhookDelivery>> WebhookManager::ListDeliveries(
    const Caller& caller, const std::string& webhook_id, int page_size,
    const std::string& page_token) {
  KEYWARD_RETURN_IF_ERROR(
      CheckId("webhook_id", webhook_id, {IdKind::kWebhook}));
  KEYWARD_RETURN_IF_ERROR(
      repository_.Get(webhook_id, ReadScope::Of(caller)).status());
  return page_tokens_.ListPage<WebhookDelivery>(
      page_size, page_token,
      ReaderListScope(absl::StrCat("webhook_deliveries|webhook=", webhook_id),
                      caller.id),
      [&](const PageRequest& request) {
        return repository_.ListDeliveries(webhook_id, request);
      });
}

}  // namespace keyward::domain
