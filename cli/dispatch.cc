#include "cli/dispatch.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "cli/errors.h"
#include "cli/terminal.h"
#include "services/common/server_address.h"

namespace keyward::cli {
namespace {

std::vector<FlagSpec> GlobalFlags() {
  return {
      {"url", "HOST:PORT",
       std::string("keywardd address (default: $KEYWARD_URL, the login "
                   "context, ") +
           kDefaultServerAddress + ")"},
      {"tls-ca", "FILE",
       "use TLS, trusting the CA certificates in FILE (default: "
       "$KEYWARD_TLS_CA, the login context; none: plaintext)"},
      {"api-key", "KEY",
       "authenticate with this API key; its secret comes from "
       "$KEYWARD_API_SECRET or a prompt"},
      {"output", "FORMAT", "table (default), json or yaml", false, 'o'},
  };
}

// The command's own flags, then the global ones it does not redefine.
std::vector<FlagSpec> AllFlags(const Command& command) {
  std::vector<FlagSpec> flags = command.flags;
  for (const FlagSpec& global : GlobalFlags()) {
    const bool redefined = std::any_of(
        flags.begin(), flags.end(),
        [&](const FlagSpec& flag) { return flag.name == global.name; });
    if (!redefined) flags.push_back(global);
  }
  return flags;
}

std::string TopUsage(const std::vector<Group>& groups) {
  std::string text =
      "keyward: manage Keyward accounts, resources and API keys.\n\n"
      "Usage: keyward <command> [<subcommand>] [flags]\n\nCommands:\n";
  size_t width = 0;
  for (const Group& group : groups) width = std::max(width, group.name.size());
  for (const Group& group : groups) {
    text += "  " + group.name +
            std::string(width - group.name.size() + 2, ' ') + group.summary +
            "\n";
  }
  text +=
      "\nRun `keyward <command> --help` for its subcommands and flags.\n"
      "Exit codes: 0 success, 1 refused or not found, 2 usage error, "
      "3 service unavailable.\n";
  return text;
}

std::string GroupUsage(const Group& group) {
  std::string text = group.summary + "\n\nUsage: keyward " + group.name +
                     " <subcommand> [flags]\n\nSubcommands:\n";
  size_t width = 0;
  for (const Command& command : group.commands) {
    width = std::max(width, command.name.size());
  }
  for (const Command& command : group.commands) {
    text += "  " + command.name +
            std::string(width - command.name.size() + 2, ' ') +
            command.summary + "\n";
  }
  text +=
      "\nRun `keyward " + group.name + " <subcommand> --help` for its flags.\n";
  return text;
}

std::string CommandUsage(const Group& group, const Command& command) {
  std::string path = "keyward " + group.name;
  if (!command.name.empty()) path += " " + command.name;
  std::string synopsis = path;
  if (!command.arguments.empty()) synopsis += " " + command.arguments;
  for (const FlagSpec& flag : command.flags) {
    if (flag.required) synopsis += " --" + flag.name + " " + flag.value_name;
  }
  synopsis += " [flags]";
  std::string text = "Usage: " + synopsis + "\n\n" + command.summary + "\n";
  if (!command.details.empty()) {
    text += "\n" + WrapText(command.details, 80, 0) + "\n";
  }
  std::vector<FlagSpec> own = command.flags;
  std::vector<FlagSpec> global;
  for (const FlagSpec& flag : AllFlags(command)) {
    const bool is_own =
        std::any_of(own.begin(), own.end(),
                    [&](const FlagSpec& f) { return f.name == flag.name; });
    if (!is_own) global.push_back(flag);
  }
  global.push_back({"help", "", "show this help", false, 'h'});
  if (!own.empty()) text += "\nFlags:\n" + FormatFlags(own);
  text += "\nGlobal flags:\n" + FormatFlags(global);
  return text;
}

const Group* FindGroup(const std::vector<Group>& groups,
                       const std::string& name) {
  for (const Group& group : groups) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

const Command* FindCommand(const Group& group, const std::string& name) {
  for (const Command& command : group.commands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

bool IsDirect(const Group& group) {
  return group.commands.size() == 1 && group.commands.front().name.empty();
}

bool IsHelp(const std::string& arg) { return arg == "-h" || arg == "--help"; }

std::optional<std::string> Optional(const CommandLine& line,
                                    const std::string& name) {
  if (!line.Has(name)) return std::nullopt;
  return line.Get(name);
}

// Moves the global flags found at args[start...] to `leading`, stopping at
// the first word that is not one; returns that word's index.
size_t SplitLeadingFlags(const std::vector<std::string>& args, size_t start,
                         std::vector<std::string>* leading) {
  const std::vector<FlagSpec> globals = GlobalFlags();
  size_t i = start;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-' &&
         !IsHelp(args[i])) {
    const std::string& arg = args[i];
    leading->push_back(arg);
    const bool has_inline =
        arg.find('=') != std::string::npos || (arg[1] != '-' && arg.size() > 2);
    const bool known =
        std::any_of(globals.begin(), globals.end(), [&](const FlagSpec& flag) {
          return arg == "--" + flag.name ||
                 (flag.short_name != 0 &&
                  arg == std::string("-") + flag.short_name);
        });
    if (known && !has_inline && i + 1 < args.size()) {
      leading->push_back(args[++i]);
    }
    ++i;
  }
  return i;
}

int RunCommand(const Group& group, const Command& command,
               const std::vector<std::string>& args, const Environment& env,
               std::ostream& out, std::ostream& err) {
  const std::string usage = CommandUsage(group, command);
  auto usage_error = [&](const std::string& message) {
    err << "Error: " << message << "\n\n" << usage;
    return static_cast<int>(kExitUsage);
  };

  CommandLine line;
  std::string error;
  if (!ParseCommandLine(args, AllFlags(command), &line, &error)) {
    return usage_error(error);
  }
  if (line.help()) {
    out << usage;
    return kExitOk;
  }
  const size_t count = line.positionals().size();
  if (count < command.min_args) {
    return usage_error("missing argument: " + command.arguments);
  }
  if (count > command.max_args) {
    return usage_error("unexpected argument: " +
                       line.positionals()[command.max_args]);
  }
  Format format = Format::kTable;
  if (!ParseFormat(line.Get("output", "table"), &format)) {
    return usage_error("--output: '" + line.Get("output") +
                       "' is not table, json or yaml");
  }
  Printer printer(format, out);

  std::unique_ptr<Client> client;
  if (command.uses_server) {
    const std::string path = ContextPath(env, &error);
    std::optional<StoredContext> stored;
    if (!path.empty() && !LoadContext(path, &stored, &error)) {
      err << "Error: " << error << "\n";
      return kExitUsage;
    }
    ConnectionFlags flags{Optional(line, "url"), Optional(line, "tls-ca"),
                          Optional(line, "api-key")};
    auto prompt = [](const std::string& key, std::string* secret) {
      return StdinIsTerminal() &&
             ReadSecret("API secret for " + key + ": ", secret);
    };
    Connection connection;
    if (!ResolveConnection(flags, env, stored, prompt, &connection, &error)) {
      return usage_error(error);
    }
    client = Client::Connect(connection, &error);
    if (client == nullptr) return usage_error(error);
  }

  Invocation invocation(line, printer, err, env, client.get(), usage);
  return command.run(invocation);
}

}  // namespace

int RunCli(const std::vector<Group>& groups,
           const std::vector<std::string>& args, const Environment& env,
           std::ostream& out, std::ostream& err) {
  std::vector<std::string> leading;
  size_t i = SplitLeadingFlags(args, 0, &leading);
  if (i >= args.size()) {
    if (leading.empty()) {
      err << TopUsage(groups);
      return kExitUsage;
    }
    err << "Error: missing command\n\n" << TopUsage(groups);
    return kExitUsage;
  }
  if (IsHelp(args[i]) || args[i] == "help") {
    out << TopUsage(groups);
    return kExitOk;
  }
  const Group* group = FindGroup(groups, args[i]);
  if (group == nullptr) {
    err << "Error: unknown command '" << args[i] << "'\n\n" << TopUsage(groups);
    return kExitUsage;
  }
  ++i;

  const Command* command = nullptr;
  if (IsDirect(*group)) {
    command = &group->commands.front();
  } else {
    // Global flags may also come between the group and the subcommand.
    i = SplitLeadingFlags(args, i, &leading);
    if (i >= args.size()) {
      err << "Error: missing subcommand\n\n" << GroupUsage(*group);
      return kExitUsage;
    }
    if (IsHelp(args[i]) || args[i] == "help") {
      out << GroupUsage(*group);
      return kExitOk;
    }
    command = FindCommand(*group, args[i]);
    if (command == nullptr) {
      err << "Error: unknown subcommand '" << group->name << " " << args[i]
          << "'\n\n"
          << GroupUsage(*group);
      return kExitUsage;
    }
    ++i;
  }
  std::vector<std::string> command_args = leading;
  command_args.insert(command_args.end(), args.begin() + i, args.end());
  return RunCommand(*group, *command, command_args, env, out, err);
}

}  // namespace keyward::cli
