package keyward_test

import data.keyward

test_key_without_description_is_denied if {
	decision := keyward.decision with input as {"action": "api_key.create", "request": {"description": "  "}}
	not decision.allow
	decision.violations[0].rule == "description_required"
}

test_service_account_without_description_field_is_denied if {
	decision := keyward.decision with input as {"action": "service_account.create", "request": {}}
	not decision.allow
	[v.rule | some v in decision.violations] == ["description_required"]
}

test_key_with_description_is_allowed if {
	decision := keyward.decision with input as {"action": "api_key.create", "request": {"description": "orders pipeline"}}
	decision.allow
	decision.violations == []
	decision.warnings == []
}

test_other_actions_need_no_description if {
	decision := keyward.decision with input as {"action": "environment.create", "request": {}}
	decision.allow
}
