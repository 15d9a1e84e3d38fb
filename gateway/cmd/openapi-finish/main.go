// openapi-finish completes the merged OpenAPI document at build time
// (scripts/lib/gateway.sh): it reads it on stdin and writes it to stdout with
// the operations that take no credentials marked so (`security: []`), which
// the protos have no way to say.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// The RPCs keywardd serves without credentials (services/api/call_runner.h:
// CallRunner::Unauthenticated), by OpenAPI operationId.
var unauthenticated = map[string]bool{
	"AccountService_RedeemInvitation": true,
}

func main() {
	if err := finish(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "openapi-finish:", err)
		os.Exit(1)
	}
}

func finish(in io.Reader, out io.Writer) error {
	var document struct {
		Paths map[string]map[string]map[string]any `json:"paths"`
	}
	raw, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	var whole map[string]any
	if err := json.Unmarshal(raw, &whole); err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &document); err != nil {
		return err
	}
	found := 0
	for _, operations := range document.Paths {
		for _, operation := range operations {
			if id, _ := operation["operationId"].(string); unauthenticated[id] {
				operation["security"] = []any{}
				found++
			}
		}
	}
	if found != len(unauthenticated) {
		return fmt.Errorf("found %d of the %d unauthenticated operations", found, len(unauthenticated))
	}
	whole["paths"] = document.Paths
	encoder := json.NewEncoder(out)
	encoder.SetIndent("", "  ")
	return encoder.Encode(whole)
}
