package keyward.compliance_test

import data.keyward.compliance

now := "2026-12-01T00:00:00.000000Z"

# A service account's fresh, used, expiring key on a dev resource: no rule
# finds anything in it.
clean_key := {
	"id": "AAAAAAAAAAAAAAAA",
	"owner_id": "sa-aaaaaaaa",
	"owner_type": "SERVICE_ACCOUNT",
	"resource_id": "lkc-aaaaaaaa",
	"environment_id": "env-aaaaaaaa",
	"stage": "dev",
	"state": "ACTIVE",
	"create_time": "2026-11-01T00:00:00.000000Z",
	"expire_time": "2027-06-01T00:00:00.000000Z",
	"last_used_time": "2026-11-30T00:00:00.000000Z",
	"owner_role_bindings": [],
}

# Bob's key on a dev cluster, while he is EnvironmentAdmin there.
bobs_key := object.union(clean_key, {
	"id": "BBBBBBBBBBBBBBBB",
	"owner_id": "u-bbbbbbbb",
	"owner_type": "USER",
	"owner_role_bindings": [{"role": "EnvironmentAdmin", "scope": "env-aaaaaaaa"}],
})

findings_for(keys) := result if {
	result := compliance.findings with input as {"now": now, "keys": keys}
}

rules_for(key) := {f.rule | some f in findings_for([key])}

test_a_clean_key_has_no_finding if {
	findings_for([clean_key]) == []
}

test_an_empty_batch_has_no_finding if {
	findings_for([]) == []
}

test_each_finding_names_its_key_rule_severity_and_message if {
	some f in findings_for([clean_key, object.union(bobs_key, {"owner_role_bindings": []})])
	f == {
		"api_key_id": "BBBBBBBBBBBBBBBB",
		"rule": "orphaned_user_key",
		"severity": "HIGH",
		"message": "user u-bbbbbbbb holds no role on resource lkc-aaaaaaaa (environment env-aaaaaaaa) any more, yet their key still opens it: delete the key or grant a role",
	}
}

# orphaned_user_key

test_a_user_with_a_role_on_the_environment_is_not_orphaned if {
	rules_for(bobs_key) == set()
}

test_a_user_with_a_role_on_the_resource_or_organization_is_not_orphaned if {
	every binding in [
		{"role": "CloudClusterAdmin", "scope": "lkc-aaaaaaaa"},
		{"role": "KeyVerifier", "scope": "organization"},
	] {
		rules_for(object.union(bobs_key, {"owner_role_bindings": [binding]})) == set()
	}
}

test_a_user_without_any_role_is_orphaned if {
	rules_for(object.union(bobs_key, {"owner_role_bindings": []})) == {"orphaned_user_key"}
}

test_a_role_on_another_scope_leaves_the_key_orphaned if {
	key := object.union(bobs_key, {"owner_role_bindings": [
		{"role": "EnvironmentAdmin", "scope": "env-bbbbbbbb"},
		{"role": "CloudClusterAdmin", "scope": "lkc-bbbbbbbb"},
	]})
	rules_for(key) == {"orphaned_user_key"}
}

test_a_cloud_key_is_orphaned_once_its_user_holds_no_role_anywhere if {
	cloud_key := object.union(bobs_key, {"resource_id": "cloud", "environment_id": "", "stage": ""})

	# Bob's EnvironmentAdmin binding keeps his Cloud key, as any role would.
	rules_for(cloud_key) == set()
	rules_for(object.union(cloud_key, {"owner_role_bindings": [{"role": "AccountAdmin", "scope": "organization"}]})) == set()

	some f in findings_for([object.union(cloud_key, {"owner_role_bindings": []})])
	f.rule == "orphaned_user_key"
	f.message == "user u-bbbbbbbb holds no role any more, yet their Cloud key still works: delete the key or grant a role"
}

test_a_service_account_key_is_never_orphaned if {
	rules_for(object.union(clean_key, {"owner_role_bindings": []})) == set()
}

# key_older_than_max_age

test_a_prod_key_older_than_90_days_is_due_for_rotation if {
	key := object.union(clean_key, {"stage": "prod", "create_time": "2026-08-01T00:00:00.000000Z"})
	some f in findings_for([key])
	f.rule == "key_older_than_max_age"
	f.severity == "MEDIUM"
	f.message == "the key was created on 2026-08-01; keys on prod resources are rotated within 90 days: rotate it"
}

test_a_prod_key_of_90_days_is_not_due if {
	key := object.union(clean_key, {"stage": "prod", "create_time": "2026-09-02T00:00:00.000000Z"})
	not "key_older_than_max_age" in rules_for(key)
}

