#include "tests/support/grpc_probe.h"

#include <grpcpp/grpcpp.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/eventually.h"

namespace keyward::testing {

ServingStatus CheckHealth(const std::string& address) {
  ServingStatus serving = grpc::health::v1::HealthCheckResponse::UNKNOWN;
  CheckHealth(address, grpc::InsecureChannelCredentials(), &serving);
  return serving;
}

grpc::Status CheckHealth(
    const std::string& address,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    ServingStatus* serving) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, credentials));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status =
      stub->Check(&context, grpc::health::v1::HealthCheckRequest(), &response);
  if (status.ok()) *serving = response.status();
  return status;
}

bool WaitForHealth(const std::string& address, ServingStatus wanted,
                   std::chrono::seconds timeout) {
  return PollUntil([&] { return CheckHealth(address) == wanted; }, timeout);
}

}  // namespace keyward::testing
