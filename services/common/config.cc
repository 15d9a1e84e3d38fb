#include "services/common/config.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace keyward {
namespace {

// Every component's table, bound to its part of `config`, in help's order.
OptionSet ConfigOptionSet(Config& config) {
  OptionSet options;
  options.Add(ServerOptions(), config.server);
  options.Add(TlsOptions(), config.tls);
  options.Add(StoreOptions(), config.store);
  options.Add(OpaOptions(), config.opa);
  options.Add(AuthOptions(), config.auth);
  options.Add(KeysOptions(), config.keys);
  options.Add(BootstrapOptions(), config.bootstrap);
  options.Add(WebhooksOptions(), config.webhooks);
  options.Add(MetricsOptions(), config.metrics);
  return options;
}

void SetCommand(const std::vector<std::string>& positionals, Config& config,
                std::vector<std::string>& problems) {
  for (size_t i = 0; i < positionals.size(); ++i) {
    const std::string& word = positionals[i];
    if (i > 0) {
      problems.push_back(absl::StrCat("unexpected argument: ", word));
    } else if (word != "serve" && word != "migrate" && word != "bootstrap" &&
               word != "compliance") {
      problems.push_back(
          absl::StrCat("unknown command: ", word,
                       " (serve, migrate, bootstrap, compliance)"));
    } else {
      config.command = word;
    }
  }
}

// Checks that need more than one option, or the command.
void ValidateWhole(const Config& config, std::vector<std::string>& problems) {
  if (config.store.url.empty()) {
    problems.push_back(
        "--database-url / KEYWARD_DATABASE_URL: required (a postgresql:// "
        "URL)");
  }
  if (config.command != "migrate" && config.command != "compliance" &&
      config.auth.pepper.contents.empty()) {
    problems.push_back(
        "--pepper-file / KEYWARD_PEPPER_FILE: required to serve (a file "
        "of at least 32 random bytes)");
  }
  if (config.command == "bootstrap" && config.bootstrap.email.empty()) {
    problems.push_back(
        "--email / KEYWARD_BOOTSTRAP_EMAIL: required to bootstrap (the first "
        "OrganizationAdmin's address)");
  }
  if (config.command == "serve" && !config.server.allow_insecure &&
      !config.tls.enabled() && !IsLoopbackListenAddress(config.server.listen)) {
    problems.push_back(absl::StrCat(
        "--listen / KEYWARD_LISTEN: ", config.server.listen,
        " is not a loopback address; serving plaintext there needs "
        "--allow-insecure (or serve TLS: --tls-cert-file and "
        "--tls-key-file)"));
  }
  CheckTlsConfig(config.tls, problems);
  CheckKeysConfig(config.keys, problems);
  CheckWebhooksConfig(config.webhooks, problems);
  if (config.command == "serve") CheckMetricsConfig(config.metrics, problems);
}

}  // namespace

std::vector<OptionSpec> ConfigOptions() {
  Config unused;
  return ConfigOptionSet(unused).Specs();
}

absl::StatusOr<Config> ParseConfig(
    const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env) {
  Config config;
  std::vector<std::string> problems;
  const std::vector<std::string> positionals =
      ConfigOptionSet(config).Apply(args, env, problems);
  SetCommand(positionals, config, problems);
  if (problems.empty()) ValidateWhole(config, problems);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return config;
}

std::string ConfigUsage() {
  return absl::StrCat(
      "usage: keywardd [serve|migrate|bootstrap|compliance] [--flag "
      "value]...\n\n"
      "commands:\n"
      "  serve    apply pending migrations, then serve gRPC (default)\n"
      "  migrate  apply pending migrations and exit\n"
      "  bootstrap --email ADDRESS\n"
      "           create the first OrganizationAdmin and print its Cloud\n"
      "           API key once, as KEY:SECRET on stdout\n"
      "  compliance\n"
      "           evaluate the compliance policy over every key once, store\n"
      "           the findings and print keys evaluated, findings, seconds\n\n"
      "options (flag / environment variable, default):\n",
      FormatOptions(ConfigOptions()));
}

}  // namespace keyward
