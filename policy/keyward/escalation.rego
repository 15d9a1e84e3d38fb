# No caller mints credentials stronger than its own (DESIGN.md §1). A key,
# or an invitation that becomes one, may only be made for an owner whose
# every role binding the caller's bindings cover; a role binding may only be
# granted when the caller's bindings cover it. So only an OrganizationAdmin
# grants OrganizationAdmin.
#
# A caller's binding covers another when the other's scope lies within it
# (the organization holds every environment, an environment its resources)
# and the other's role manages nothing the caller's role does not.
# target.owner.role_bindings carry "environment_id", the environment a
# binding's scope lies in.
package keyward

violation contains {
	"rule": "no_escalation",
	"message": sprintf(
		"%s holds %s at %s, which the role bindings of %s do not cover: nobody may create credentials stronger than their own",
		[target_owner_id, binding.role, binding.scope, caller_id],
	),
} if {
	input.action in {"api_key.create", "api_key.rotate", "invitation.create"}
	some binding in object.get(target, ["owner", "role_bindings"], [])
	not covered(binding)
}

violation contains {
	"rule": "no_escalation",
	"message": sprintf(
		"%s may not grant %s at %s: the caller's own role bindings do not cover it",
		[caller_id, input.request.role, input.request.scope],
	),
} if {
	input.action == "role_binding.create"
	not covered({
		"role": input.request.role,
		"scope": input.request.scope,
		"environment_id": target_environment_id,
	})
}

covered(binding) if {
	some mine in caller_bindings
	valid_binding(mine)
	scope_within(binding, mine.scope)
	every kind in roles[binding.role].manages {
		kind in roles[mine.role].manages
	}
}

scope_within(_, "organization")

scope_within(binding, scope) if binding.scope == scope

scope_within(binding, scope) if object.get(binding, "environment_id", "") == scope
