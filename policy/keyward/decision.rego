# Keyward's policy entry point. keywardd POSTs the input described in
# DESIGN.md §3 to /v1/data/keyward/decision before every create, update and
# delete, and executes the request only when `allow` is true.
package keyward

# The answer keywardd reads: every violation denies; warnings are returned
# and audited, never enforced; defaults are values keywardd applies where
# the request leaves them open.
decision := {
	"allow": count(violations) == 0,
	"violations": violations,
	"warnings": warnings,
	"defaults": defaults,
}

violations := sort_by_rule(violation)

warnings := sort_by_rule(warning)

# Rules add {"rule", "message"} objects to these sets in files of their own.
violation contains v if some v in set()

warning contains w if some w in set()

sort_by_rule(items) := [item |
	some key in sort([sprintf("%s\u0000%s", [i.rule, i.message]) | some i in items])
	some item in items
	sprintf("%s\u0000%s", [item.rule, item.message]) == key
]

# Operator settings from policy/data.json, with defaults.
config := object.union(
	{
		"invitation_ttl_hours": 72,
		"max_key_lifetime_days": {"prod": 365},
		"disable_before_delete_hours": {},
		"recent_use_minutes": 15,
		"rotation_grace_hours": {"default": {"*": 24}, "max": {"*": 720, "prod": 168}},
		"webhook_require_https": true,
	},
	settings,
)

# Defaults per action, from `config`: each decision carries only its own
# action's (an empty object for most).
defaults["invitation_ttl_hours"] := config.invitation_ttl_hours if input.action == "invitation.create"

defaults["rotation_grace_seconds"] := rotation_grace_seconds if input.action == "api_key.rotate"

default settings := {}

settings := data.keyward_config

# The stage of the environment the request's resource lives in ("" for
# Cloud keys and requests without a resource).
resource_stage := object.get(input, ["target", "resource", "environment", "stage"], "")
