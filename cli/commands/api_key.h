// What the `keyward api-key` command files share: the key's columns and
// fields, the stub, and the commands defined outside api_key.cc —
// rotate, disable, enable and usage (api_key_lifecycle.cc), store and use
// (api_key_store.cc).
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_CLI_COMMANDS_API_KEY_H_
#define KEYWARD_CLI_COMMANDS_API_KEY_H_

#include <memory>
#include <vector>

#include "cli/command.h"
#include "keyward/v1/api_key.grpc.pb.h"

namespace keyward::cli {

// The fields `describe` shows for `key` (an ApiKey as JSON): Disabled and
// Rotated From only when they are set.
std::vector<Column> ApiKeyFields(const Json& key);

std::unique_ptr<v1::ApiKeyService::Stub> NewApiKeyStub(
    const Invocation& invocation);

Command RotateCommand();
Command DisableCommand();
Command EnableCommand();
Command UsageCommand();
Command StoreCommand();
Command UseCommand();

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_COMMANDS_API_KEY_H_
