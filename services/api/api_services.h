// The keyward.v1 gRPC services keywardd serves. Each adapter converts between
// protobuf messages and the domain layer and holds no logic of its own; an
// RPC without an implementation yet answers UNIMPLEMENTED (the generated base
// class does that).
//
// Thread-safety: the returned services are called concurrently by gRPC.
#ifndef KEYWARD_SERVICES_API_API_SERVICES_H_
#define KEYWARD_SERVICES_API_API_SERVICES_H_

#include <memory>
#include <vector>

#include <grpcpp/impl/service_type.h>

namespace keyward::api {

// Every keyward.v1 service, ready to register with a grpc::ServerBuilder.
std::vector<std::unique_ptr<grpc::Service>> CreateApiServices();

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_API_SERVICES_H_
