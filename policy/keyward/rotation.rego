# Key rotation (api_key.rotate): how long the old key keeps working. The
# grace period is the request's, or else the default for the stage of the
# key's resource; it may not exceed that stage's maximum. Both come from
# keyward_config.rotation_grace_hours ("default" and "max", each by stage,
# "*" for stages not listed and for Cloud keys). keywardd reads the
# effective grace period from the decision's defaults.rotation_grace_seconds
# (decision.rego).
package keyward

violation contains {
	"rule": "rotation_grace_too_long",
	"message": sprintf(
		"a rotation's grace period for keys %s may be at most %v hours; %v hours were asked for",
		[rotation_scope_description, rotation_grace_hours("max"), rotation_grace_seconds / 3600],
	),
} if {
	input.action == "api_key.rotate"
	rotation_grace_seconds > rotation_grace_hours("max") * 3600
}

# Seconds: the request's grace_period_seconds when it set one.
rotation_grace_seconds := input.request.grace_period_seconds if {
	is_number(input.request.grace_period_seconds)
} else := rotation_grace_hours("default") * 3600

rotation_grace_hours(kind) := object.get(
	config.rotation_grace_hours[kind], resource_stage,
	config.rotation_grace_hours[kind]["*"],
)

rotation_scope_description := sprintf("on %s resources", [resource_stage]) if {
	resource_stage != ""
} else := "on the Cloud"
