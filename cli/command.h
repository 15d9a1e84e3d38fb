// The shape of a `keyward` command and what it gets when it runs. A Group
// ("api-key") holds Commands ("create", "list", ...); a group with a single
// unnamed command is a command of its own ("login"). Commands declare their
// flags and positional arguments, so that parsing, --help and usage errors
// are handled in one place (dispatch.h), and receive an Invocation with the
// parsed command line, the printer and, when they talk to keywardd, a
// Client. The helpers here run calls and report their errors the same way
// for every command.
//
// Thread-safety: an Invocation is used by the one thread running a command.
#ifndef KEYWARD_CLI_COMMAND_H_
#define KEYWARD_CLI_COMMAND_H_

#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/args.h"
#include "cli/client.h"
#include "cli/context.h"
#include "cli/errors.h"
#include "cli/output.h"

namespace keyward::cli {

inline constexpr size_t kUnlimited = std::numeric_limits<size_t>::max();

// Extra advice printed after an error with the given status code.
using Hints = std::map<grpc::StatusCode, std::string>;

class Invocation {
 public:
  Invocation(const CommandLine& args, const Printer& out, std::ostream& err,
             const Environment& env, const Client* client, std::string usage)
      : args_(args),
        out_(out),
        err_(err),
        env_(env),
        client_(client),
        usage_(std::move(usage)) {}

  const CommandLine& args() const { return args_; }
  const Printer& out() const { return out_; }
  std::ostream& err() const { return err_; }
  const Environment& env() const { return env_; }
  // Non-null for commands that talk to keywardd.
  const Client& client() const { return *client_; }

  // The same invocation calling through `client`: for an offline command
  // that connects by itself (`login --invitation`, with no credentials).
  Invocation WithClient(const Client& client) const {
    return Invocation(args_, out_, err_, env_, &client, usage_);
  }

  // Runs one call with a fresh context from the client. Prints policy
  // warnings; on failure prints the error (and the hint for its code) and
  // returns its exit code; returns 0 on success.
  template <typename Call>
  int Rpc(Call&& call, const Hints& hints = {}) const {
    std::unique_ptr<grpc::ClientContext> context = client_->NewContext();
    const grpc::Status status = call(context.get());
    return Finish(*context, status, hints);
  }

  // Calls `page(context, page_token, &next_page_token)` until the server
  // returns an empty next_page_token (or `limit` items were collected, as
  // counted by `count()`); returns like Rpc.
  int ListAll(
      const std::function<grpc::Status(grpc::ClientContext*, const std::string&,
                                       std::string*)>& page,
      const std::function<size_t()>& count = nullptr,
      size_t limit = kUnlimited) const;

  // What Rpc does once a call has returned: prints its policy warnings, or
  // its error and the hint for its code; returns the exit code.
  int Finish(grpc::ClientContext& context, const grpc::Status& status,
             const Hints& hints = {}) const;

  // Prints "Error: <message>" and the command's usage; returns 2.
  int UsageError(const std::string& message) const;

  // Whether a destructive command may go ahead: yes with --force or
  // --dry-run; on a terminal, asks `question`; otherwise refuses with a
  // usage error telling to pass --force. Returns 0 to proceed, else the exit
  // code to return (1 when the user said no).
  int Confirm(const std::string& question) const;

 private:
  const CommandLine& args_;
  const Printer& out_;
  std::ostream& err_;
  const Environment& env_;
  const Client* client_;
  std::string usage_;
};

// A command, declared fluently:
//   Command("delete", "Delete an environment", Delete)
//       .Args("<env-id>", 1, 1).Flags({ForceFlag(), DryRunFlag()});
struct Command {
  Command(std::string name, std::string summary,
          std::function<int(const Invocation&)> run)
      : name(std::move(name)),
        summary(std::move(summary)),
        run(std::move(run)) {}

  // Positional arguments: their synopsis and how many are allowed.
  Command& Args(std::string synopsis, size_t min, size_t max) {
    arguments = std::move(synopsis);
    min_args = min;
    max_args = max;
    return *this;
  }
  Command& Flags(std::vector<FlagSpec> specs) {
    flags = std::move(specs);
    return *this;
  }
  Command& Details(std::string text) {
    details = std::move(text);
    return *this;
  }
  // The command does not talk to keywardd (no connection is resolved).
  Command& Offline() {
    uses_server = false;
    return *this;
  }

  std::string name;       // "create"; empty for a group's only command
  std::string summary;    // one line for the help listings
  std::string arguments;  // positional synopsis, e.g. "<key>..."
  std::string details;    // more help text, may be empty
  size_t min_args = 0;
  size_t max_args = 0;  // kUnlimited: any number
  std::vector<FlagSpec> flags;
  bool uses_server = true;
  std::function<int(const Invocation&)> run;
};

struct Group {
  std::string name;
  std::string summary;
  std::vector<Command> commands;
};

// Pages through a List RPC: sends `request` with page_size 100 and each
// next_page_token until the last page (or `limit` items), appending every
// item of `items_of(response)` to `out` (a JSON list) as ToJson.
template <typename Response, typename Request, typename Call, typename ItemsOf>
int CollectPages(const Invocation& invocation, Request request, Call call,
                 ItemsOf items_of, Json* out, size_t limit = kUnlimited) {
  *out = Json::array();
  request.set_page_size(100);
  return invocation.ListAll(
      [&](grpc::ClientContext* context, const std::string& token,
          std::string* next) {
        request.set_page_token(token);
        Response response;
        const grpc::Status status = call(context, request, &response);
        for (const auto& item : items_of(response)) {
          if (out->size() < limit) out->push_back(ToJson(item));
        }
        *next = response.next_page_token();
        return status;
      },
      [&] { return out->size(); }, limit);
}

// "1 API key", "3 API keys".
std::string Plural(size_t count, const std::string& singular);

// The --limit N flag into `limit` (kUnlimited when absent); returns 0, or
// the usage error's exit code unless N is a positive number.
int ParseLimit(const Invocation& invocation, size_t* limit);

// Flags shared by many commands.
FlagSpec DryRunFlag();  // --dry-run: validate_only
FlagSpec ForceFlag();   // --force: no confirmation
// --ignore-active-keys: delete even if a key it removes was used recently.
FlagSpec IgnoreActiveKeysFlag();
// The hint for a delete refused because keys it would remove are in use.
std::string IgnoreActiveKeysHint();

// `now + duration` as a protobuf Timestamp.
google::protobuf::Timestamp TimestampIn(std::chrono::milliseconds from_now);

// Appends `path` to `paths` if the flag `flag` was given; the update masks of
// update commands are built from the flags the user gave.
void AddIfGiven(const CommandLine& args, const std::string& flag,
                const std::string& path, std::vector<std::string>* paths);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_COMMAND_H_
