# Invitations (AccountService.CreateInvitation and RedeemInvitation): an
# admin invites a user; the user redeems the single-use token, with no other
# credentials, for its own first Cloud key.
#
#   invitation.create  whoever the role table (authorization.rego) lets
#                      manage invitations: OrganizationAdmin or AccountAdmin
#                      at organization, for an account they cover
#                      (escalation.rego); the invitation's lifetime is the
#                      decision's defaults.invitation_ttl_hours (decision.rego,
#                      policy/data.json keyward_config.invitation_ttl_hours).
#   redemption         keywardd asks for api_key.create with the invited user
#                      as the caller and target.invitation = {account_id,
#                      expire_time}; it is authorized for a Cloud key owned by
#                      that user while the invitation lasts. Governance rules
#                      (description_required, …) apply as to any new key.
package keyward

authorized if {
	input.action == "api_key.create"
	redeems_own_invitation
}

# The caller redeems an unexpired invitation made out to itself, for a Cloud
# key of its own.
redeems_own_invitation if {
	invited := input.target.invitation.account_id
	invited == input.caller.id
	invited == input.target.owner.id
	input.target.owner.type == "USER"
	input.target.resource.id == "cloud"
	time.parse_rfc3339_ns(input.target.invitation.expire_time) > time.parse_rfc3339_ns(input.now)
}

required_roles contains "an unexpired invitation for the key's owner (Cloud keys only)" if {
	input.action == "api_key.create"
	"invitation" in object.keys(object.get(input, "target", {}))
}
