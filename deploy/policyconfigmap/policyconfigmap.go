// Package policyconfigmap makes the ConfigMap the OPA sidecars serve:
// policy/keyward's Rego (not its tests) and policy/data.json, each file a key.
// kubernetes/opa-policy.configmap.yaml is its output, checked in;
// kubernetes/manifests_test.go fails when policy/ has changed since.
package policyconfigmap

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Name is the ConfigMap's name, which the keywardd Deployment mounts.
const Name = "keyward-opa-policy"

// Header opens the generated file.
const Header = "# Generated from policy/ by `go run ./cmd/policy-configmap` in deploy/: do not edit.\n" +
	"# policy/keyward/*.rego (without tests) and policy/data.json, served by each OPA sidecar.\n"

// Files maps each file the ConfigMap holds to its content.
func Files(policyDir string) (map[string]string, error) {
	rego, err := filepath.Glob(filepath.Join(policyDir, "keyward", "*.rego"))
	if err != nil {
		return nil, err
	}
	files := map[string]string{}
	for _, path := range append(rego, filepath.Join(policyDir, "data.json")) {
		if strings.HasSuffix(path, "_test.rego") {
			continue
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(path)] = string(content)
	}
	if len(files) < 2 {
		return nil, fmt.Errorf("%s holds no policy (keyward/*.rego)", policyDir)
	}
	return files, nil
}

// Generate is the ConfigMap's YAML, Header first; each file a block
// literal, to be read in a diff.
func Generate(policyDir string) ([]byte, error) {
	files, err := Files(policyDir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var out strings.Builder
	out.WriteString(Header)
	out.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + Name +
		"\n  labels:\n    app.kubernetes.io/part-of: keyward\ndata:\n")
	for _, name := range names {
		out.WriteString("  " + name + ": " + scalar(files[name]) + "\n")
	}
	return []byte(out.String()), nil
}

// scalar writes content as a block literal where YAML keeps it byte for byte
// (one final newline, no leading space), else as a quoted string.
func scalar(content string) string {
	if !strings.HasSuffix(content, "\n") || strings.HasSuffix(content, "\n\n") ||
		strings.HasPrefix(content, " ") || strings.Contains(content, "\r") {
		quoted, _ := json.Marshal(content)
		return string(quoted)
	}
	var block strings.Builder
	block.WriteString("|")
	for _, line := range strings.Split(strings.TrimSuffix(content, "\n"), "\n") {
		block.WriteString("\n")
		if line != "" {
			block.WriteString("    " + line)
		}
	}
	return block.String()
}
