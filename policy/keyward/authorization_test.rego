package keyward_test

import data.keyward

env_a := {"id": "env-aaaaaaaa", "display_name": "A", "stage": "dev"}

cluster_a := {"id": "lkc-aaaaaaaa", "kind": "KAFKA_CLUSTER", "environment": env_a}

cluster_b := {"id": "lkc-bbbbbbbb", "kind": "KAFKA_CLUSTER", "environment": {"id": "env-bbbbbbbb", "display_name": "B", "stage": "dev"}}

caller(role, scope) := {"id": "u-caller01", "type": "USER", "role_bindings": [{"role": role, "scope": scope}]}

someone_else := {"id": "sa-other001", "type": "SERVICE_ACCOUNT"}

me := {"id": "u-caller01", "type": "USER"}

key_on(resource, owner, who) := {
	"action": "api_key.create", "caller": who, "now": "2026-01-01T00:00:00Z",
	"request": {"owner_id": owner.id, "resource_id": resource.id, "description": "d"},
	"target": {"owner": owner, "resource": resource},
}

resource_in(environment, who) := {
	"action": "resource.create", "caller": who,
	"request": {"environment_id": environment.id}, "target": {"environment": environment},
}

simple(action, who) := {"action": action, "caller": who, "request": {"description": "d"}, "target": {}}

allowed(request) if keyward.decision.allow with input as request

denied(request) if {
	decision := keyward.decision with input as request
	not decision.allow
	"not_authorized" in {v.rule | some v in decision.violations}
}

test_organization_admin_may_do_everything if {
	who := caller("OrganizationAdmin", "organization")
	allowed(simple("environment.create", who))
	allowed(simple("role_binding.create", who))
	allowed(resource_in(env_a, who))
	allowed(key_on(cluster_b, someone_else, who))
}

test_account_admin_manages_accounts_and_keys_only if {
	who := caller("AccountAdmin", "organization")
	allowed(simple("service_account.create", who))
	allowed(simple("user_account.delete", who))
	allowed(key_on(cluster_b, someone_else, who))
	denied(simple("environment.create", who))
	denied(resource_in(env_a, who))
	denied(simple("role_binding.create", who))
}

test_account_admin_scoped_below_the_organization_is_not_enough if {
	denied(simple("service_account.create", caller("AccountAdmin", "env-aaaaaaaa")))
}

test_environment_admin_manages_its_environment_only if {
	who := caller("EnvironmentAdmin", env_a.id)
	allowed(resource_in(env_a, who))
	allowed(key_on(cluster_a, someone_else, who))
	denied(resource_in(cluster_b.environment, who))
	denied(key_on(cluster_b, someone_else, who))
	denied(simple("service_account.create", who))
	denied(simple("environment.delete", who))
}

test_cloud_cluster_admin_manages_keys_on_its_resource_only if {
	who := caller("CloudClusterAdmin", cluster_a.id)
	allowed(key_on(cluster_a, someone_else, who))
	denied(key_on(cluster_b, someone_else, who))
	denied(resource_in(env_a, who))
}

test_key_verifier_may_write_nothing if {
	who := caller("KeyVerifier", "organization")
	denied(key_on(cluster_a, me, who))
	denied(simple("service_account.create", who))
}

test_users_manage_their_own_keys_where_they_hold_a_role if {
	who := caller("CloudClusterAdmin", "lkc-elsewhere")
	denied(key_on(cluster_a, me, who))
	in_env := caller("EnvironmentAdmin", "env-zzzzzzzz")
	denied(key_on(cluster_a, me, in_env))
	on_cluster := {"id": me.id, "type": "USER", "role_bindings": [{"role": "CloudClusterAdmin", "scope": cluster_a.id}]}
	allowed(key_on(cluster_a, me, on_cluster))
}

test_a_caller_without_bindings_may_do_nothing if {
	denied(simple("service_account.create", {"id": "u-nobody01", "type": "USER", "role_bindings": []}))
}

