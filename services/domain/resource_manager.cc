#include "services/domain/resource_manager.h"

#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr std::initializer_list<IdKind> kResourceIds = {
    IdKind::kKafkaCluster, IdKind::kSchemaRegistry, IdKind::kKsqldbApp,
    IdKind::kFlinkRegion};

constexpr char kResourceKinds[] =
    "KAFKA_CLUSTER, SCHEMA_REGISTRY, KSQLDB_APP or FLINK_REGION";

absl::Status CheckKind(std::optional<ResourceKind> kind) {
  if (!kind) {
    return InvalidField("kind",
                        std::string("is required (") + kResourceKinds + ")");
  }
  if (*kind == ResourceKind::kCloud) {
    return InvalidField("kind",
                        std::string("CLOUD is not a resource kind (use ") +
                            kResourceKinds + ")");
  }
  return absl::OkStatus();
}

}  // namespace

std::string ResourceListScope(const std::string& environment_id,
                              std::optional<ResourceKind> kind) {
  return "resources|environment=" + environment_id +
         "|kind=" + (kind ? ResourceKindName(*kind) : "");
}

ResourceManager::ResourceManager(ResourceRepository& repository,
                                 KeysInUseGuard& keys_in_use,
                                 PolicyGate& policy, PolicyFacts& facts,
                                 const PageTokenCodec& page_tokens)
    : repository_(repository),
      keys_in_use_(keys_in_use),
      policy_(policy),
      facts_(facts),
      page_tokens_(page_tokens) {}

Decided<Resource> ResourceManager::Create(const Caller& caller,
                                          const NewResource& request,
                                          bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("environment_id", request.environment_id,
                                  {IdKind::kEnvironment}));
  KEYWARD_RETURN_IF_ERROR(CheckKind(request.kind));
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", request.display_name, Presence::kRequired));
  KEYWARD_RETURN_IF_ERROR(CheckWord("cloud", request.cloud));
  KEYWARD_RETURN_IF_ERROR(CheckWord("region", request.region));
  Resource resource;
  resource.kind = *request.kind;
  resource.id = NewId(IdKindOfResource(resource.kind));
  resource.environment_id = request.environment_id;
  resource.display_name = request.display_name;
  resource.cloud = request.cloud;
  resource.region = request.region;
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.environment,
                           facts_.Environment(request.environment_id));
  return policy_
      .Authorize(caller, {"resource.create",
                          resource.id,
                          validate_only,
                          {{"environment_id", request.environment_id},
                           {"kind", ResourceKindName(resource.kind)},
                           {"display_name", request.display_name},
                           {"cloud", request.cloud},
                           {"region", request.region}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) {
        absl::StatusOr<Resource> created =
            Worded(repository_.Create(resource, mutation));
        if (created.ok() && validate_only) created->id.clear();
        return created;
      });
}

Decided<DeleteResult> ResourceManager::Delete(const Caller& caller,
                                              const std::string& id, bool force,
                                              bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, kResourceIds));
  KEYWARD_RETURN_IF_ERROR(Get(caller, id).status());  // see roles.h
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.resource, facts_.Resource(id));
  return policy_
      .Authorize(caller, {"resource.delete",
                          id,
                          validate_only,
                          {{"id", id}, {"force", force}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<DeleteResult> {
        KEYWARD_ASSIGN_OR_RETURN(
            const KeysInUseCheck keys_in_use,
            keys_in_use_.CheckAt(mutation.now, force, "force"));
        return Worded(repository_.Delete(id, keys_in_use, mutation));
      });
}

absl::StatusOr<Resource> ResourceManager::Get(const Caller& caller,
                                              const std::string& id) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, kResourceIds));
  return repository_.Get(id, ReadScope::Of(caller));
}

absl::StatusOr<Listed<Resource>> ResourceManager::List(
    const Caller& caller, const std::string& environment_id,
    std::optional<ResourceKind> kind, int page_size,
    const std::string& page_token) {
  if (!environment_id.empty()) {
    KEYWARD_RETURN_IF_ERROR(
        CheckId("environment_id", environment_id, {IdKind::kEnvironment}));
  }
  if (kind == ResourceKind::kCloud) KEYWARD_RETURN_IF_ERROR(CheckKind(kind));
  std::optional<std::string> environment_filter;
  if (!environment_id.empty()) environment_filter = environment_id;
  return page_tokens_.ListPage<Resource>(
      page_size, page_token,
      ReaderListScope(ResourceListScope(environment_id, kind), caller.id),
      [&](const PageRequest& request) {
        return repository_.List(environment_filter, kind, request,
                                ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
