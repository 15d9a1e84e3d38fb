// `keyward environment`: create, list, describe, update and delete
// environments.
#include "cli/commands/commands.h"
#include "keyward/v1/environment.grpc.pb.h"

namespace keyward::cli {
namespace {

using Stub = v1::EnvironmentService::Stub;

std::vector<Column> ListColumns() {
  return {FieldColumn("ID", "id"), FieldColumn("Display Name", "display_name"),
          FieldColumn("Stage", "stage"), TimeColumn("Created", "create_time")};
}

std::vector<Column> DetailFields() {
  return {FieldColumn("ID", "id"), FieldColumn("Display Name", "display_name"),
          FieldColumn("Stage", "stage"), TimeColumn("Created", "create_time"),
          TimeColumn("Updated", "update_time")};
}

std::unique_ptr<Stub> NewStub(const Invocation& invocation) {
  return v1::EnvironmentService::NewStub(invocation.client().channel());
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateEnvironmentRequest request;
  request.set_display_name(args.Get("display-name"));
  request.set_stage(args.Get("stage"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = NewStub(invocation);
  v1::Environment environment;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateEnvironment(context, request, &environment);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(environment), DetailFields());
  if (request.validate_only()) {
    invocation.err() << "Dry run: the environment passed every check; "
                        "nothing was created.\n";
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListEnvironmentsResponse>(
          invocation, v1::ListEnvironmentsRequest(),
          [&](grpc::ClientContext* context,
              const v1::ListEnvironmentsRequest& request,
              v1::ListEnvironmentsResponse* response) {
            return stub->ListEnvironments(context, request, response);
          },
          [](const v1::ListEnvironmentsResponse& response) -> const auto& {
            return response.environments();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, ListColumns());
  return kExitOk;
}

int Describe(const Invocation& invocation) {
  v1::GetEnvironmentRequest request;
  request.set_id(invocation.args().positionals()[0]);
  auto stub = NewStub(invocation);
  v1::Environment environment;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetEnvironment(context, request, &environment);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(environment), DetailFields());
  return kExitOk;
}

int Update(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::UpdateEnvironmentRequest request;
  request.set_id(args.positionals()[0]);
  request.set_display_name(args.Get("display-name"));
  request.set_stage(args.Get("stage"));
  std::vector<std::string> paths;
  AddIfGiven(args, "display-name", "display_name", &paths);
  AddIfGiven(args, "stage", "stage", &paths);
  if (paths.empty()) {
    return invocation.UsageError(
        "nothing to update: pass --display-name and/or --stage");
  }
  for (const std::string& path : paths) {
    request.mutable_update_mask()->add_paths(path);
  }
  auto stub = NewStub(invocation);
  v1::Environment environment;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->UpdateEnvironment(context, request, &environment);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(environment), DetailFields());
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::DeleteEnvironmentRequest request;
  request.set_id(args.positionals()[0]);
  request.set_force(args.GetBool("cascade"));
  request.set_ignore_active_keys(args.GetBool("ignore-active-keys"));
  request.set_validate_only(args.GetBool("dry-run"));
  const std::string question =
      request.force() ? "Delete environment " + request.id() +
                            " with all its resources, their API keys and "
                            "role bindings?"
                      : "Delete environment " + request.id() + "?";
  if (int code = invocation.Confirm(question)) return code;

  auto stub = NewStub(invocation);
  v1::DeleteEnvironmentResponse response;
  // With --cascade only keys in use refuse the delete.
  const Hints hints = {
      {grpc::StatusCode::FAILED_PRECONDITION,
       request.force() ? IgnoreActiveKeysHint()
                       : "Pass --cascade to delete its resources, their API "
                         "keys and role bindings with it."}};
  if (int code = invocation.Rpc(
          [&](grpc::ClientContext* context) {
            return stub->DeleteEnvironment(context, request, &response);
          },
          hints)) {
    return code;
  }
  std::string text =
      (response.validate_only() ? "Dry run: would delete environment "
                                : "Deleted environment ") +
      request.id();
  if (response.deleted_resource_ids_size() > 0) {
    text += " with " +
            Plural(response.deleted_resource_ids_size(), "resource") + ", " +
            Plural(response.deleted_api_key_ids_size(), "API key") + " and " +
            Plural(response.deleted_role_binding_ids_size(), "role binding");
  }
  invocation.out().Result(ToJson(response), text + ".");
  return kExitOk;
}

}  // namespace

Group EnvironmentGroup() {
  return {
      "environment",
      "Manage environments, which group resources and carry a stage",
      {
          Command("create", "Create an environment", Create)
              .Details("The stage (prod, staging, dev, ...) is what "
                       "policies read.")
              .Flags({{"display-name", "NAME", "human-readable name", true},
                      {"stage", "STAGE",
                       "lower-case word, e.g. prod, staging, dev", true},
                      DryRunFlag()}),
          Command("list", "List all environments", List),
          Command("describe", "Show one environment", Describe)
              .Args("<env-id>", 1, 1),
          Command("update", "Change an environment's display name and/or stage",
                  Update)
              .Args("<env-id>", 1, 1)
              .Details("Only the fields whose flags are given change.")
              .Flags({{"display-name", "NAME", "new display name"},
                      {"stage", "STAGE", "new stage"}}),
          Command("delete", "Delete an environment", Delete)
              .Args("<env-id>", 1, 1)
              .Details("An environment that still holds resources is refused "
                       "unless --cascade is given, and a cascade while one of "
                       "their keys was used recently unless "
                       "--ignore-active-keys is given too. Asks for "
                       "confirmation on a terminal unless --force is given; "
                       "elsewhere --force is required.")
              .Flags({ForceFlag(),
                      DryRunFlag(),
                      {"cascade", "",
                       "also delete its resources, their API keys and "
                       "role bindings"},
                      IgnoreActiveKeysFlag()}),
      }};
}

}  // namespace keyward::cli
