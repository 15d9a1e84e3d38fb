# OPA's own REST API, closed (DESIGN.md §3). OPA runs with
# --authentication=token --authorization=basic, so it asks this policy about
# every HTTP request it receives: input.method, input.path (the URL path split
# on "/", without the query string) and input.identity (the bearer token of
# the Authorization header, if any).
#
# Allowed, and nothing else:
# - GET /health, for anyone (liveness checks carry no token);
# - POST /v1/data/keyward/decision, keywardd's decision call, with the bearer
#   token OPA was started with in KEYWARD_OPA_TOKEN. No token in the
#   environment (or an empty one): no decision call is allowed;
# - POST /v1/data/keyward/compliance/findings, keywardd's compliance sweep
#   (policy/keyward/compliance.rego), with the same token.
#
# Policies and data therefore change through files under policy/ (OPA runs
# with --watch) or bundles, never through PUT/DELETE /v1/policies or /v1/data.
package system.authz

default allow := false

allow if {
	input.method == "GET"
	input.path == ["health"]
}

allow if {
	input.method == "POST"
	input.path in keywardd_queries
	caller_holds_the_token
}

keywardd_queries := [
	["v1", "data", "keyward", "decision"],
	["v1", "data", "keyward", "compliance", "findings"],
]

# The token comes from OPA's environment, so no secret is in the repository.
expected_token := object.get(opa.runtime(), ["env", "KEYWARD_OPA_TOKEN"], "")

caller_holds_the_token if {
	expected_token != ""
	is_string(input.identity)
	input.identity == expected_token
}
