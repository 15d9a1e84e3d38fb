// Test doubles for the manager unit tests (with FixedClock, fake_clock.h): a
// key-use recorder that counts flushes, and in-memory environment,
// resource and role-binding repositories that remember what they were asked
// (the mutation, the keys-in-use check, the filters) so a test can assert
// what reached storage — and that nothing did when a check failed first.
//
// Thread-safety: single-threaded tests only.
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_FAKE_REPOSITORIES_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_FAKE_REPOSITORIES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/domain/key_use.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/repositories.h"
#include "tests/unit/domain/fake_clock.h"

namespace keyward::domain::testing {

class FlushCountingRecorder : public KeyUseRecorder {
 public:
  void Record(const std::string&, VerifyReason, Time) override {}
  absl::Status Flush() override {
    ++flushes;
    return flush_status;
  }
  int flushes = 0;
  absl::Status flush_status;
};

// What every fake repository records about the writes it received.
struct Writes {
  int count = 0;  // Create, Update and Delete calls
  Mutation last_mutation;
  std::optional<KeysInUseCheck> keys_in_use;  // of the last delete
  ReadScope last_reader;                      // of the last read
  std::optional<PageRequest> last_page;       // of the last List
};

// A page of `items` after `page.after` (by id), with a next cursor when
// more follow.
template <typename T>
Page<T> PageOf(const std::map<std::string, T>& items, const PageRequest& page) {
  Page<T> result;
  for (auto it = page.after ? items.upper_bound(page.after->id) : items.begin();
       it != items.end(); ++it) {
    if (static_cast<int>(result.items.size()) == page.page_size) {
      result.next = PageCursor{Time(), result.items.back().id};
      break;
    }
    result.items.push_back(it->second);
  }
  return result;
}

class FakeEnvironments : public EnvironmentRepository {
 public:
  absl::StatusOr<Environment> Create(const Environment& environment,
                                     const Mutation& mutation) override {
    Wrote(mutation);
    if (!mutation.validate_only) stored[environment.id] = environment;
    return environment;
  }
  absl::StatusOr<Environment> Get(const std::string& id,
                                  const ReadScope& reader) override {
    writes.last_reader = reader;
    auto it = stored.find(id);
    if (it == stored.end()) return absl::NotFoundError(id + " not found");
    return it->second;
  }
  absl::StatusOr<Page<Environment>> List(const PageRequest& page,
                                         const ReadScope& reader) override {
    writes.last_reader = reader;
    writes.last_page = page;
    return PageOf(stored, page);
  }
  absl::StatusOr<Environment> Update(const std::string& id,
                                     const EnvironmentUpdate& update,
                                     const Mutation& mutation) override {
    Wrote(mutation);
    Environment& environment = stored.at(id);
    if (update.display_name) environment.display_name = *update.display_name;
    if (update.stage) environment.stage = *update.stage;
    return environment;
  }
  absl::StatusOr<
      std::variant<DeleteResult, EnvironmentHoldsResources, KeysInUse>>
  Delete(const std::string& id, bool force, const KeysInUseCheck& keys_in_use,
         const Mutation& mutation) override {
    Wrote(mutation);
    writes.keys_in_use = keys_in_use;
    last_delete_forced = force;
    DeleteResult result;
    result.id = id;
    result.validate_only = mutation.validate_only;
    return result;
  }

  void Add(const std::string& id, const std::string& stage = "dev") {
    stored[id] = Environment{id, "Team", stage, Time(), Time()};
  }

  std::map<std::string, Environment> stored;
  Writes writes;
  bool last_delete_forced = false;

