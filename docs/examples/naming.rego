# docs/examples/naming.rego
package keyward

violation contains {
	"rule": "service_account_naming",
	"message": sprintf("service account name %q must look like team-purpose", [input.request.display_name]),
} if {
	input.action == "service_account.create"
	not regex.match(`^[a-z]+-[a-z0-9-]+$`, input.request.display_name)
}
