# docs/examples/naming_test.rego
package naming_test

import data.keyward

# Every request has a caller; an OrganizationAdmin may create service accounts,
# so only the naming rule decides.
organization_admin := {"id": "u-admin001", "type": "USER", "role_bindings": [{"role": "OrganizationAdmin", "scope": "organization"}]}

create_service_account(name) := {
	"action": "service_account.create",
	"caller": organization_admin,
	"request": {"display_name": name, "description": "writes the orders topic"},
}

test_badly_named_service_account_is_denied if {
	decision := keyward.decision with input as create_service_account("Ingest")
	not decision.allow
	[v.rule | some v in decision.violations] == ["service_account_naming"]
}

test_well_named_service_account_is_allowed if {
	keyward.decision.allow with input as create_service_account("orders-ingest")
}
