// Application: keywardd's object graph — clock, secret hasher, page tokens,
// repositories, domain managers — built once from the Config and a Database,
// and the gRPC services over them.
//
// Thread-safety: immutable after construction; its parts are thread-safe.
#ifndef KEYWARD_SERVICES_SERVER_APPLICATION_H_
#define KEYWARD_SERVICES_SERVER_APPLICATION_H_

#include <grpcpp/impl/service_type.h>

#include <memory>
#include <vector>

#include "services/common/config.h"
#include "services/crypto/secret.h"
#include "services/domain/clock.h"
#include "services/domain/environment_manager.h"
#include "services/domain/page_token.h"
#include "services/store/database.h"
#include "services/store/environment_repository.h"

namespace keyward::server {

class Application {
 public:
  Application(const Config& config, store::Database& database);

  // The keyward.v1 services; they refer to this Application, which must
  // outlive the server.
  std::vector<std::unique_ptr<grpc::Service>> CreateServices();

 private:
  domain::SystemClock clock_;
  crypto::SecretHasher hasher_;
  domain::PageTokenCodec page_tokens_;
  store::PgEnvironmentRepository environment_repository_;
  domain::EnvironmentManager environments_;
};

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_APPLICATION_H_
