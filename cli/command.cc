#include "cli/command.h"

#include "cli/errors.h"
#include "cli/terminal.h"

namespace keyward::cli {
namespace {

constexpr char kDecisionMetadata[] = "keyward-policy-decision-bin";

}  // namespace

int Invocation::Finish(grpc::ClientContext& context, const grpc::Status& status,
                       const Hints& hints) const {
  if (status.ok()) {
    const auto& trailers = context.GetServerTrailingMetadata();
    auto it = trailers.find(kDecisionMetadata);
    PolicyDecision decision;
    if (it != trailers.end() &&
        ParseDecisionDetails(std::string(it->second.data(), it->second.size()),
                             &decision)) {
      err_ << DescribeWarnings(decision);
    }
    return kExitOk;
  }
  err_ << DescribeRpcError(status, client_->url());
  auto hint = hints.find(status.error_code());
  if (hint != hints.end()) err_ << hint->second << "\n";
  return ExitCodeFor(status.error_code());
}

int Invocation::ListAll(
    const std::function<grpc::Status(grpc::ClientContext*, const std::string&,
                                     std::string*)>& page,
    const std::function<size_t()>& count, size_t limit) const {
  std::string token;
  while (true) {
    std::string next;
    const int code = Rpc([&](grpc::ClientContext* context) {
      return page(context, token, &next);
    });
    if (code != kExitOk) return code;
    if (next.empty() || next == token) return kExitOk;
    if (count && count() >= limit) return kExitOk;
    token = next;
  }
}

int Invocation::UsageError(const std::string& message) const {
  err_ << "Error: " << message << "\n\n" << usage_;
  return kExitUsage;
}

int Invocation::Confirm(const std::string& question) const {
  if (args_.GetBool("force") || args_.GetBool("dry-run")) return kExitOk;
  if (!StdinIsTerminal()) {
    err_ << "Error: refusing to delete without confirmation: stdin is not a "
            "terminal; pass --force to delete without being asked\n";
    return kExitUsage;
  }
  if (cli::Confirm(question)) return kExitOk;
  err_ << "Aborted: nothing was deleted.\n";
  return kExitRefused;
}

int ParseLimit(const Invocation& invocation, size_t* limit) {
  *limit = kUnlimited;
  if (!invocation.args().Has("limit")) return kExitOk;
  const std::string text = invocation.args().Get("limit");
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(text) == 0) {
    return invocation.UsageError("--limit: '" + text +
                                 "' is not a positive number");
  }
  *limit = std::stoul(text);
  return kExitOk;
}

std::string Plural(size_t count, const std::string& singular) {
  return std::to_string(count) + " " + singular + (count == 1 ? "" : "s");
}

FlagSpec DryRunFlag() {
  return {"dry-run", "",
          "check the request (input, quotas, policy) without changing "
          "anything"};
}

FlagSpec ForceFlag() { return {"force", "", "do not ask for confirmation"}; }

FlagSpec IgnoreActiveKeysFlag() {
  return {"ignore-active-keys", "",
          "delete even if one of the API keys it removes was used recently"};
}

std::string IgnoreActiveKeysHint() {
  return "Pass --ignore-active-keys to delete it anyway; clients using those "
         "keys will start failing.";
}

google::protobuf::Timestamp TimestampIn(std::chrono::milliseconds from_now) {
  using std::chrono::duration_cast;
  using std::chrono::nanoseconds;
  using std::chrono::seconds;
  // Seconds and nanoseconds apart: in nanoseconds alone a lifetime of a few
  // centuries would overflow.
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto whole =
      duration_cast<seconds>(now) + duration_cast<seconds>(from_now);
  auto nanos =
      duration_cast<nanoseconds>(now - duration_cast<seconds>(now)) +
      duration_cast<nanoseconds>(from_now - duration_cast<seconds>(from_now));
  auto total_seconds = whole.count();
  if (nanos < nanoseconds(0)) {
    nanos += seconds(1);
    --total_seconds;
  } else if (nanos >= seconds(1)) {
    nanos -= seconds(1);
    ++total_seconds;
  }
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(total_seconds);
  timestamp.set_nanos(static_cast<int32_t>(nanos.count()));
  return timestamp;
}

void AddIfGiven(const CommandLine& args, const std::string& flag,
                const std::string& path, std::vector<std::string>* paths) {
  if (args.Has(flag)) paths->push_back(path);
}

}  // namespace keyward::cli
