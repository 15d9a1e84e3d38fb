# No caller mints credentials stronger than its own (DESIGN.md §1), nor
# takes them away: a key, or an invitation that becomes one, may only be
# made, changed or deleted for an owner whose every role binding the
# caller's bindings cover, and an account only changed or deleted on the same
# terms (else an AccountAdmin could strip every OrganizationAdmin of its
# keys, and nobody could give them new ones; the same for disabling them,
# as nobody could enable them again); a role binding may only be
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
		"%s holds a role binding that the role bindings of %s do not cover: nobody may create or remove credentials stronger than their own",
		[protected_account_id, caller_id],
	),
} if {
	some binding in protected_bindings
	not covered(binding)
}

# The bindings of the account whose credentials the action creates or
# removes. Naming them in the message would tell the caller what it may not
# read, so the message does not.
protected_bindings contains binding if {
	input.action in key_credential_actions
	some binding in object.get(target, ["owner", "role_bindings"], [])
}

protected_bindings contains binding if {
	input.action in account_actions
	some binding in object.get(target, ["account", "role_bindings"], [])
}

key_credential_actions := {
	"api_key.create", "api_key.rotate", "api_key.update", "api_key.delete",
	"api_key.disable", "api_key.enable", "invitation.create",
}

account_actions := {
	"service_account.update", "service_account.delete",
	"user_account.update", "user_account.delete",
}

protected_account_id := target_owner_id if {
	input.action in key_credential_actions
} else := object.get(target, ["account", "id"], "the account")

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
