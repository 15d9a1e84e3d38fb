# Compliance findings over the keys that already exist (DESIGN.md §3). Where
# keyward.decision judges one request, this package judges keys: keywardd's
# compliance sweeper POSTs batches of keys to
# /v1/data/keyward/compliance/findings with the input
#
#   { "now": "RFC 3339 time",
#     "keys": [ { "id", "owner_id", "owner_type" (USER | SERVICE_ACCOUNT),
#                 "resource_id" ("cloud" for a Cloud key), "environment_id"
#                 and "stage" ("" for a Cloud key), "state" (ACTIVE |
#                 DISABLED | EXPIRED), "create_time", "expire_time" and
#                 "last_used_time" (RFC 3339, or null),
#                 "owner_role_bindings": [ { "role", "scope" } ] (users) } ] }
#
# and stores each finding { api_key_id, rule, severity, message }. Expired
# keys no longer open anything and yield no finding. Every rule looks at one
# key at a time, so a batch costs time linear in its size. Times are RFC 3339
# in UTC with microseconds, and compare as strings (see below).
#
# Add a rule by adding to `finding` in a file of its own in this package.
# Settings come from keyward_config.compliance in policy/data.json.
package keyward.compliance

findings := [f | some f in finding]

finding contains f if some f in set()

# Operator settings, with defaults.
config := object.union(
	{
		"max_key_age_days": {"prod": 90, "*": 365},
		"unused_key_days": 90,
	},
	settings,
)

default settings := {}

settings := data.keyward_config.compliance

# Expired keys open nothing any more: no rule judges them.
live(key) if key.state != "EXPIRED"

# Times. keywardd writes every time in one form, RFC 3339 in UTC with
# microseconds ("2026-11-26T08:00:00.123456Z"), so times compare as strings:
# each rule compares a key's time with a cutoff computed once per batch
# (arithmetic on nanoseconds per key would cost more than all the rest).
now_ns := time.parse_rfc3339_ns(input.now)

day_ns := ((24 * 60) * 60) * 1000000000

# The time `days` days before now.
days_before_now(days) := time.format([now_ns - (days * day_ns), "UTC", "2006-01-02T15:04:05.000000Z07:00"])

# The date of a time, for messages.
date_of(time_text) := substring(time_text, 0, 10)

# A user keeps a key only while holding some role where the key works: on
# its resource, the resource's environment or the organization. Bob's key,
# after his role binding went. A Cloud key is how its user calls Keyward at
# all, whatever their roles' scopes: it is orphaned once they hold no role
# anywhere.
finding contains {
	"api_key_id": key.id,
	"rule": "orphaned_user_key",
	"severity": "HIGH",
	"message": orphan_message(key),
} if {
	some key in input.keys
	live(key)
	key.owner_type == "USER"
	not holds_role_where_key_works(key)
}

holds_role_where_key_works(key) if {
	key.resource_id == "cloud"
	count(key.owner_role_bindings) > 0
}

holds_role_where_key_works(key) if {
	some binding in key.owner_role_bindings
	binding.scope in {"organization", key.environment_id, key.resource_id}
}

orphan_message(key) := sprintf(
	"user %s holds no role any more, yet their Cloud key still works: delete the key or grant a role",
	[key.owner_id],
) if {
	key.resource_id == "cloud"
} else := sprintf(
	"user %s holds no role on resource %s (environment %s) any more, yet their key still opens it: delete the key or grant a role",
	[key.owner_id, key.resource_id, key.environment_id],
)

# Keys are rotated at least every max_key_age_days[stage] ("*": every other
# stage and Cloud keys; a stage mapped to 0 or absent without "*": never).
finding contains {
	"api_key_id": key.id,
	"rule": "key_older_than_max_age",
	"severity": "MEDIUM",
	"message": sprintf(
		"the key was created on %s; keys %s are rotated within %v days: rotate it",
		[date_of(key.create_time), stage_description(key), max_age],
	),
} if {
	some key in input.keys
	live(key)
	max_age := max_key_age_days(key)
	max_age > 0
	key.create_time < rotation_cutoff[max_age]
}

max_key_age_days(key) := object.get(config.max_key_age_days, stage_name(key), object.get(config.max_key_age_days, "*", 0))

# Keys created before rotation_cutoff[days] are more than `days` days old.
rotation_cutoff[days] := days_before_now(days) if some days in config.max_key_age_days

stage_name(key) := "*" if key.stage == ""

else := key.stage

stage_description(key) := "on the Cloud" if {
	key.stage == ""
} else := sprintf("on %s resources", [key.stage])

# A production key must end some day.
finding contains {
	"api_key_id": key.id,
	"rule": "no_expiry_in_prod",
	"severity": "MEDIUM",
	"message": sprintf(
		"the key on prod resource %s never expires: rotate it to a key with an expire_time",
		[key.resource_id],
	),
} if {
	some key in input.keys
	live(key)
	key.stage == "prod"
	key.expire_time == null
}

# A key nobody uses is only a risk; a never-used key counts from its
# creation.
finding contains {
	"api_key_id": key.id,
	"rule": "unused_key",
	"severity": "LOW",
	"message": sprintf(
		"the key %s, over %v days ago: delete it if nothing needs it",
		[last_activity_description(key), config.unused_key_days],
	),
} if {
	some key in input.keys
	live(key)
	config.unused_key_days > 0
	last_activity(key) <= unused_cutoff
}

unused_cutoff := days_before_now(config.unused_key_days)

last_activity(key) := key.create_time if key.last_used_time == null

else := key.last_used_time

last_activity_description(key) := sprintf("was created on %s and never used", [date_of(key.create_time)]) if {
	key.last_used_time == null
} else := sprintf("was last used on %s", [date_of(key.last_used_time)])

# keyward.no_user_keys_in_prod refuses new ones; this finds those made before
# the rule existed.
finding contains {
	"api_key_id": key.id,
	"rule": "user_key_in_prod",
	"severity": "HIGH",
	"message": sprintf(
		"user %s owns a key on prod resource %s: replace it with a service account's key",
		[key.owner_id, key.resource_id],
	),
} if {
	some key in input.keys
	live(key)
	key.owner_type == "USER"
	key.stage == "prod"
}
