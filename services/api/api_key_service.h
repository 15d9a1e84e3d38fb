// ApiKeyServiceImpl: keyward.v1.ApiKeyService over the domain's
// ApiKeyManager (lifecycle) and ApiKeyVerification (VerifyApiKey).
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_API_KEY_SERVICE_H_
#define KEYWARD_SERVICES_API_API_KEY_SERVICE_H_

#include "keyward/v1/api_key.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/api_key_manager.h"
#include "services/domain/api_key_verification.h"
#include "services/domain/authenticator.h"

namespace keyward::api {

class ApiKeyServiceImpl final : public v1::ApiKeyService::Service {
 public:
  ApiKeyServiceImpl(domain::Authenticator& authenticator,
                    domain::ApiKeyManager& api_keys,
                    domain::ApiKeyVerification& verification);

  grpc::Status CreateApiKey(grpc::ServerContext* context,
                            const v1::CreateApiKeyRequest* request,
                            v1::CreateApiKeyResponse* response) override;
  grpc::Status GetApiKey(grpc::ServerContext* context,
                         const v1::GetApiKeyRequest* request,
                         v1::ApiKey* response) override;
  grpc::Status ListApiKeys(grpc::ServerContext* context,
                           const v1::ListApiKeysRequest* request,
                           v1::ListApiKeysResponse* response) override;
  grpc::Status UpdateApiKey(grpc::ServerContext* context,
                            const v1::UpdateApiKeyRequest* request,
                            v1::ApiKey* response) override;
  grpc::Status DeleteApiKey(grpc::ServerContext* context,
                            const v1::DeleteApiKeyRequest* request,
                            v1::DeleteApiKeyResponse* response) override;
  grpc::Status DisableApiKey(grpc::ServerContext* context,
                             const v1::DisableApiKeyRequest* request,
                             v1::ApiKey* response) override;
  grpc::Status EnableApiKey(grpc::ServerContext* context,
                            const v1::EnableApiKeyRequest* request,
                            v1::ApiKey* response) override;
  grpc::Status RotateApiKey(grpc::ServerContext* context,
                            const v1::RotateApiKeyRequest* request,
                            v1::RotateApiKeyResponse* response) override;
  grpc::Status GetApiKeyUsage(grpc::ServerContext* context,
                              const v1::GetApiKeyUsageRequest* request,
                              v1::GetApiKeyUsageResponse* response) override;
  grpc::Status VerifyApiKey(grpc::ServerContext* context,
                            const v1::VerifyApiKeyRequest* request,
                            v1::VerifyApiKeyResponse* response) override;

 private:
  CallRunner calls_;
  domain::ApiKeyManager& api_keys_;
  domain::ApiKeyVerification& verification_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_API_KEY_SERVICE_H_
