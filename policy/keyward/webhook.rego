# Webhooks (WebhookService): where the organization's events may be sent.
# Who may create and delete webhooks is the role table's business
# (authorization.rego: OrganizationAdmin at organization, as webhooks see
# every event); this file holds what applies to every webhook.
#
# keywardd has already refused malformed URLs (not http/https, user
# information, fragments, too long) and gives the URL's facts in
# input.target.webhook: {id, scheme, host, port, loopback, actions}, where
# `loopback` is true for 127.0.0.0/8, ::1 and "localhost".
package keyward

# Events leave the organization only encrypted: http is for a receiver on
# the same machine. policy/data.json keyward_config.webhook_require_https
# (default true) turns the rule off, e.g. for a test rig.
violation contains {
	"rule": "webhook_https_required",
	"message": sprintf(
		"webhook URLs must use https: %s://%s is neither https nor a loopback address",
		[webhook_fact("scheme"), webhook_fact("host")],
	),
} if {
	input.action == "webhook.create"
	config.webhook_require_https
	webhook_fact("scheme") != "https"
	object.get(target, ["webhook", "loopback"], false) != true
}

# A fact about the webhook; "unknown" when keywardd did not give it.
webhook_fact(name) := object.get(target, ["webhook", name], "unknown")
