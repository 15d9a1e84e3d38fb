package system.authz_test

import data.system.authz

runtime_with_token := {"env": {"KEYWARD_OPA_TOKEN": "s3cret-token"}}

decision_call(identity) := {
	"method": "POST",
	"path": ["v1", "data", "keyward", "decision"],
	"identity": identity,
}

test_health_is_open_to_anyone if {
	authz.allow with input as {"method": "GET", "path": ["health"]}
		with opa.runtime as runtime_with_token
}

test_health_with_a_query_string_is_open if {
	# OPA passes the query string in input.params, not in input.path.
	authz.allow with input as {"method": "GET", "path": ["health"], "params": {"bundles": [""]}}
		with opa.runtime as runtime_with_token
}

test_a_decision_call_with_the_token_is_allowed if {
	authz.allow with input as decision_call("s3cret-token")
		with opa.runtime as runtime_with_token
}

compliance_call(identity) := {
	"method": "POST",
	"path": ["v1", "data", "keyward", "compliance", "findings"],
	"identity": identity,
}

test_a_compliance_call_with_the_token_is_allowed if {
	authz.allow with input as compliance_call("s3cret-token")
		with opa.runtime as runtime_with_token
}

test_a_compliance_call_without_the_token_is_refused if {
	not authz.allow with input as compliance_call("guess")
		with opa.runtime as runtime_with_token
	not authz.allow with input as compliance_call("") with opa.runtime as {"env": {}}
}

test_the_rest_of_the_compliance_package_is_closed if {
	every path in [
		["v1", "data", "keyward", "compliance"],
		["v1", "data", "keyward", "compliance", "finding"],
		["v1", "data", "keyward", "compliance", "config"],
	] {
		not authz.allow with input as {"method": "POST", "path": path, "identity": "s3cret-token"}
			with opa.runtime as runtime_with_token
	}
	not authz.allow with input as object.union(compliance_call("s3cret-token"), {"method": "GET"})
		with opa.runtime as runtime_with_token
}

test_a_decision_call_without_a_token_is_refused if {
	not authz.allow with input as {"method": "POST", "path": ["v1", "data", "keyward", "decision"]}
		with opa.runtime as runtime_with_token
}

test_a_decision_call_with_another_token_is_refused if {
	not authz.allow with input as decision_call("guess")
		with opa.runtime as runtime_with_token
}

test_no_token_in_the_environment_allows_no_decision_call if {
	not authz.allow with input as decision_call("") with opa.runtime as {"env": {}}
	not authz.allow with input as decision_call("anything") with opa.runtime as {"env": {}}
}

test_an_empty_token_in_the_environment_allows_no_decision_call if {
	not authz.allow with input as decision_call("")
		with opa.runtime as {"env": {"KEYWARD_OPA_TOKEN": ""}}
}

test_health_stays_open_without_a_token_in_the_environment if {
	authz.allow with input as {"method": "GET", "path": ["health"]}
		with opa.runtime as {"env": {}}
}

test_the_rest_api_is_closed_even_with_the_token if {
	every request in [
		{"method": "PUT", "path": ["v1", "policies", "x"]},
		{"method": "DELETE", "path": ["v1", "policies", "keyward", "governance.rego"]},
		{"method": "GET", "path": ["v1", "policies"]},
		{"method": "PUT", "path": ["v1", "data", "keyward"]},
		{"method": "PATCH", "path": ["v1", "data"]},
		{"method": "GET", "path": ["v1", "data", "keyward", "decision"]},
		{"method": "POST", "path": ["v1", "data", "keyward"]},
		{"method": "POST", "path": ["v1", "data", "system", "authz", "allow"]},
		{"method": "POST", "path": ["v1", "query"]},
		{"method": "POST", "path": ["v1", "compile"]},
		{"method": "POST", "path": []},
		{"method": "GET", "path": ["v1", "config"]},
		{"method": "GET", "path": ["v1", "status"]},
		{"method": "GET", "path": ["metrics"]},
		{"method": "POST", "path": ["health"]},
	] {
		not authz.allow with input as object.union(request, {"identity": "s3cret-token"})
			with opa.runtime as runtime_with_token
	}
}
