// The gRPC side of `keyward`: one channel to keywardd (TLS with a given CA,
// else plaintext) and the context every call is made with — a 10-second
// deadline and, when credentials are known, the metadata
// `authorization: Basic base64(key:secret)`.
//
// Thread-safety: a Client is immutable after Connect; NewContext may be
// called from several threads.
#ifndef KEYWARD_CLI_CLIENT_H_
#define KEYWARD_CLI_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "cli/context.h"

namespace keyward::cli {

inline constexpr std::chrono::seconds kCallDeadline{10};

// Standard base64 (RFC 4648, with padding).
std::string Base64Encode(const std::string& bytes);

// "Basic " + base64(key:secret).
std::string BasicAuthorization(const std::string& key,
                               const std::string& secret);

class Client {
 public:
  // Creates the channel (it connects on the first call). Fails with `error`
  // only when the TLS CA file cannot be read.
  static std::unique_ptr<Client> Connect(const Connection& connection,
                                         std::string* error);

  const std::string& url() const { return url_; }
  // The id of the API key calls are made with; empty without credentials.
  const std::string& api_key() const { return api_key_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // A fresh context for one call: deadline and authorization set.
  std::unique_ptr<grpc::ClientContext> NewContext() const;

 private:
  Client(std::string url, std::shared_ptr<grpc::Channel> channel,
         std::string api_key, std::string authorization);

  std::string url_;
  std::string api_key_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string authorization_;  // empty: send none
};

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_CLIENT_H_
