package keyward_test

import data.keyward

# The key being rotated, on `resource`, owned by a service account; the
# caller is an OrganizationAdmin so that authorization stays out of the way.
key_rotate(resource, request) := {
	"caller": admin,
	"action": "api_key.rotate",
	"now": now,
	"request": object.union({"id": "ROTATEME00000001", "grace_period_seconds": null, "expire_time": null}, request),
	"target": {
		"owner": service_account,
		"resource": resource,
		"api_key": {"id": "ROTATEME00000001", "owner_id": service_account.id, "resource_id": resource.id},
	},
}

cloud := {"id": "cloud", "kind": "CLOUD"}

test_rotation_without_grace_gets_the_stage_default if {
	decision := keyward.decision with input as key_rotate(dev_cluster, {})
	decision.allow
	decision.defaults == {"rotation_grace_seconds": 86400}
}

test_rotation_default_comes_from_the_policy_data if {
	config := {"rotation_grace_hours": {"default": {"*": 24, "prod": 2}}}
	in_prod := keyward.decision with input as key_rotate(prod_cluster, {"expire_time": "2026-03-01T00:00:00Z"})
		with data.keyward_config as config
	in_prod.defaults == {"rotation_grace_seconds": 7200}
	in_dev := keyward.decision with input as key_rotate(dev_cluster, {}) with data.keyward_config as config
	in_dev.defaults == {"rotation_grace_seconds": 86400}
}

test_rotation_with_grace_gets_its_own if {
	decision := keyward.decision with input as key_rotate(dev_cluster, {"grace_period_seconds": 0})
	decision.allow
	decision.defaults == {"rotation_grace_seconds": 0}
}

test_rotation_grace_above_the_stage_maximum_is_denied if {
	week := (7 * 24) * 3600
	at_max := keyward.decision with input as key_rotate(prod_cluster, {"grace_period_seconds": week, "expire_time": "2026-03-01T00:00:00Z"})
	at_max.allow
	above := keyward.decision with input as key_rotate(prod_cluster, {"grace_period_seconds": week + 1, "expire_time": "2026-03-01T00:00:00Z"})
	not above.allow
	rules(above.violations) == ["rotation_grace_too_long"]
	contains(above.violations[0].message, "on prod resources may be at most 168 hours")

	# Stages without a maximum of their own, and Cloud keys, get "*".
	keyward.decision.allow with input as key_rotate(dev_cluster, {"grace_period_seconds": week + 1})
	not keyward.decision.allow with input as key_rotate(cloud, {"grace_period_seconds": (720 * 3600) + 1})
}

test_a_default_above_the_maximum_is_denied_not_applied if {
	decision := keyward.decision with input as key_rotate(dev_cluster, {})
		with data.keyward_config as {"rotation_grace_hours": {"default": {"dev": 800}}}
	rules(decision.violations) == ["rotation_grace_too_long"]
}

test_rotation_defaults_only_on_rotations if {
	decision := keyward.decision with input as key_create(service_account, dev_cluster, {})
	decision.defaults == {}
}

# Governance on the successor, as on a create.

test_rotating_into_a_non_expiring_prod_key_is_denied if {
	decision := keyward.decision with input as key_rotate(prod_cluster, {})
	rules(decision.violations) == ["prod_keys_expire"]
	contains(decision.violations[0].message, "create a new key instead")
	keyward.decision.allow with input as key_rotate(prod_cluster, {"expire_time": "2026-12-01T00:00:00Z"})
}

test_a_users_prod_key_cannot_be_rotated if {
	request := object.union(key_rotate(prod_cluster, {"expire_time": "2026-03-01T00:00:00Z"}), {"target": {"owner": user}})
	decision := keyward.decision with input as as_user(request)
	rules(decision.violations) == ["no_user_keys_in_prod"]
}

test_rotation_needs_no_description if {
	keyward.decision.allow with input as key_rotate(dev_cluster, {"description": ""})
}
