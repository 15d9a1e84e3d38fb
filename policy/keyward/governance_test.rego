package keyward_test

import data.keyward

now := "2026-01-01T00:00:00Z"

prod_cluster := {"id": "lkc-prod0001", "kind": "KAFKA_CLUSTER", "environment": {"id": "env-prod0001", "display_name": "Production", "stage": "prod"}}

dev_cluster := {"id": "lkc-dev00001", "kind": "KAFKA_CLUSTER", "environment": {"id": "env-dev00001", "display_name": "Development", "stage": "dev"}}

service_account := {"id": "sa-00000001", "type": "SERVICE_ACCOUNT"}

user := {"id": "u-00000001", "type": "USER"}

key_create(owner, resource, request) := {
	"caller": admin,
	"action": "api_key.create",
	"now": now,
	"request": object.union({"owner_id": owner.id, "resource_id": resource.id, "description": "orders producer"}, request),
	"target": {"owner": owner, "resource": resource},
}

rules(items) := [item.rule | some item in items]

# Governance applies whoever asks; these tests ask as an OrganizationAdmin so
# that authorization stays out of the way.
admin := {"id": "u-admin001", "type": "USER", "role_bindings": [{"role": "OrganizationAdmin", "scope": "organization"}]}

as_admin(request) := object.union(request, {"caller": admin})

# A user's keys are created by that user alone (foreign_user_key).
as_user(request) := object.union(request, {"caller": object.union(user, {"role_bindings": admin.role_bindings})})

# description_required

test_key_without_description_is_denied if {
	decision := keyward.decision with input as key_create(service_account, dev_cluster, {"description": "  "})
	not decision.allow
	rules(decision.violations) == ["description_required"]
}

test_service_account_without_description_field_is_denied if {
	decision := keyward.decision with input as as_admin({"action": "service_account.create", "request": {}})
	not decision.allow
	rules(decision.violations) == ["description_required"]
}

test_service_account_with_description_is_allowed if {
	keyward.decision.allow with input as as_admin({"action": "service_account.create", "request": {"description": "ingest"}})
}

test_key_with_description_is_allowed if {
	decision := keyward.decision with input as key_create(service_account, dev_cluster, {})
	decision.allow
	decision.violations == []
	decision.warnings == []
}

test_clearing_a_key_description_is_denied if {
	decision := keyward.decision with input as as_admin({"action": "api_key.update", "request": {"id": "ABCDEFGHIJKLMNOP", "description": ""}})
	rules(decision.violations) == ["description_required"]
}

test_clearing_a_service_account_description_is_denied if {
	decision := keyward.decision with input as as_admin({"action": "service_account.update", "request": {"id": "sa-00000001", "description": " "}})
	rules(decision.violations) == ["description_required"]
}

test_updates_that_leave_the_description_alone_are_allowed if {
	keyward.decision.allow with input as as_admin({"action": "api_key.update", "request": {"id": "ABCDEFGHIJKLMNOP", "display_name": "renamed"}})
}

test_other_actions_need_no_description if {
	keyward.decision.allow with input as as_admin({"action": "environment.create", "request": {}})
}

# no_user_keys_in_prod

test_user_key_in_prod_is_denied if {
	decision := keyward.decision with input as as_user(key_create(user, prod_cluster, {"expire_time": "2026-06-01T00:00:00Z"}))
	not decision.allow
	rules(decision.violations) == ["no_user_keys_in_prod"]
	contains(decision.violations[0].message, "env-prod0001")
}

test_user_key_outside_prod_is_allowed if {
	keyward.decision.allow with input as as_user(key_create(user, dev_cluster, {}))
}

test_service_account_key_in_prod_is_allowed if {
	keyward.decision.allow with input as key_create(service_account, prod_cluster, {"expire_time": "2026-06-01T00:00:00Z"})
}

# prod_keys_expire

test_prod_key_without_expiry_is_denied if {
	decision := keyward.decision with input as key_create(service_account, prod_cluster, {})
	rules(decision.violations) == ["prod_keys_expire"]
	contains(decision.violations[0].message, "365 days")
}

test_prod_key_expiring_too_late_is_denied if {
	decision := keyward.decision with input as key_create(service_account, prod_cluster, {"expire_time": "2027-01-02T00:00:00Z"})
	rules(decision.violations) == ["prod_keys_expire"]
}

test_prod_key_expiring_at_the_limit_is_allowed if {
	keyward.decision.allow with input as key_create(service_account, prod_cluster, {"expire_time": "2027-01-01T00:00:00Z"})
}

test_lifetime_limits_come_from_data if {
	decision := keyward.decision with input as key_create(service_account, dev_cluster, {"expire_time": "2026-03-01T00:00:00Z"})
		with data.keyward_config as {"max_key_lifetime_days": {"dev": 30}}
	rules(decision.violations) == ["prod_keys_expire"]
	contains(decision.violations[0].message, "30 days")
}