test_a_missing_caller_is_denied_not_skipped if {
	denied({"action": "environment.create", "request": {}, "target": {}})
}

test_denials_name_the_roles_that_would_do if {
	decision := keyward.decision with input as key_on(cluster_b, someone_else, caller("KeyVerifier", "organization"))
	some v in decision.violations
	v.rule == "not_authorized"
	contains(v.message, "u-caller01 may not api_key.create on lkc-bbbbbbbb")
	contains(v.message, "EnvironmentAdmin at env-bbbbbbbb")
	contains(v.message, "CloudClusterAdmin at lkc-bbbbbbbb")
}

test_roles_count_only_at_the_scopes_they_are_bound_at if {
	denied(simple("environment.create", caller("OrganizationAdmin", "env-aaaaaaaa")))
	denied(resource_in(env_a, caller("EnvironmentAdmin", "organization")))
	denied(key_on(cluster_a, someone_else, caller("CloudClusterAdmin", env_a.id)))
}

violations_of(request) := {v.rule | some v in decision.violations} if {
	decision := keyward.decision with input as request
}

test_nobody_creates_keys_for_another_user if {
	another_user := {"id": "u-another1", "type": "USER"}
	"foreign_user_key" in violations_of(key_on(cluster_a, another_user, caller("OrganizationAdmin", "organization")))
	rotation := object.union(key_on(cluster_a, another_user, caller("OrganizationAdmin", "organization")), {"action": "api_key.rotate"})
	"foreign_user_key" in violations_of(rotation)
}

test_users_create_their_own_keys_and_admins_keys_for_service_accounts if {
	admin := {"id": "u-caller01", "type": "USER", "role_bindings": [{"role": "OrganizationAdmin", "scope": "organization"}]}
	allowed(key_on(cluster_a, me, admin))
	allowed(key_on(cluster_a, someone_else, admin))
}

test_admins_still_delete_users_keys if {
	another_user := {"id": "u-another1", "type": "USER"}
	deletion := object.union(key_on(cluster_a, another_user, caller("AccountAdmin", "organization")), {"action": "api_key.delete"})
	allowed(deletion)
}

test_owners_revoke_their_own_keys_whatever_their_roles if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	allowed(object.union(key_on(cluster_a, me, nobody), {"action": "api_key.delete"}))
	allowed(object.union(key_on(cluster_a, me, nobody), {"action": "api_key.update"}))
	denied(key_on(cluster_a, me, nobody))
	denied(object.union(key_on(cluster_a, someone_else, nobody), {"action": "api_key.delete"}))
}

test_a_request_without_an_action_is_denied if {
	denied({"caller": caller("OrganizationAdmin", "organization"), "request": {}, "target": {}})
	denied({})
}

# api_key.disable and api_key.enable

key_action(action, owner, who) := object.union(key_on(cluster_a, owner, who), {"action": action, "request": {"id": "ABCDEFGHIJKLMNOP"}})

test_owners_disable_their_own_keys_whatever_their_roles if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	allowed(key_action("api_key.disable", me, nobody))
	denied(key_action("api_key.disable", someone_else, nobody))
}

# The enable of a key `disabled_by` disabled.
enable_of(owner, who, disabled_by) := object.union(
	key_action("api_key.enable", owner, who),
	{"target": {"api_key": {"id": "ABCDEFGHIJKLMNOP", "state": "DISABLED", "disabled_by": disabled_by}}},
)

an_org_admin := "u-admin0001"

