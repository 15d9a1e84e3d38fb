#include "services/api/api_key_service.h"

#include "services/api/call_scope.h"
#include "services/api/convert.h"
#include "services/api/update_mask.h"

namespace keyward::api {
namespace {

constexpr char kImmutableMessage[] =
    "API keys are immutable: delete the key and create a new one";

v1::VerifyReason ReasonToProto(domain::VerifyReason reason) {
  switch (reason) {
    case domain::VerifyReason::kValid:
      return v1::VERIFY_REASON_VALID;
    case domain::VerifyReason::kInvalidCredentials:
      return v1::VERIFY_REASON_INVALID_CREDENTIALS;
    case domain::VerifyReason::kExpired:
      return v1::VERIFY_REASON_EXPIRED;
    case domain::VerifyReason::kWrongResource:
      return v1::VERIFY_REASON_WRONG_RESOURCE;
    case domain::VerifyReason::kMalformed:
      return v1::VERIFY_REASON_MALFORMED;
  }
  return v1::VERIFY_REASON_MALFORMED;
}

}  // namespace

ApiKeyServiceImpl::ApiKeyServiceImpl(domain::Authenticator& authenticator,
                                     domain::ApiKeyManager& api_keys,
                                     domain::KeyVerifier& verifier,
                                     domain::VerifyAccess& verify_access)
    : authenticator_(authenticator),
      api_keys_(api_keys),
      verifier_(verifier),
      verify_access_(verify_access) {}

grpc::Status ApiKeyServiceImpl::CreateApiKey(
    grpc::ServerContext* context, const v1::CreateApiKeyRequest* request,
    v1::CreateApiKeyResponse* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  domain::ApiKeyRequest create;
  create.owner_id = request->owner_id();
  create.resource_id = request->resource_id();
  create.display_name = request->display_name();
  create.description = request->description();
  if (request->has_expire_time()) {
    absl::StatusOr<domain::Time> expire_time =
        FromTimestamp("expire_time", request->expire_time());
    if (!expire_time.ok()) return ToGrpcStatus(expire_time.status());
    create.expire_time = *expire_time;
  }
  create.validate_only = request->validate_only();
  return Respond(api_keys_.Create(call.caller(), create),
                 [&](const domain::IssuedApiKey& issued) {
                   FillApiKey(issued.key, response->mutable_api_key());
                   response->set_secret(issued.secret);
                 });
}

grpc::Status ApiKeyServiceImpl::GetApiKey(grpc::ServerContext* context,
                                          const v1::GetApiKeyRequest* request,
                                          v1::ApiKey* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  return Respond(api_keys_.Get(call.caller(), request->id()),
                 [&](const domain::ApiKey& key) { FillApiKey(key, response); });
}

grpc::Status ApiKeyServiceImpl::ListApiKeys(
    grpc::ServerContext* context, const v1::ListApiKeysRequest* request,
    v1::ListApiKeysResponse* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  return Respond(
      api_keys_.List(call.caller(), request->owner_id(), request->resource_id(),
                     request->page_size(), request->page_token()),
      [&](const domain::Listed<domain::ApiKey>& listed) {
        for (const auto& key : listed.items)
          FillApiKey(key, response->add_api_keys());
        response->set_next_page_token(listed.next_page_token);
      });
}

grpc::Status ApiKeyServiceImpl::UpdateApiKey(
    grpc::ServerContext* context, const v1::UpdateApiKeyRequest* request,
    v1::ApiKey* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  UpdateMaskRules rules{
      {"display_name", "description"},
      {},
      {"id", "owner_id", "owner_type", "resource_id", "resource_kind",
       "expire_time", "create_time", "update_time", "last_used_time",
       "created_by", "secret"},
      kImmutableMessage};
  if (!request->display_name().empty()) {
    rules.set_in_request.push_back("display_name");
  }
  if (!request->description().empty()) {
    rules.set_in_request.push_back("description");
  }
  absl::StatusOr<std::set<std::string>> fields =
      ResolveUpdateMask(request->update_mask(), rules);
  if (!fields.ok()) return ToGrpcStatus(fields.status());

  domain::ApiKeyUpdate update;
  if (fields->count("display_name")) {
    update.display_name = request->display_name();
  }
  if (fields->count("description")) {
    update.description = request->description();
  }
  return Respond(api_keys_.Update(call.caller(), request->id(), update),
                 [&](const domain::ApiKey& key) { FillApiKey(key, response); });
}

grpc::Status ApiKeyServiceImpl::DeleteApiKey(
    grpc::ServerContext* context, const v1::DeleteApiKeyRequest* request,
    v1::DeleteApiKeyResponse* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  return Respond(
      api_keys_.Delete(call.caller(), request->id(), request->validate_only()),
      [&](const domain::DeleteResult& result) {
        response->set_id(result.id);
        response->set_validate_only(result.validate_only);
      });
}

grpc::Status ApiKeyServiceImpl::VerifyApiKey(
    grpc::ServerContext* context, const v1::VerifyApiKeyRequest* request,
    v1::VerifyApiKeyResponse* response) {
  CallScope call(context, authenticator_);
  if (!call.ok()) return call.error();
  absl::Status allowed =
      domain::CheckKeyResourceId("resource_id", request->resource_id());
  if (allowed.ok()) {
    allowed = verify_access_.Check(call.caller(), request->resource_id());
  }
  if (!allowed.ok()) return ToGrpcStatus(allowed);
  return Respond(verifier_.Verify(request->key(), request->secret(),
                                  request->resource_id()),
                 [&](const domain::Verification& verdict) {
                   response->set_valid(verdict.valid());
                   response->set_reason(ReasonToProto(verdict.reason));
                   if (!verdict.key) return;
                   const domain::ApiKey& key = *verdict.key;
                   response->set_api_key_id(key.id);
                   response->set_owner_id(key.owner_id);
                   response->set_owner_type(ToProto(key.owner_type));
                   response->set_resource_id(key.resource_id);
                   if (key.expire_time) {
                     *response->mutable_expire_time() =
                         ToTimestamp(*key.expire_time);
                   }
                 });
}

}  // namespace keyward::api