test_stages_without_a_limit_need_no_expiry if {
	keyward.decision.allow with input as key_create(service_account, dev_cluster, {})
}

test_cloud_keys_need_no_expiry if {
	keyward.decision.allow with input as key_create(service_account, {"id": "cloud", "kind": "CLOUD"}, {})
}

test_one_request_can_break_several_rules if {
	decision := keyward.decision with input as as_user(key_create(user, prod_cluster, {"description": ""}))
	rules(decision.violations) == ["description_required", "no_user_keys_in_prod", "prod_keys_expire"]
}

# warnings

key_delete(last_used_time) := {
	"caller": admin,
	"action": "api_key.delete",
	"now": now,
	"request": {"id": "ABCDEFGHIJKLMNOP"},
	"target": {"api_key": {"id": "ABCDEFGHIJKLMNOP", "last_used_time": last_used_time}},
}

test_deleting_a_recently_used_key_warns_but_is_allowed if {
	decision := keyward.decision with input as key_delete("2025-12-31T23:50:00Z")
	decision.allow
	rules(decision.warnings) == ["key_recently_used"]
}

test_deleting_a_key_unused_for_long_does_not_warn if {
	decision := keyward.decision with input as key_delete("2025-12-31T23:40:00Z")
	decision.allow
	decision.warnings == []
}

test_deleting_a_never_used_key_does_not_warn if {
	decision := keyward.decision with input as as_admin({"action": "api_key.delete", "now": now, "request": {}, "target": {"api_key": {"id": "ABCDEFGHIJKLMNOP"}}})
	decision.warnings == []
}

test_user_cloud_key_warns if {
	decision := keyward.decision with input as as_user(key_create(user, {"id": "cloud", "kind": "CLOUD"}, {}))
	decision.allow
	rules(decision.warnings) == ["user_cloud_key"]
}

test_service_account_cloud_key_does_not_warn if {
	decision := keyward.decision with input as key_create(service_account, {"id": "cloud", "kind": "CLOUD"}, {})
	decision.warnings == []
}

test_deleting_a_recently_used_but_disabled_key_does_not_warn if {
	request := key_delete("2025-12-31T23:50:00Z")
	decision := keyward.decision with input as json.patch(request, [{"op": "add", "path": "/target/api_key/disable_time", "value": "2025-12-31T23:55:00Z"}])
	decision.allow
	decision.warnings == []
}

# disable_before_delete (off unless the data names a stage)

prod_key_delete(disable_time) := {
	"caller": admin,
	"action": "api_key.delete",
	"now": now,
	"request": {"id": "ABCDEFGHIJKLMNOP"},
	"target": {
		"resource": prod_cluster,
		"api_key": {"id": "ABCDEFGHIJKLMNOP", "last_used_time": null, "disable_time": disable_time},
	},
}

test_disable_before_delete_is_off_by_default if {
	keyward.decision.allow with input as prod_key_delete(null)
}

test_the_shipped_data_leaves_disable_before_delete_off if {
	keyward.decision.allow with input as prod_key_delete(null)
		with data.keyward_config as {"disable_before_delete_hours": {}}
}

test_deleting_a_prod_key_that_was_never_disabled_is_denied if {
	decision := keyward.decision with input as prod_key_delete(null)
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 24}}
	rules(decision.violations) == ["disable_before_delete"]
	contains(decision.violations[0].message, "24 hours")
	contains(decision.violations[0].message, "disable key ABCDEFGHIJKLMNOP first")
}

test_deleting_a_prod_key_disabled_too_recently_is_denied if {
	decision := keyward.decision with input as prod_key_delete("2025-12-31T12:00:01Z")
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 12}}
	rules(decision.violations) == ["disable_before_delete"]
	contains(decision.violations[0].message, "was disabled at 2025-12-31T12:00:01Z")
}

test_deleting_a_prod_key_disabled_long_enough_is_allowed if {
	keyward.decision.allow with input as prod_key_delete("2025-12-31T12:00:00Z")
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 12}}
}

test_disable_before_delete_applies_only_to_the_stages_named if {
	dev_delete := json.patch(prod_key_delete(null), [{"op": "replace", "path": "/target/resource", "value": dev_cluster}])
	keyward.decision.allow with input as dev_delete
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 24}}
	cloud_delete := json.patch(prod_key_delete(null), [{"op": "replace", "path": "/target/resource", "value": {"id": "cloud", "kind": "CLOUD"}}])
	keyward.decision.allow with input as cloud_delete
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 24}}
}

test_disable_before_delete_leaves_other_actions_alone if {
	disable := object.union(prod_key_delete(null), {"action": "api_key.disable"})
	keyward.decision.allow with input as disable
		with data.keyward_config as {"disable_before_delete_hours": {"prod": 24}}
}
