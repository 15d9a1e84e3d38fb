package keyward_test

import data.keyward

account_holding(bindings) := {"id": "sa-holder01", "type": "SERVICE_ACCOUNT", "role_bindings": bindings}

key_for(owner, who) := key_on(cluster_a, owner, who)

escalates(request) if {
	decision := keyward.decision with input as request
	not decision.allow
	"no_escalation" in {v.rule | some v in decision.violations}
}

test_an_account_admin_may_not_mint_an_organization_admin_key if {
	org_admin := account_holding([{"role": "OrganizationAdmin", "scope": "organization"}])
	escalates(key_for(org_admin, caller("AccountAdmin", "organization")))
	allowed(key_for(org_admin, caller("OrganizationAdmin", "organization")))
}

test_an_account_admin_mints_keys_for_weaker_accounts if {
	who := caller("AccountAdmin", "organization")
	allowed(key_for(account_holding([]), who))
	allowed(key_for(account_holding([{"role": "KeyVerifier", "scope": "organization"}]), who))
	allowed(key_for(account_holding([{"role": "CloudClusterAdmin", "scope": cluster_a.id, "environment_id": env_a.id}]), who))
	escalates(key_for(account_holding([{"role": "EnvironmentAdmin", "scope": env_a.id, "environment_id": env_a.id}]), who))
}

test_an_environment_admin_covers_what_lies_in_its_environment if {
	who := caller("EnvironmentAdmin", env_a.id)
	allowed(key_for(account_holding([{"role": "EnvironmentAdmin", "scope": env_a.id, "environment_id": env_a.id}]), who))
	allowed(key_for(account_holding([{"role": "CloudClusterAdmin", "scope": cluster_a.id, "environment_id": env_a.id}]), who))
	escalates(key_for(account_holding([{"role": "CloudClusterAdmin", "scope": cluster_b.id, "environment_id": "env-bbbbbbbb"}]), who))
	escalates(key_for(account_holding([{"role": "EnvironmentAdmin", "scope": "env-bbbbbbbb", "environment_id": "env-bbbbbbbb"}]), who))
	escalates(key_for(account_holding([{"role": "AccountAdmin", "scope": "organization"}]), who))
}

test_a_cluster_admin_may_not_mint_an_environment_admin_key if {
	who := caller("CloudClusterAdmin", cluster_a.id)
	escalates(key_for(account_holding([{"role": "EnvironmentAdmin", "scope": env_a.id, "environment_id": env_a.id}]), who))
	allowed(key_for(account_holding([{"role": "KeyVerifier", "scope": cluster_a.id, "environment_id": env_a.id}]), who))
}

test_an_unknown_role_is_never_covered if {
	escalates(key_for(account_holding([{"role": "Root", "scope": "organization"}]), caller("AccountAdmin", "organization")))
}

test_invitations_are_no_way_around_it if {
	invited := {"id": "u-invited1", "type": "USER", "role_bindings": [{"role": "OrganizationAdmin", "scope": "organization"}]}
	escalates({
		"action": "invitation.create", "caller": caller("AccountAdmin", "organization"),
		"request": {"account_id": invited.id}, "target": {"owner": invited},
	})
}

grant(role, scope, target, who) := {
	"action": "role_binding.create", "caller": who,
	"request": {"principal_id": "sa-holder01", "role": role, "scope": scope},
	"target": object.union({"principal": {"id": "sa-holder01", "type": "SERVICE_ACCOUNT"}}, target),
}

test_only_an_organization_admin_grants_organization_admin if {
	allowed(grant("OrganizationAdmin", "organization", {}, caller("OrganizationAdmin", "organization")))
	escalates(grant("OrganizationAdmin", "organization", {}, caller("AccountAdmin", "organization")))
}

test_grants_are_checked_against_the_callers_scope if {
	"no_escalation" in violations_of(grant("CloudClusterAdmin", cluster_b.id, {"resource": cluster_b}, caller("EnvironmentAdmin", env_a.id)))
	not "no_escalation" in violations_of(grant("CloudClusterAdmin", cluster_a.id, {"resource": cluster_a}, caller("EnvironmentAdmin", env_a.id)))
}

deletion_of_key_of(owner, who) := object.union(key_for(owner, who), {"action": "api_key.delete"})

test_nobody_removes_credentials_stronger_than_their_own if {
	org_admin := account_holding([{"role": "OrganizationAdmin", "scope": "organization"}])
	who := caller("AccountAdmin", "organization")
	escalates(deletion_of_key_of(org_admin, who))
	escalates({
		"action": "service_account.delete", "caller": who,
		"request": {"id": org_admin.id}, "target": {"account": org_admin},
	})
	escalates({
		"action": "service_account.update", "caller": who,
		"request": {"id": org_admin.id, "display_name": "x"}, "target": {"account": org_admin},
	})
	allowed(deletion_of_key_of(account_holding([]), who))
	allowed(deletion_of_key_of(org_admin, caller("OrganizationAdmin", "organization")))
}

test_the_denial_does_not_say_what_the_owner_holds if {
	org_admin := account_holding([{"role": "OrganizationAdmin", "scope": "organization"}])
	decision := keyward.decision with input as key_for(org_admin, caller("AccountAdmin", "organization"))
	some v in decision.violations
	v.rule == "no_escalation"
	not contains(v.message, "OrganizationAdmin")
	contains(v.message, "sa-holder01 holds a role binding")
}

# Disabling and enabling a key, like deleting it, needs the caller to cover
# its owner: else an AccountAdmin could disable every OrganizationAdmin's
# keys, and nobody left could enable them.
test_disabling_or_enabling_a_stronger_accounts_key_escalates if {
	org_admin := account_holding([{"role": "OrganizationAdmin", "scope": "organization"}])
	every action in {"api_key.disable", "api_key.enable"} {
		escalates(object.union(key_for(org_admin, caller("AccountAdmin", "organization")), {"action": action}))
		allowed(object.union(key_for(org_admin, caller("OrganizationAdmin", "organization")), {"action": action}))
	}
}

# The owner covers itself: it may always disable its own key, even when
# its only role manages no keys.
test_an_owner_disables_its_own_key_whatever_it_holds if {
	verifier := {"id": "u-caller01", "type": "USER", "role_bindings": [{"role": "KeyVerifier", "scope": "organization"}]}
	allowed(object.union(key_for(verifier, verifier), {"action": "api_key.disable"}))
	denied(object.union(key_for(verifier, verifier), {"action": "api_key.enable"}))
}
