#include "cli/client.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace keyward::cli {

std::string Base64Encode(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string BasicAuthorization(const std::string& key,
                               const std::string& secret) {
  return "Basic " + Base64Encode(key + ":" + secret);
}

Client::Client(std::string url, std::shared_ptr<grpc::Channel> channel,
               std::string api_key, std::string authorization)
    : url_(std::move(url)),
      api_key_(std::move(api_key)),
      channel_(std::move(channel)),
      authorization_(std::move(authorization)) {}

std::unique_ptr<Client> Client::Connect(const Connection& connection,
                                        std::string* error) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (connection.tls_ca.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    std::ifstream file(connection.tls_ca);
    std::stringstream pem;
    if (!file || !(pem << file.rdbuf()) || pem.str().empty()) {
      *error = "cannot read the TLS CA file " + connection.tls_ca;
      return nullptr;
    }
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = pem.str();
    credentials = grpc::SslCredentials(options);
  }
  std::string authorization;
  if (!connection.api_key.empty()) {
    authorization =
        BasicAuthorization(connection.api_key, connection.api_secret);
  }
  return std::unique_ptr<Client>(new Client(
      connection.url, grpc::CreateChannel(connection.url, credentials),
      connection.api_key, std::move(authorization)));
}

std::unique_ptr<grpc::ClientContext> Client::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  if (!authorization_.empty()) {
    context->AddMetadata("authorization", authorization_);
  }
  return context;
}

}  // namespace keyward::cli