# An admin's disable of a leaked key is not undone by whoever holds the
# owner's credentials, whatever roles the owner holds.
test_owners_do_not_enable_their_own_keys_someone_else_disabled if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	denied(enable_of(me, nobody, an_org_admin))
	"enable_own_key_disabled_by_another" in violations_of(enable_of(me, nobody, an_org_admin))
	every role_binding in [
		{"role": "CloudClusterAdmin", "scope": cluster_a.id},
		{"role": "EnvironmentAdmin", "scope": env_a.id},
		{"role": "OrganizationAdmin", "scope": "organization"},
	] {
		owner := {"id": me.id, "type": "USER", "role_bindings": [role_binding]}
		decision := keyward.decision with input as enable_of(me, owner, an_org_admin)
		not decision.allow
		[v] := decision.violations
		v.rule == "enable_own_key_disabled_by_another"
		contains(v.message, "ABCDEFGHIJKLMNOP was disabled by u-admin0001")
		contains(v.message, "an admin other than the owner must")
	}
}

test_owners_enable_their_own_keys_they_disabled_themselves if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	allowed(enable_of(me, nobody, me.id))
	on_cluster := {"id": me.id, "type": "USER", "role_bindings": [{"role": "CloudClusterAdmin", "scope": cluster_a.id}]}
	allowed(enable_of(me, on_cluster, me.id))
}

test_admins_enable_keys_their_owners_disabled if {
	allowed(enable_of(someone_else, caller("CloudClusterAdmin", cluster_a.id), someone_else.id))
	allowed(enable_of(someone_else, caller("OrganizationAdmin", "organization"), someone_else.id))
	denied(enable_of(someone_else, caller("CloudClusterAdmin", cluster_b.id), someone_else.id))
}

# keywardd always sends disabled_by; without it, an owner's enable is denied.
test_an_owners_enable_without_the_disabler_is_denied if {
	on_cluster := {"id": me.id, "type": "USER", "role_bindings": [{"role": "CloudClusterAdmin", "scope": cluster_a.id}]}
	"enable_own_key_disabled_by_another" in violations_of(key_action("api_key.enable", me, on_cluster))
}

test_a_denied_enable_names_the_owner_who_disabled_it_as_the_way if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	decision := keyward.decision with input as enable_of(me, nobody, an_org_admin)
	some v in decision.violations
	v.rule == "not_authorized"
	contains(v.message, "being the key's owner who disabled it")
}

test_the_role_table_decides_disable_and_enable_as_it_decides_delete if {
	every action in {"api_key.disable", "api_key.enable", "api_key.delete"} {
		allowed(key_action(action, someone_else, caller("OrganizationAdmin", "organization")))
		allowed(key_action(action, someone_else, caller("AccountAdmin", "organization")))
		allowed(key_action(action, someone_else, caller("EnvironmentAdmin", env_a.id)))
		allowed(key_action(action, someone_else, caller("CloudClusterAdmin", cluster_a.id)))
		denied(key_action(action, someone_else, caller("CloudClusterAdmin", cluster_b.id)))
		denied(key_action(action, someone_else, caller("EnvironmentAdmin", "env-bbbbbbbb")))
		denied(key_action(action, someone_else, caller("KeyVerifier", "organization")))
	}
}

test_admins_disable_and_enable_users_keys if {
	another_user := {"id": "u-another1", "type": "USER"}
	allowed(key_action("api_key.disable", another_user, caller("AccountAdmin", "organization")))
	allowed(key_action("api_key.enable", another_user, caller("AccountAdmin", "organization")))
}

test_owners_rotate_their_own_keys_whatever_their_roles if {
	nobody := {"id": "u-caller01", "type": "USER", "role_bindings": []}
	allowed(object.union(key_on(cluster_a, me, nobody), {"action": "api_key.rotate"}))
	denied(object.union(key_on(cluster_a, someone_else, nobody), {"action": "api_key.rotate"}))
}

test_admins_rotate_service_account_keys_as_they_create_them if {
	rotation := object.union(key_on(cluster_a, someone_else, caller("EnvironmentAdmin", env_a.id)), {"action": "api_key.rotate"})
	allowed(rotation)
	elsewhere := object.union(key_on(cluster_b, someone_else, caller("EnvironmentAdmin", env_a.id)), {"action": "api_key.rotate"})
	denied(elsewhere)
}
