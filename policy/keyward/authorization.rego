# Authorization: who may do what, from the caller's role bindings
# (input.caller.role_bindings, each {"role", "scope"}; scope is
# "organization", an environment id or a resource id).
#
# `roles` is the role table: where each role may be bound and which object
# kinds (the <kind> of "<kind>.<verb>" actions) it manages there. An
# environment holds its resources and the keys on them; the organization
# holds everything. keywardd keeps the same table (services/domain/roles.cc)
# to decide reads and role/scope validity; a test asks this policy every
# role × action and compares the answers with it.
#
# Besides the table, everyone may update, delete, disable and rotate the
# keys they own, and enable them again if they disabled them themselves;
# nobody enables their own key that someone else disabled (see
# enable_own_key_disabled_by_another); and nobody creates keys for another
# user (see foreign_user_key) or creates or removes credentials of an account
# stronger than themselves (see escalation.rego).
package keyward

roles := {
	"OrganizationAdmin": {
		"scopes": {"organization"},
		"manages": {
			"environment", "resource", "service_account", "user_account",
			"api_key", "role_binding", "invitation", "webhook",
		},
	},
	"AccountAdmin": {
		"scopes": {"organization"},
		"manages": {"service_account", "user_account", "api_key", "invitation"},
	},
	"EnvironmentAdmin": {"scopes": {"environment"}, "manages": {"resource", "api_key"}},
	"CloudClusterAdmin": {"scopes": {"resource"}, "manages": {"api_key"}},
	"KeyVerifier": {"scopes": {"organization", "environment", "resource"}, "manages": set()},
}

violation contains {
	"rule": "not_authorized",
	"message": sprintf("%s may not %s %s: that needs %s", [
		caller_id, action, target_description,
		concat(" or ", sort(required_roles)),
	]),
} if {
	not authorized
}

# The seed's rule: "You cannot create API keys for another user's account."
violation contains {
	"rule": "foreign_user_key",
	"message": sprintf(
		"you cannot create API keys for another user's account (%s): a user's keys are created by that user alone; invite them to get their first key",
		[target_owner_id],
	),
} if {
	input.action in own_key_creations
	target.owner.type == "USER"
	target_owner_id != caller_id
}

own_key_creations := {"api_key.create", "api_key.rotate"}

# An admin's disable of a leaked key must not be undone with the owner's
# credentials, whatever roles the owner holds: a CloudClusterAdmin on the
# key's resource is allowed api_key.enable by the table, and no_escalation
# passes trivially for the owner's own bindings. So a key its owner did not
# disable is enabled by someone else, never by the owner.
violation contains {
	"rule": "enable_own_key_disabled_by_another",
	"message": sprintf(
		"%s was disabled by %s: its owner may not enable it again; an admin other than the owner must",
		[target_key_id, target_disabled_by],
	),
} if {
	input.action == "api_key.enable"
	target_owner_id == caller_id
	target_disabled_by != ""
	target_disabled_by != caller_id
}

# Never undefined: a missing caller must be denied, not skipped.
caller_id := object.get(input, ["caller", "id"], "an unidentified caller")

caller_bindings := object.get(input, ["caller", "role_bindings"], [])

# Never undefined either: a request without an action is denied as one that
# nobody may make.
action := object.get(input, "action", "an unnamed action")

action_kind := split(action, ".")[0]

target := object.get(input, "target", {})

target_resource_id := object.get(target, ["resource", "id"], "")

target_environment_id := object.get(
	target, ["resource", "environment", "id"],
	object.get(target, ["environment", "id"], ""),
)

target_owner_id := object.get(target, ["owner", "id"], "")

target_key_id := object.get(target, ["api_key", "id"], "the key")

# Who disabled the target key ("" while it is enabled). Missing, it counts
# as someone else: an enable must not pass for want of the fact.
target_disabled_by := object.get(target, ["api_key", "disabled_by"], "an unknown account")

target_description := sprintf("on %s", [target_resource_id]) if {
	target_resource_id != ""
} else := sprintf("in %s", [target_environment_id]) if {
	target_environment_id != ""
} else := "in this organization"

scope_kind("organization") := "organization"

scope_kind(scope) := "environment" if startswith(scope, "env-")

scope_kind(scope) := "resource" if {
	scope != "organization"
	not startswith(scope, "env-")
}

# A binding counts only at a scope its role may be bound at.
valid_binding(binding) if scope_kind(binding.scope) in roles[binding.role].scopes

# The scopes that hold the request's target.
target_scopes := {"organization", target_environment_id, target_resource_id} - {"", "cloud"}

authorized if {
	some binding in caller_bindings
	valid_binding(binding)
	action_kind in roles[binding.role].manages
	binding.scope in target_scopes
}

# Everyone may rename, describe, revoke and rotate the keys they own,
# whatever their roles: a leaked key must never wait for an admin. Creating
# keys is the table's business. Enabling a key again is the owner's only if
# the owner disabled it; a key someone else disabled (an admin, say, after a
# leak) is enabled by someone else, whatever the owner's roles (see
# enable_own_key_disabled_by_another).
authorized if {
	input.action in own_key_actions
	target_owner_id == caller_id
}

authorized if {
	input.action == "api_key.enable"
	target_owner_id == caller_id
	target_disabled_by == caller_id
}

own_key_actions := {"api_key.update", "api_key.delete", "api_key.disable", "api_key.rotate"}

required_roles contains sprintf("%s at %s", [name, scope]) if {
	some name, role in roles
	action_kind in role.manages
	some scope in target_scopes
	scope_kind(scope) in role.scopes
}

required_roles contains "being the key's owner" if input.action in own_key_actions

required_roles contains "being the key's owner who disabled it" if input.action == "api_key.enable"
