// The names `keyward` uses for API enums on the command line and in tables:
// resource kinds as kafka, schema-registry, ksqldb, flink (and cloud for
// Cloud keys), account types as user and service-account, verification
// reasons without their VERIFY_REASON_ prefix. JSON and YAML output keep the
// API's own enum names.
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_COMMANDS_NAMES_H_
#define KEYWARD_CLI_COMMANDS_NAMES_H_

#include <string>

#include "keyward/v1/api_key.pb.h"
#include "keyward/v1/common.pb.h"

namespace keyward::cli {

// "kafka" → RESOURCE_KIND_KAFKA_CLUSTER, ...; false for anything else
// (including "cloud", which is not a resource kind).
bool ParseResourceKind(const std::string& text, v1::ResourceKind* kind);

// The values ParseResourceKind accepts, for messages: "kafka|...".
std::string ResourceKindChoices();

// Table cell for a ResourceKind / AccountType enum name as JSON gives it.
std::string ResourceKindCell(const std::string& json_name);
std::string AccountTypeCell(const std::string& json_name);

// "active", "disabled", "expired" → the API key state; false for anything
// else.
bool ParseApiKeyState(const std::string& text, v1::ApiKeyState* state);

// Table cell for an ApiKeyState enum name as JSON gives it: "active", ...
std::string ApiKeyStateCell(const std::string& json_name);

// "VERIFY_REASON_EXPIRED" → "EXPIRED".
std::string WithoutPrefix(const std::string& name, const std::string& prefix);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_COMMANDS_NAMES_H_
