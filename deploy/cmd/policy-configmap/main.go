// policy-configmap writes kubernetes/opa-policy.configmap.yaml from policy/:
// run `go run ./cmd/policy-configmap` in deploy/ after changing the policy.
package main

import (
	"fmt"
	"os"

	"keyward.dev/deploy/policyconfigmap"
)

func main() {
	content, err := policyconfigmap.Generate("../policy")
	if err == nil {
		err = os.WriteFile("kubernetes/opa-policy.configmap.yaml", content, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "policy-configmap:", err)
		os.Exit(1)
	}
}
