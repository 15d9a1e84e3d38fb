#include "tests/support/scoped_policy.h"

#include <httplib.h>

#include <filesystem>

#include "tests/support/eventually.h"

namespace keyward::testing {
namespace {

constexpr char kProbeAction[] = "keyward_test.policy_probe";

std::string Marker(const std::string& name) { return "loaded:" + name; }

}  // namespace

ScopedPolicy::ScopedPolicy(OpaProcess& opa, std::string name,
                           const std::string& rego)
    : opa_(opa),
      name_(std::move(name)),
      path_(opa.policy_dir() + "/keyward/" + name_) {
  opa_.WritePolicy(name_, rego + "\nwarning contains {\"rule\": \"" +
                              Marker(name_) +
                              "\", \"message\": \"\"} if input.action == \"" +
                              kProbeAction + "\"\n");
  Eventually("OPA to load " + name_, [this] { return Loaded(); });
}

ScopedPolicy::~ScopedPolicy() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
  Eventually("OPA to drop " + name_, [this] { return !Loaded(); });
}

bool ScopedPolicy::Loaded() const {
  httplib::Client client(opa_.url());
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(2, 0);
  client.set_bearer_token_auth(opa_.token());
  const httplib::Result reply = client.Post(
      "/v1/data/keyward/decision",
      std::string("{\"input\": {\"action\": \"") + kProbeAction + "\"}}",
      "application/json");
  return reply && reply->status == 200 &&
         reply->body.find("\"" + Marker(name_) + "\"") != std::string::npos;
}

}  // namespace keyward::testing
