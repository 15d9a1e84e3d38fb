# Authorization: who may do what, from the caller's role bindings
# (input.caller.role_bindings, each {"role", "scope"}; scope is
# "organization", an environment id or a resource id).
#
#   OrganizationAdmin  everything
#   AccountAdmin       accounts and their keys (organization scope)
#   EnvironmentAdmin   resources and keys in its environment
#   CloudClusterAdmin  keys on its resource
#   KeyVerifier        VerifyApiKey only (checked by keywardd, never here)
#   anyone             create and delete keys they own on resources where
#                      they hold some role
package keyward

violation contains {
	"rule": "not_authorized",
	"message": sprintf("%s may not %s %s: that needs %s", [
		caller_id, input.action, target_description,
		concat(" or ", sort(required_roles)),
	]),
} if {
	not authorized
}

# Never undefined: a missing caller must be denied, not skipped.
caller_id := object.get(input, ["caller", "id"], "an unidentified caller")

caller_bindings := object.get(input, ["caller", "role_bindings"], [])

action_kind := split(input.action, ".")[0]

target_resource_id := object.get(input.target, ["resource", "id"], "")

target_environment_id := object.get(
	input.target, ["resource", "environment", "id"],
	object.get(input.target, ["environment", "id"], ""),
)

target_owner_id := object.get(input.target, ["owner", "id"], "")

target_description := sprintf("on %s", [target_resource_id]) if {
	target_resource_id != ""
} else := sprintf("in %s", [target_environment_id]) if {
	target_environment_id != ""
} else := "in this organization"

has_role(role, scope) if {
	some binding in caller_bindings
	binding.role == role
	binding.scope == scope
}

authorized if has_role("OrganizationAdmin", "organization")

authorized if {
	action_kind in {"service_account", "user_account", "api_key"}
	has_role("AccountAdmin", "organization")
}

authorized if {
	action_kind in {"resource", "api_key"}
	target_environment_id != ""
	has_role("EnvironmentAdmin", target_environment_id)
}

authorized if {
	action_kind == "api_key"
	target_resource_id != ""
	has_role("CloudClusterAdmin", target_resource_id)
}

# Users manage their own keys where they work.
authorized if {
	input.action in {"api_key.create", "api_key.delete"}
	target_owner_id == caller_id
	some binding in caller_bindings
	binding.role != "KeyVerifier"
	binding.scope in {"organization", target_resource_id, target_environment_id}
}

required_roles contains "OrganizationAdmin at organization"

required_roles contains "AccountAdmin at organization" if {
	action_kind in {"service_account", "user_account", "api_key"}
}

required_roles contains sprintf("EnvironmentAdmin at %s", [target_environment_id]) if {
	action_kind in {"resource", "api_key"}
	target_environment_id != ""
}

required_roles contains sprintf("CloudClusterAdmin at %s", [target_resource_id]) if {
	action_kind == "api_key"
	not target_resource_id in {"", "cloud"}
}

required_roles contains "being the key's owner with a role there" if {
	input.action in {"api_key.create", "api_key.delete"}
}
