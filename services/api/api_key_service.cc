#include "services/api/api_key_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"
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
    case domain::VerifyReason::kDisabled:
      return v1::VERIFY_REASON_DISABLED;
    case domain::VerifyReason::kMalformed:
      return v1::VERIFY_REASON_MALFORMED;
  }
  return v1::VERIFY_REASON_MALFORMED;
}

}  // namespace

ApiKeyServiceImpl::ApiKeyServiceImpl(domain::Authenticator& authenticator,
                                     domain::ApiKeyManager& api_keys,
                                     domain::ApiKeyVerification& verification)
    : calls_(authenticator), api_keys_(api_keys), verification_(verification) {}

grpc::Status ApiKeyServiceImpl::CreateApiKey(
    grpc::ServerContext* context, const v1::CreateApiKeyRequest* request,
    v1::CreateApiKeyResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
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
    return Respond(context, api_keys_.Create(caller, create),
                   [&](const domain::IssuedApiKey& issued) {
                     FillApiKey(issued.key, response->mutable_api_key());
                     response->set_secret(issued.secret);
                   });
  });
}

grpc::Status ApiKeyServiceImpl::GetApiKey(grpc::ServerContext* context,
                                          const v1::GetApiKeyRequest* request,
                                          v1::ApiKey* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        api_keys_.Get(caller, request->id()),
        [&](const domain::ApiKey& key) { FillApiKey(key, response); });
  });
}

grpc::Status ApiKeyServiceImpl::ListApiKeys(
    grpc::ServerContext* context, const v1::ListApiKeysRequest* request,
    v1::ListApiKeysResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    domain::ApiKeyFilter filter;
    if (!request->owner_id().empty()) filter.owner_id = request->owner_id();
    if (!request->resource_id().empty()) {
      filter.resource_id = request->resource_id();
    }
    absl::StatusOr<std::optional<domain::ApiKeyState>> state =
        FromProto("state", request->state());
    if (!state.ok()) return ToGrpcStatus(state.status());
    filter.state = *state;
    if (request->has_unused_since()) {
      absl::StatusOr<domain::Time> unused_since =
          FromTimestamp("unused_since", request->unused_since());
      if (!unused_since.ok()) return ToGrpcStatus(unused_since.status());
      filter.unused_since = *unused_since;
    }
    if (request->has_expire_before()) {
      absl::StatusOr<domain::Time> expire_before =
          FromTimestamp("expire_before", request->expire_before());
      if (!expire_before.ok()) return ToGrpcStatus(expire_before.status());
      filter.expire_before = *expire_before;
    }
    return Respond(api_keys_.List(caller, filter, request->page_size(),
                                  request->page_token()),
                   [&](const domain::Listed<domain::ApiKey>& listed) {
                     for (const auto& key : listed.items)
                       FillApiKey(key, response->add_api_keys());
                     response->set_next_page_token(listed.next_page_token);
                   });
  });
}

grpc::Status ApiKeyServiceImpl::UpdateApiKey(
    grpc::ServerContext* context, const v1::UpdateApiKeyRequest* request,
    v1::ApiKey* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    UpdateMaskRules rules{
        {"display_name", "description"},
        {},
        {"id", "owner_id", "owner_type", "resource_id", "resource_kind",
         "expire_time", "create_time", "update_time", "last_used_time",
         "created_by", "secret", "state", "disable_time", "disabled_by",
         "rotated_from"},
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
    return Respond(
        context, api_keys_.Update(caller, request->id(), update),
        [&](const domain::ApiKey& key) { FillApiKey(key, response); });
  });
}

grpc::Status ApiKeyServiceImpl::DeleteApiKey(
    grpc::ServerContext* context, const v1::DeleteApiKeyRequest* request,
    v1::DeleteApiKeyResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        api_keys_.Delete(caller, request->id(), request->validate_only()),
        [&](const domain::DeleteResult& result) {
          response->set_id(result.id);
          response->set_validate_only(result.validate_only);
        });
  });
}

grpc::Status ApiKeyServiceImpl::DisableApiKey(
    grpc::ServerContext* context, const v1::DisableApiKeyRequest* request,
    v1::ApiKey* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        api_keys_.Disable(caller, request->id(), request->validate_only()),
        [&](const domain::ApiKey& key) { FillApiKey(key, response); });
  });
}

grpc::Status ApiKeyServiceImpl::EnableApiKey(
    grpc::ServerContext* context, const v1::EnableApiKeyRequest* request,
    v1::ApiKey* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        api_keys_.Enable(caller, request->id(), request->validate_only()),
        [&](const domain::ApiKey& key) { FillApiKey(key, response); });
  });
}

grpc::Status ApiKeyServiceImpl::RotateApiKey(
    grpc::ServerContext* context, const v1::RotateApiKeyRequest* request,
    v1::RotateApiKeyResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    domain::RotationRequest rotation;
    rotation.id = request->id();
    if (request->has_grace_period()) {
      absl::StatusOr<std::chrono::microseconds> grace =
          FromDuration("grace_period", request->grace_period());
      if (!grace.ok()) return ToGrpcStatus(grace.status());
      rotation.grace_period = *grace;
    }
    rotation.validate_only = request->validate_only();
    return Respond(context, api_keys_.Rotate(caller, rotation),
                   [&](const domain::IssuedRotation& issued) {
                     FillApiKey(issued.key, response->mutable_api_key());
                     response->set_secret(issued.secret);
                     FillApiKey(issued.previous, response->mutable_previous());
                   });
  });
}

grpc::Status ApiKeyServiceImpl::GetApiKeyUsage(
    grpc::ServerContext* context, const v1::GetApiKeyUsageRequest* request,
    v1::GetApiKeyUsageResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        api_keys_.Usage(caller, request->id(), request->days()),
        [&](const std::vector<domain::KeyUsageDay>& usage) {
          for (const domain::KeyUsageDay& day : usage) {
            v1::ApiKeyUsageDay* out = response->add_days();
            out->set_date(domain::FormatUtcDay(day.day));
            out->set_valid(day.counts.valid);
            out->set_invalid_credentials(day.counts.invalid_credentials);
            out->set_expired(day.counts.expired);
            out->set_wrong_resource(day.counts.wrong_resource);
            out->set_disabled(day.counts.disabled);
          }
        });
  });
}

grpc::Status ApiKeyServiceImpl::VerifyApiKey(
    grpc::ServerContext* context, const v1::VerifyApiKeyRequest* request,
    v1::VerifyApiKeyResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        verification_.Verify(caller, request->key(), request->secret(),
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
            *response->mutable_expire_time() = ToTimestamp(*key.expire_time);
          }
        });
  });
}

}  // namespace keyward::api
