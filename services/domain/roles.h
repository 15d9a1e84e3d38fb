// Roles: the one table of what each role is — where it may be bound and what
// it manages there — from which keywardd derives role/scope validity, what a
// caller may read (ReadScope) and who may verify keys. The Rego matrix in
// policy/keyward/authorization.rego decides writes from the same table; a
// test asks the real policy every role × action and compares.
//
// A binding of a role at a scope lets its holder:
//   - create, update and delete objects of the kinds the role manages that
//     lie within the scope (an environment holds its resources and the keys
//     on them; the organization holds everything);
//   - read those objects, the environments and resources within the scope
//     when it manages anything in them, and — at the organization — every
//     account (and its role bindings) if it manages accounts and the audit
//     trail if it manages anything at all;
//   - verify keys presented to resources within the scope (`verifies`).
// Everyone reads their own account, keys, role bindings and audit events.
// What a caller may not read is NOT_FOUND, also to an update or delete (the
// managers read the target as the caller first), so a write never tells it
// more than a read would.
//
// Thread-safety: immutable data and stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_ROLES_H_
#define KEYWARD_SERVICES_DOMAIN_ROLES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/domain/caller.h"
#include "services/domain/types.h"

namespace keyward::domain {

enum class ScopeKind { kOrganization, kEnvironment, kResource };

struct RoleDefinition {
  absl::string_view name;
  std::vector<ScopeKind> scopes;           // where it may be bound
  std::vector<absl::string_view> manages;  // object kinds, as in actions
  bool verifies = false;
};

// The object kinds of policy actions ("<kind>.<verb>").
inline constexpr absl::string_view kObjectKinds[] = {
    "environment", "resource",     "service_account", "user_account",
    "api_key",     "role_binding", "invitation",      "webhook"};

// Every role, in the order the API documents them.
const std::vector<RoleDefinition>& Roles();

// The role of that name (case-sensitive), or null.
const RoleDefinition* FindRole(absl::string_view name);

// The kind of a well-formed scope, or nullopt.
std::optional<ScopeKind> ScopeKindOf(absl::string_view scope);

// INVALID_ARGUMENT naming `field` unless `scope` is kOrganizationScope, an
// environment id or a resource id (well formed; existence is not checked).
absl::Status CheckScope(absl::string_view field, absl::string_view scope);

// INVALID_ARGUMENT naming `role_field` for an unknown role, and
// `scope_field` for a malformed scope or one the role cannot be bound at.
absl::Status CheckRoleAtScope(absl::string_view role_field,
                              absl::string_view role,
                              absl::string_view scope_field,
                              absl::string_view scope);

// Whether the role manages objects of `kind`.
bool Manages(const RoleDefinition& role, absl::string_view kind);

// Whether the role may be bound at a scope of that kind.
bool BindableAt(const RoleDefinition& role, ScopeKind kind);

// What a caller may read, as the store's visibility conditions take it.
struct ReadScope {
  std::string caller_id;
  bool whole_organization = false;  // every environment, resource and key
  std::vector<std::string> environment_ids;  // with their resources, keys
  std::vector<std::string> resource_ids;     // with their keys
  bool all_accounts = false;                 // with their role bindings
  bool all_audit_events = false;
  bool webhooks = false;  // every webhook and its deliveries

  // Internal reads (policy facts, verification): no restriction.
  static ReadScope Everything();
  static ReadScope Of(const Caller& caller);
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ROLES_H_