test_other_stages_use_the_star_age if {
	rules_for(object.union(clean_key, {"create_time": "2026-08-01T00:00:00.000000Z"})) == set()
	rules_for(object.union(clean_key, {"create_time": "2025-10-01T00:00:00.000000Z"})) == {"key_older_than_max_age"}
}

test_the_max_age_comes_from_policy_data if {
	key := object.union(clean_key, {"create_time": "2026-10-01T00:00:00.000000Z"})
	rules_for(key) == {"key_older_than_max_age"} with data.keyward_config.compliance.max_key_age_days as {"dev": 30}
	rules_for(key) == set() with data.keyward_config.compliance.max_key_age_days as {"dev": 0, "*": 1}
}

# no_expiry_in_prod

test_a_prod_key_without_expiry_is_found if {
	key := object.union(clean_key, {"stage": "prod", "expire_time": null})
	rules_for(key) == {"no_expiry_in_prod"}
}

test_a_dev_key_without_expiry_or_an_expiring_prod_key_is_not if {
	rules_for(object.union(clean_key, {"expire_time": null})) == set()
	rules_for(object.union(clean_key, {"stage": "prod"})) == set()
}

# unused_key

test_a_key_unused_for_90_days_is_found if {
	key := object.union(clean_key, {"last_used_time": "2026-09-01T00:00:00.000000Z"})
	some f in findings_for([key])
	f.rule == "unused_key"
	f.severity == "LOW"
	f.message == "the key was last used on 2026-09-01, over 90 days ago: delete it if nothing needs it"
}

test_a_recently_used_key_is_not if {
	not "unused_key" in rules_for(object.union(clean_key, {"last_used_time": "2026-09-15T00:00:00.000000Z"}))
}

test_a_never_used_key_counts_from_its_creation if {
	rules_for(object.union(clean_key, {"last_used_time": null})) == set()
	old := object.union(clean_key, {"last_used_time": null, "create_time": "2026-08-01T00:00:00.000000Z"})
	some f in findings_for([old])
	f.rule == "unused_key"
	f.message == "the key was created on 2026-08-01 and never used, over 90 days ago: delete it if nothing needs it"
}

test_the_limits_fall_on_whole_days if {
	# Exactly 90 days unused is unused; a microsecond less is not.
	rules_for(object.union(clean_key, {"last_used_time": "2026-09-02T00:00:00.000000Z"})) == {"unused_key"}
	rules_for(object.union(clean_key, {"last_used_time": "2026-09-02T00:00:00.000001Z"})) == set()

	# Over 90 days old is due for rotation; exactly 90 days is not yet.
	prod := object.union(clean_key, {"stage": "prod"})
	rules_for(object.union(prod, {"create_time": "2026-09-01T23:59:59.999999Z"})) == {"key_older_than_max_age"}
	rules_for(object.union(prod, {"create_time": "2026-09-02T00:00:00.000000Z"})) == set()
}

test_the_unused_days_come_from_policy_data if {
	rules_for(clean_key) == {"unused_key"} with data.keyward_config.compliance.unused_key_days as 1
	old := object.union(clean_key, {"last_used_time": null, "create_time": "2026-08-01T00:00:00.000000Z"})
	rules_for(old) == set() with data.keyward_config.compliance.unused_key_days as 0
}

# user_key_in_prod

test_a_user_key_in_prod_is_found if {
	key := object.union(bobs_key, {"stage": "prod"})
	rules_for(key) == {"user_key_in_prod"}
}

test_a_service_account_key_in_prod_is_not if {
	rules_for(object.union(clean_key, {"stage": "prod"})) == set()
}

# Across rules

test_expired_keys_have_no_finding if {
	key := object.union(bobs_key, {
		"state": "EXPIRED", "stage": "prod", "owner_role_bindings": [],
		"expire_time": "2026-11-02T00:00:00.000000Z", "create_time": "2025-01-01T00:00:00.000000Z",
	})
	findings_for([key]) == []
}

test_a_disabled_key_is_still_judged if {
	rules_for(object.union(bobs_key, {"state": "DISABLED", "owner_role_bindings": []})) == {"orphaned_user_key"}
}

test_one_key_may_break_several_rules if {
	key := object.union(bobs_key, {
		"stage": "prod", "expire_time": null, "owner_role_bindings": [],
		"create_time": "2025-01-01T00:00:00.000000Z", "last_used_time": null,
	})
	rules_for(key) == {"orphaned_user_key", "key_older_than_max_age", "no_expiry_in_prod", "unused_key", "user_key_in_prod"}
}

test_findings_name_only_the_keys_that_break_a_rule if {
	orphan := object.union(bobs_key, {"id": "CCCCCCCCCCCCCCCC", "owner_role_bindings": []})
	{f.api_key_id | some f in findings_for([clean_key, bobs_key, orphan])} == {"CCCCCCCCCCCCCCCC"}
}
