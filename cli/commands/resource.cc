// `keyward resource`: create, list, describe and delete resources (Kafka
// clusters, Schema Registries, ksqlDB applications, Flink regions). The API
// has no update: resources cannot change after creation.
#include "cli/commands/commands.h"
#include "cli/commands/names.h"
#include "keyward/v1/resource.grpc.pb.h"

namespace keyward::cli {
namespace {

using Stub = v1::ResourceService::Stub;

Column KindColumn() {
  return {"Kind", [](const Json& resource) {
            return ResourceKindCell(resource.value("kind", ""));
          }};
}

std::vector<Column> ListColumns() {
  return {FieldColumn("ID", "id"),
          KindColumn(),
          FieldColumn("Environment", "environment_id"),
          FieldColumn("Display Name", "display_name"),
          FieldColumn("Cloud", "cloud"),
          FieldColumn("Region", "region"),
          TimeColumn("Created", "create_time")};
}

std::vector<Column> DetailFields() { return ListColumns(); }

std::unique_ptr<Stub> NewStub(const Invocation& invocation) {
  return v1::ResourceService::NewStub(invocation.client().channel());
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateResourceRequest request;
  v1::ResourceKind kind = v1::RESOURCE_KIND_UNSPECIFIED;
  if (!ParseResourceKind(args.Get("kind"), &kind)) {
    return invocation.UsageError("--kind: '" + args.Get("kind") +
                                 "' is not one of " + ResourceKindChoices());
  }
  request.set_kind(kind);
  request.set_environment_id(args.Get("environment"));
  request.set_display_name(args.Get("display-name"));
  request.set_cloud(args.Get("cloud"));
  request.set_region(args.Get("region"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = NewStub(invocation);
  v1::Resource resource;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateResource(context, request, &resource);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(resource), DetailFields());
  if (request.validate_only()) {
    invocation.err() << "Dry run: the resource passed every check; nothing "
                        "was created.\n";
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::ListResourcesRequest request;
  request.set_environment_id(args.Get("environment"));
  if (args.Has("kind")) {
    v1::ResourceKind kind = v1::RESOURCE_KIND_UNSPECIFIED;
    if (!ParseResourceKind(args.Get("kind"), &kind)) {
      return invocation.UsageError("--kind: '" + args.Get("kind") +
                                   "' is not one of " + ResourceKindChoices());
    }
    request.set_kind(kind);
  }
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListResourcesResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListResourcesRequest& r,
              v1::ListResourcesResponse* response) {
            return stub->ListResources(context, r, response);
          },
          [](const v1::ListResourcesResponse& response) -> const auto& {
            return response.resources();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, ListColumns());
  return kExitOk;
}

int Describe(const Invocation& invocation) {
  v1::GetResourceRequest request;
  request.set_id(invocation.args().positionals()[0]);
  auto stub = NewStub(invocation);
  v1::Resource resource;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetResource(context, request, &resource);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(resource), DetailFields());
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::DeleteResourceRequest request;
  request.set_id(args.positionals()[0]);
  request.set_force(args.GetBool("ignore-active-keys"));
  request.set_validate_only(args.GetBool("dry-run"));
  if (int code = invocation.Confirm("Delete resource " + request.id() +
                                    " with all its API keys and role "
                                    "bindings?")) {
    return code;
  }
  auto stub = NewStub(invocation);
  v1::DeleteResourceResponse response;
  const Hints hints = {
      {grpc::StatusCode::FAILED_PRECONDITION, IgnoreActiveKeysHint()}};
  if (int code = invocation.Rpc(
          [&](grpc::ClientContext* context) {
            return stub->DeleteResource(context, request, &response);
          },
          hints)) {
    return code;
  }
  const std::string text =
      (response.validate_only() ? "Dry run: would delete resource "
                                : "Deleted resource ") +
      request.id() + " with " +
      Plural(response.deleted_api_key_ids_size(), "API key") + " and " +
      Plural(response.deleted_role_binding_ids_size(), "role binding") + ".";
  invocation.out().Result(ToJson(response), text);
  return kExitOk;
}

}  // namespace

Group ResourceGroup() {
  const std::string kinds = ResourceKindChoices();
  return {
      "resource",
      "Manage resources: Kafka clusters, Schema Registries, ksqlDB apps, "
      "Flink regions",
      {
          Command("create", "Create a resource in an environment", Create)
              .Details("An environment holds at most one Schema Registry. "
                       "Resources cannot be changed after creation.")
              .Flags(
                  {{"environment", "ENV-ID",
                    "the environment to create "
                    "it in",
                    true},
                   {"kind", kinds, "what it is", true},
                   {"display-name", "NAME", "human-readable name", true},
                   {"cloud", "CLOUD", "cloud provider, e.g. aws, gcp", true},
                   {"region", "REGION", "cloud region, e.g. us-east-1", true},
                   DryRunFlag()}),
          Command("list", "List resources", List)
              .Flags({{"environment", "ENV-ID",
                       "only the resources of this environment"},
                      {"kind", kinds, "only resources of this kind"}}),
          Command("describe", "Show one resource", Describe)
              .Args("<resource-id>", 1, 1),
          Command("delete",
                  "Delete a resource with its API keys and role bindings",
                  Delete)
              .Args("<resource-id>", 1, 1)
              .Details("Refused while one of its keys was used recently "
                       "unless --ignore-active-keys is given. Asks for "
                       "confirmation on a terminal unless --force is given; "
                       "elsewhere --force is required.")
              .Flags({ForceFlag(), DryRunFlag(), IgnoreActiveKeysFlag()}),
      }};
}

}  // namespace keyward::cli
