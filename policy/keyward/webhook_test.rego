package keyward_test

import data.keyward

admin := {"id": "u-admin001", "type": "USER", "role_bindings": [{"role": "OrganizationAdmin", "scope": "organization"}]}

webhook_create(who, facts) := {
	"action": "webhook.create", "caller": who, "now": "2026-01-01T00:00:00Z",
	"request": {"url_origin": sprintf("%s://%s:%d", [facts.scheme, facts.host, facts.port]), "actions": [], "description": ""},
	"target": {"webhook": object.union({"id": "wh-aaaaaaaa", "actions": []}, facts)},
}

https_receiver := {"scheme": "https", "host": "hooks.example.com", "port": 443, "loopback": false}

http_receiver := {"scheme": "http", "host": "hooks.example.com", "port": 80, "loopback": false}

http_loopback := {"scheme": "http", "host": "127.0.0.1", "port": 8080, "loopback": true}

rules_of(request) := {v.rule | some v in decision.violations} if {
	decision := keyward.decision with input as request
}

test_an_admin_may_create_an_https_webhook if {
	keyward.decision.allow with input as webhook_create(admin, https_receiver)
}

test_http_to_a_loopback_address_is_allowed if {
	keyward.decision.allow with input as webhook_create(admin, http_loopback)
}

test_http_elsewhere_is_denied_by_name if {
	rules_of(webhook_create(admin, http_receiver)) == {"webhook_https_required"}
}

test_missing_facts_are_denied if {
	request := object.remove(webhook_create(admin, http_receiver), ["target"])
	"webhook_https_required" in rules_of(request)
}

test_the_https_rule_can_be_turned_off if {
	keyward.decision.allow with input as webhook_create(admin, http_receiver)
		with data.keyward_config.webhook_require_https as false
}

test_the_rule_is_for_creates_only if {
	request := object.union(webhook_create(admin, http_receiver), {"action": "webhook.delete", "request": {"id": "wh-aaaaaaaa"}})
	keyward.decision.allow with input as request
}

test_only_an_organization_admin_manages_webhooks if {
	every role_binding in [
		{"role": "AccountAdmin", "scope": "organization"},
		{"role": "EnvironmentAdmin", "scope": "env-aaaaaaaa"},
		{"role": "CloudClusterAdmin", "scope": "lkc-aaaaaaaa"},
		{"role": "KeyVerifier", "scope": "organization"},
		{"role": "OrganizationAdmin", "scope": "env-aaaaaaaa"},
	] {
		who := {"id": "u-other001", "type": "USER", "role_bindings": [role_binding]}
		"not_authorized" in rules_of(webhook_create(who, https_receiver))
	}
}

test_nobody_without_roles_deletes_a_webhook if {
	request := {
		"action": "webhook.delete", "now": "2026-01-01T00:00:00Z",
		"caller": {"id": "u-nobody01", "type": "USER", "role_bindings": []},
		"request": {"id": "wh-aaaaaaaa"}, "target": {"webhook": object.union({"id": "wh-aaaaaaaa", "actions": []}, https_receiver)},
	}
	rules_of(request) == {"not_authorized"}
}
