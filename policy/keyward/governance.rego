# Governance rules: what every organization using Keyward gets by default.
# Each rule is named in its violation so that callers, the audit trail and
# operators can tell them apart.
package keyward

# Keys and service accounts must say what they are for.
violation contains {
	"rule": "description_required",
	"message": "a description is required: say what the key or service account is for",
} if {
	sets_description
	trim_space(object.get(input.request, "description", "")) == ""
}

# Creates always set a description; updates only when they name it.
sets_description if input.action in {"api_key.create", "service_account.create"}

sets_description if {
	input.action in {"api_key.update", "service_account.update"}
	"description" in object.keys(input.request)
}

# People leave; production credentials must belong to service accounts.
violation contains {
	"rule": "no_user_keys_in_prod",
	"message": sprintf(
		"user accounts may not own keys on resources in the prod environment %s: use a service account",
		[input.target.resource.environment.id],
	),
} if {
	input.action in key_issuing_actions
	input.target.owner.type == "USER"
	resource_stage == "prod"
}

# The actions that issue a new key: a create, and a rotation's successor
# (whose request gives the successor's expire_time). A user's prod key made
# before no_user_keys_in_prod cannot be rotated either: replace it with a
# service account's key.
key_issuing_actions := {"api_key.create", "api_key.rotate"}

# Keys on resources in stages with a lifetime limit must expire within it.
violation contains {
	"rule": "prod_keys_expire",
	"message": sprintf(
		"keys on %s resources must set an expire_time at most %d days ahead%s",
		[resource_stage, max_lifetime_days, lifetime_hint],
	),
} if {
	input.action in key_issuing_actions
	max_lifetime_days > 0
	not expires_within_limit
}

max_lifetime_days := config.max_key_lifetime_days[resource_stage]

lifetime_hint := ": a rotation's successor keeps the old key's lifetime, so create a new key instead" if {
	input.action == "api_key.rotate"
} else := ""

expires_within_limit if {
	expire := time.parse_rfc3339_ns(input.request.expire_time)
	expire - time.parse_rfc3339_ns(input.now) <= ((max_lifetime_days * 24) * 60) * 60e9
}

# Optional (off unless policy/data.json names a stage): keys on resources in
# a stage listed in disable_before_delete_hours are deleted only after they
# have been disabled for that many hours, so that whoever still used them
# shows up (failing, in the usage counts) while the key can still be
# enabled again.
violation contains {
	"rule": "disable_before_delete",
	"message": sprintf(
		"keys on %s resources must be disabled for %d hours before they are deleted: %s",
		[resource_stage, disable_before_delete_hours, disabled_for_text],
	),
} if {
	input.action == "api_key.delete"
	disable_before_delete_hours # defined only for the stages the data names
	not disabled_long_enough
}

disable_before_delete_hours := config.disable_before_delete_hours[resource_stage]

key_disable_time := object.get(input, ["target", "api_key", "disable_time"], null)

disabled_long_enough if {
	disabled := time.parse_rfc3339_ns(key_disable_time)
	time.parse_rfc3339_ns(input.now) - disabled >= ((disable_before_delete_hours * 60) * 60) * 1e9
}

disabled_for_text := sprintf("key %s was disabled at %s", [input.target.api_key.id, key_disable_time]) if {
	key_disable_time != null
} else := sprintf("disable key %s first", [object.get(input, ["target", "api_key", "id"], "")])

# Deleting a key that is in use breaks whoever uses it; allowed, but said. A
# disabled key's clients fail already.
warning contains {
	"rule": "key_recently_used",
	"message": sprintf(
		"key %s was used in the last %d minutes: its clients will start failing",
		[input.target.api_key.id, config.recent_use_minutes],
	),
} if {
	input.action == "api_key.delete"
	key_disable_time == null
	last_used := time.parse_rfc3339_ns(input.target.api_key.last_used_time)
	time.parse_rfc3339_ns(input.now) - last_used < (config.recent_use_minutes * 60) * 1e9
}

# An organization-wide key owned by a person is worth a second look.
warning contains {
	"rule": "user_cloud_key",
	"message": "a user-owned Cloud key opens the whole organization: prefer a service account",
} if {
	input.action == "api_key.create"
	input.target.owner.type == "USER"
	input.request.resource_id == "cloud"
}