 private:
  void Wrote(const Mutation& mutation) {
    ++writes.count;
    writes.last_mutation = mutation;
  }
};

class FakeResources : public ResourceRepository {
 public:
  absl::StatusOr<std::variant<Resource, SchemaRegistryTaken>> Create(
      const Resource& resource, const Mutation& mutation) override {
    Wrote(mutation);
    if (!mutation.validate_only) stored[resource.id] = resource;
    return resource;
  }
  absl::StatusOr<Resource> Get(const std::string& id,
                               const ReadScope& reader) override {
    writes.last_reader = reader;
    auto it = stored.find(id);
    if (it == stored.end()) return absl::NotFoundError(id + " not found");
    return it->second;
  }
  absl::StatusOr<Page<Resource>> List(
      const std::optional<std::string>& environment_id,
      std::optional<ResourceKind> kind, const PageRequest& page,
      const ReadScope& reader) override {
    writes.last_reader = reader;
    writes.last_page = page;
    last_environment_filter = environment_id;
    last_kind_filter = kind;
    return PageOf(stored, page);
  }
  absl::StatusOr<std::variant<DeleteResult, KeysInUse>> Delete(
      const std::string& id, const KeysInUseCheck& keys_in_use,
      const Mutation& mutation) override {
    Wrote(mutation);
    writes.keys_in_use = keys_in_use;
    DeleteResult result;
    result.id = id;
    result.validate_only = mutation.validate_only;
    return result;
  }

  void Add(const std::string& id, const std::string& environment_id) {
    Resource resource;
    resource.id = id;
    resource.environment_id = environment_id;
    stored[id] = resource;
  }

  std::map<std::string, Resource> stored;
  Writes writes;
  std::optional<std::string> last_environment_filter;
  std::optional<ResourceKind> last_kind_filter;

 private:
  void Wrote(const Mutation& mutation) {
    ++writes.count;
    writes.last_mutation = mutation;
  }
};

class FakeRoleBindings : public RoleBindingRepository {
 public:
  absl::StatusOr<std::variant<RoleBinding, RoleAlreadyHeld>> Create(
      const RoleBinding& binding, const Mutation& mutation) override {
    Wrote(mutation);
    if (!mutation.validate_only) stored[binding.id] = binding;
    return binding;
  }
  absl::StatusOr<RoleBinding> Get(const std::string& id,
                                  const ReadScope& reader) override {
    writes.last_reader = reader;
    auto it = stored.find(id);
    if (it == stored.end()) return absl::NotFoundError(id + " not found");
    return it->second;
  }
  absl::StatusOr<Page<RoleBinding>> List(
      const std::optional<std::string>& principal_id,
      const std::optional<std::string>& scope, const PageRequest& page,
      const ReadScope& reader) override {
    writes.last_reader = reader;
    writes.last_page = page;
    last_principal_filter = principal_id;
    last_scope_filter = scope;
    return PageOf(stored, page);
  }
  absl::StatusOr<std::variant<DeleteResult, LastAdminBinding>> Delete(
      const std::string& id, const AdminRole& admin,
      const Mutation& mutation) override {
    Wrote(mutation);
    kept_admin = admin;
    if (last_admin_binding == id) return LastAdminBinding{admin, id, ""};
    if (!mutation.validate_only) stored.erase(id);
    DeleteResult result;
    result.id = id;
    result.validate_only = mutation.validate_only;
    return result;
  }
  absl::StatusOr<std::vector<RoleBinding>> ListForPrincipal(
      const std::string& principal_id) override {
    std::vector<RoleBinding> bindings;
    for (const auto& [id, binding] : stored) {
      if (binding.principal_id == principal_id) bindings.push_back(binding);
    }
    return bindings;
  }

  void Add(const std::string& id, const std::string& principal_id,
           const std::string& role, const std::string& scope) {
    RoleBinding binding;
    binding.id = id;
    binding.principal_id = principal_id;
    binding.role = role;
    binding.scope = scope;
    stored[id] = binding;
  }

  std::map<std::string, RoleBinding> stored;
  Writes writes;
  std::optional<std::string> last_principal_filter;
  std::optional<std::string> last_scope_filter;
  AdminRole kept_admin;
  std::string last_admin_binding;  // Delete refuses to remove it

 private:
  void Wrote(const Mutation& mutation) {
    ++writes.count;
    writes.last_mutation = mutation;
  }
};

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_FAKE_REPOSITORIES_H_
