# Governance rules: what every organization using Keyward gets by default.
package keyward

# Keys and service accounts must say what they are for.
violation contains {
	"rule": "description_required",
	"message": "a description is required: say what the key or service account is for",
} if {
	input.action in {"api_key.create", "service_account.create"}
	trim_space(object.get(input.request, "description", "")) == ""
}
