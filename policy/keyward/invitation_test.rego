package keyward_test

import data.keyward

invitee := {"id": "u-invitee1", "type": "USER", "display_name": "Ada", "email": "ada@example.com"}

invite(who) := {
	"action": "invitation.create", "caller": who, "now": "2026-01-01T00:00:00Z",
	"request": {"account_id": invitee.id},
	"target": {"owner": invitee},
}

inviter(role, scope) := {"id": "u-inviter1", "type": "USER", "role_bindings": [{"role": role, "scope": scope}]}

# What keywardd asks when `who` redeems an invitation for `invited` that
# expires at `expires`, for a key on `resource`.
redemption(who, invited, resource, expires) := {
	"action": "api_key.create", "caller": who, "now": "2026-01-01T00:00:00Z",
	"request": {"owner_id": invited.id, "resource_id": resource.id, "description": "my laptop"},
	"target": {
		"owner": invited, "resource": resource,
		"key_counts": {"owner_total": 0, "owner_on_resource": 0},
		"invitation": {"account_id": invited.id, "expire_time": expires},
	},
}

# Defined here rather than borrowed from authorization_test.rego.
refused_as_unauthorized(request) if {
	decision := keyward.decision with input as request
	not decision.allow
	"not_authorized" in {v.rule | some v in decision.violations}
}

as_invitee := {"id": invitee.id, "type": "USER", "role_bindings": []}

cloud := {"id": "cloud", "kind": "CLOUD"}

tomorrow := "2026-01-02T00:00:00Z"

# invitation.create

test_organization_admin_may_invite if {
	keyward.decision.allow with input as invite(inviter("OrganizationAdmin", "organization"))
}

test_account_admin_may_invite if {
	keyward.decision.allow with input as invite(inviter("AccountAdmin", "organization"))
}

test_account_admin_below_the_organization_may_not_invite if {
	refused_as_unauthorized(invite(inviter("AccountAdmin", "env-aaaaaaaa")))
}

test_other_roles_may_not_invite if {
	refused_as_unauthorized(invite(inviter("EnvironmentAdmin", "env-aaaaaaaa")))
	refused_as_unauthorized(invite(inviter("CloudClusterAdmin", "lkc-aaaaaaaa")))
	refused_as_unauthorized(invite(inviter("KeyVerifier", "organization")))
	refused_as_unauthorized(invite({"id": "u-nobody01", "type": "USER", "role_bindings": []}))
	refused_as_unauthorized(object.remove(invite(inviter("AccountAdmin", "organization")), ["caller"]))
}

test_a_refused_invitation_names_the_roles_that_would_do if {
	decision := keyward.decision with input as invite(inviter("KeyVerifier", "organization"))
	some v in decision.violations
	v.rule == "not_authorized"
	contains(v.message, "u-inviter1 may not invitation.create")
	contains(v.message, "AccountAdmin at organization or OrganizationAdmin at organization")
}

test_an_invitation_lasts_72_hours_by_default if {
	decision := keyward.decision with input as invite(inviter("AccountAdmin", "organization"))
	decision.defaults == {"invitation_ttl_hours": 72}
}

test_the_invitation_lifetime_comes_from_data if {
	decision := keyward.decision with input as invite(inviter("AccountAdmin", "organization"))
		with data.keyward_config as {"invitation_ttl_hours": 24}
	decision.defaults == {"invitation_ttl_hours": 24}
}

test_other_actions_carry_no_invitation_defaults if {
	decision := keyward.decision with input as redemption(as_invitee, invitee, cloud, tomorrow)
	decision.defaults == {}
}

# redemption (api_key.create with target.invitation)

test_the_invitee_may_redeem_for_its_own_cloud_key if {
	decision := keyward.decision with input as redemption(as_invitee, invitee, cloud, tomorrow)
	decision.allow
	[w.rule | some w in decision.warnings] == ["user_cloud_key"]
}

test_a_redemption_is_only_for_a_cloud_key if {
	refused_as_unauthorized(redemption(as_invitee, invitee, {"id": "lkc-aaaaaaaa", "kind": "KAFKA_CLUSTER", "environment": {"id": "env-aaaaaaaa", "stage": "dev"}}, tomorrow))
}

test_a_redemption_is_only_by_and_for_the_invited_user if {
	someone := {"id": "u-someone1", "type": "USER", "role_bindings": []}
	refused_as_unauthorized(redemption(someone, invitee, cloud, tomorrow))
	other_owner := object.union(redemption(as_invitee, invitee, cloud, tomorrow), {"target": {"owner": {"id": "u-someone1", "type": "USER"}}})
	refused_as_unauthorized(other_owner)
}

test_a_redemption_is_only_for_a_user if {
	robot := {"id": "sa-robot001", "type": "SERVICE_ACCOUNT"}
	refused_as_unauthorized(redemption({"id": robot.id, "type": "SERVICE_ACCOUNT", "role_bindings": []}, robot, cloud, tomorrow))
}

test_an_expired_invitation_is_not_honoured if {
	refused_as_unauthorized(redemption(as_invitee, invitee, cloud, "2025-12-31T23:59:59Z"))
}

test_a_create_without_an_invitation_gains_nothing_from_these_rules if {
	plain := object.remove(redemption(as_invitee, invitee, cloud, tomorrow), ["target"])
	refused_as_unauthorized(object.union(plain, {"target": {"owner": invitee, "resource": cloud}}))
}

test_governance_still_applies_to_a_redeemed_key if {
	request := redemption(as_invitee, invitee, cloud, tomorrow)
	decision := keyward.decision with input as object.union(request, {"request": {"description": " "}})
	not decision.allow
	[v.rule | some v in decision.violations] == ["description_required"]
}

test_a_refused_redemption_says_an_invitation_would_do if {
	decision := keyward.decision with input as redemption(as_invitee, invitee, cloud, "2025-12-31T23:59:59Z")
	some v in decision.violations
	contains(v.message, "an unexpired invitation for the key's owner")
}
