// Checks the manifests in this directory as Kubernetes would read them: every
// document decoded strictly (an unknown or duplicate field fails) into the
// type its apiVersion and kind name, then what an operator relies on.
// kubeconform would need schemas fetched from the network; the typed decode
// against k8s.io/api is the same check of field names and types, offline.
package kubernetes

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/yaml"

	"keyward.dev/deploy/policyconfigmap"
)

// kinds are the types the manifests may hold, by apiVersion/kind.
var kinds = map[string]func() any{
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"v1/ConfigMap":                           func() any { return &corev1.ConfigMap{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
}

type manifests struct {
	files       []string
	deployments map[string]*appsv1.Deployment
	services    []*corev1.Service
	configMaps  map[string]*corev1.ConfigMap
	budgets     []*policyv1.PodDisruptionBudget
	autoscalers []*autoscalingv2.HorizontalPodAutoscaler
}

var documentSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func load(t *testing.T) manifests {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := manifests{deployments: map[string]*appsv1.Deployment{}, configMaps: map[string]*corev1.ConfigMap{}}
	for _, file := range files {
		if file == "kustomization.yaml" {
			continue
		}
		m.files = append(m.files, file)
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, document := range documentSeparator.Split(string(content), -1) {
			if strings.TrimSpace(stripComments(document)) == "" {
				continue
			}
			object, err := decode([]byte(document))
			if err != nil {
				t.Fatalf("%s, document %d: %v", file, i+1, err)
			}
			switch o := object.(type) {
			case *appsv1.Deployment:
				m.deployments[o.Name] = o
			case *corev1.Service:
				m.services = append(m.services, o)
			case *corev1.ConfigMap:
				m.configMaps[o.Name] = o
			case *policyv1.PodDisruptionBudget:
				m.budgets = append(m.budgets, o)
			case *autoscalingv2.HorizontalPodAutoscaler:
				m.autoscalers = append(m.autoscalers, o)
			}
		}
	}
	return m
}

func stripComments(document string) string {
	var kept []string
	for _, line := range strings.Split(document, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

// decode reads one document into the type of its apiVersion and kind,
// refusing unknown and duplicate fields.
func decode(document []byte) (any, error) {
	var header metav1.TypeMeta
	if err := yaml.Unmarshal(document, &header); err != nil {
		return nil, err
	}
	newObject, ok := kinds[header.APIVersion+"/"+header.Kind]
	if !ok {
		return nil, fmt.Errorf("unexpected apiVersion %q kind %q", header.APIVersion, header.Kind)
	}
	object := newObject()
	if err := yaml.UnmarshalStrict(document, object); err != nil {
		return nil, fmt.Errorf("%s: %w", header.Kind, err)
	}
	return object, nil
}

func TestTheStrictDecodeRefusesAnUnknownField(t *testing.T) {
	_, err := decode([]byte("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {selectr: {a: b}}\n"))
	if err == nil || !strings.Contains(err.Error(), "selectr") {
		t.Errorf("an unknown field passed: %v", err)
	}
	_, err = decode([]byte("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nmetadata: {name: y}\n"))
	if err == nil {
		t.Error("a duplicate field passed")
	}
}

func keywardd(t *testing.T, m manifests) (*appsv1.Deployment, *corev1.Container) {
	t.Helper()
	deployment, ok := m.deployments["keywardd"]
	if !ok {
		t.Fatal("no Deployment keywardd")
	}
	return deployment, container(t, deployment.Spec.Template.Spec.Containers, "keywardd")
}

func deref(n *int32) any {
	if n == nil {
		return "unset"
	}
	return *n
}

func container(t *testing.T, containers []corev1.Container, name string) *corev1.Container {
	t.Helper()
	for i := range containers {
		if containers[i].Name == name {
			return &containers[i]
		}
	}
	t.Fatalf("no container %s", name)
	return nil
}

func env(c *corev1.Container, name string) *corev1.EnvVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

func allContainers(spec corev1.PodSpec) []corev1.Container {
	return append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
}

func TestKeywarddRunsThreeReplicasWithAnOPASidecar(t *testing.T) {
	m := load(t)
	deployment, _ := keywardd(t, m)
	if deployment.Spec.Replicas == nil || *deployment.Spec.Replicas != 3 {
		t.Errorf("replicas %s, want 3", fmt.Sprint(deref(deployment.Spec.Replicas)))
	}
	opa := container(t, deployment.Spec.Template.Spec.Containers, "opa")
	var policy *corev1.Volume
	for i, v := range deployment.Spec.Template.Spec.Volumes {
		for _, mount := range opa.VolumeMounts {
			if mount.Name == v.Name && v.ConfigMap != nil {
				policy = &deployment.Spec.Template.Spec.Volumes[i]
			}
		}
	}
	if policy == nil || m.configMaps[policy.ConfigMap.Name] == nil {
		t.Fatalf("the OPA sidecar mounts no ConfigMap of these manifests")
	}
	if !strings.Contains(strings.Join(opa.Args, " "), "--addr=127.0.0.1:") {
		t.Errorf("OPA's API is not on the pod's loopback only: %q", opa.Args)
	}
}

func TestThePolicyConfigMapIsPolicyDirAsItIsNow(t *testing.T) {
	want, err := policyconfigmap.Generate("../../policy")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("opa-policy.configmap.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Error("opa-policy.configmap.yaml is not policy/ as it is now: run `go run ./cmd/policy-configmap` in deploy/")
	}
	// What a cluster would read back is each file, byte for byte.
	files, err := policyconfigmap.Files("../../policy")
	if err != nil {
		t.Fatal(err)
	}
	configMap := load(t).configMaps[policyconfigmap.Name]
	if configMap == nil {
		t.Fatalf("no ConfigMap %s", policyconfigmap.Name)
	}
	for name, content := range files {
		if configMap.Data[name] != content {
			t.Errorf("%s reads back different from policy/", name)
		}
	}
	if len(configMap.Data) != len(files) {
		t.Errorf("%d files in the ConfigMap, %d in policy/", len(configMap.Data), len(files))
	}
}

// The sidecar loads exactly the ConfigMap's files: they must compile on their
// own (no test, nothing from policy/system), as OPA would load them.
func TestThePolicyConfigMapCompilesInOPA(t *testing.T) {
	opa := os.Getenv("KEYWARD_TEST_OPA_BIN")
	if opa == "" {
		t.Skip("KEYWARD_TEST_OPA_BIN is not set (scripts/test sets it)")
	}
	dir := t.TempDir()
	for name, content := range load(t).configMaps[policyconfigmap.Name].Data {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	output, err := exec.Command(opa, "check", "--strict", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("opa check: %v\n%s", err, output)
	}
	// The settings the policy reads come from data.json, loaded at the root as from policy/
	output, err = exec.Command(opa, "eval", "--format=raw", "--data", dir,
		`data.keyward.settings == data.keyward_config`).CombinedOutput()
	if err != nil || strings.TrimSpace(string(output)) != "true" {
		t.Errorf("opa eval: %v\n%s", err, output)
	}
}

func TestKeywarddProbesAreGRPCHealthOnItsGRPCPort(t *testing.T) {
	_, c := keywardd(t, load(t))
	var port int32
	for _, p := range c.Ports {
		if p.Name == "grpc" {
			port = p.ContainerPort
		}
	}
	if port == 0 {
		t.Fatal("keywardd has no port named grpc")
	}
	probes := map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe, "startup": c.StartupProbe}
	for name, probe := range probes {
		if probe == nil || probe.GRPC == nil || probe.GRPC.Port != port {
			t.Errorf("%s probe %+v is not grpc health on port %d", name, probe, port)
		}
	}
	// A database outage turns health NOT_SERVING on every replica: liveness
	// must outlast one that readiness reacts to, or all replicas restart.
	ready, live := c.ReadinessProbe, c.LivenessProbe
	if live.PeriodSeconds*live.FailureThreshold < 10*ready.PeriodSeconds*ready.FailureThreshold {
		t.Errorf("liveness gives up after %ds, hardly later than readiness (%ds)",
			live.PeriodSeconds*live.FailureThreshold, ready.PeriodSeconds*ready.FailureThreshold)
	}
}

func TestKeywarddListensBeyondLoopbackExplicitly(t *testing.T) {
	_, c := keywardd(t, load(t))
	listen := env(c, "KEYWARD_LISTEN")
	if listen == nil || !strings.HasPrefix(listen.Value, "0.0.0.0:") {
		t.Fatalf("KEYWARD_LISTEN %+v: a Service reaches only the pod's address", listen)
	}
	insecure, cert := env(c, "KEYWARD_ALLOW_INSECURE"), env(c, "KEYWARD_TLS_CERT_FILE")
	if (insecure == nil || insecure.Value != "true") && cert == nil {
		t.Error("plaintext off loopback without KEYWARD_ALLOW_INSECURE (keywardd would refuse to start)")
	}
	if metrics := env(c, "KEYWARD_METRICS_LISTEN"); metrics == nil || metrics.Value != "0.0.0.0:9464" {
		t.Errorf("KEYWARD_METRICS_LISTEN %+v: Prometheus scrapes the pod's address", metrics)
	}
	if allow := env(c, "KEYWARD_ALLOW_INSECURE_METRICS"); allow == nil || allow.Value != "true" {
		t.Error("metrics off loopback without KEYWARD_ALLOW_INSECURE_METRICS (keywardd would refuse to start)")
	}
}

// A log collector takes one JSON object per line, with the call's request id.
func TestKeywarddLogsJSON(t *testing.T) {
	_, c := keywardd(t, load(t))
	if format := env(c, "KEYWARD_LOG_FORMAT"); format == nil || format.Value != "json" {
		t.Errorf("KEYWARD_LOG_FORMAT %+v, want json", format)
	}
}

func TestThePepperAndTheDatabaseURLComeFromTheSecret(t *testing.T) {
	m := load(t)
	for _, deployment := range m.deployments {
		spec := deployment.Spec.Template.Spec
		for _, c := range allContainers(spec) {
			for _, e := range c.Env {
				if strings.Contains(e.Name, "DATABASE_URL") && (e.Value != "" || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
					t.Errorf("%s/%s: %s is not from a Secret", deployment.Name, c.Name, e.Name)
				}
				if e.Name == "KEYWARD_PEPPER" || (strings.Contains(e.Name, "PEPPER") && !strings.HasPrefix(e.Value, "/")) {
					t.Errorf("%s/%s: %s holds the pepper itself, not a file's path", deployment.Name, c.Name, e.Name)
				}
			}
		}
	}
	deployment, c := keywardd(t, m)
	spec := deployment.Spec.Template.Spec
	pepperFile := env(c, "KEYWARD_PEPPER_FILE")
	if pepperFile == nil {
		t.Fatal("keywardd has no KEYWARD_PEPPER_FILE")
	}
	// The file keywardd reads is on an in-memory volume an init container
	// fills from the Secret, owner-only (keywardd refuses a file others may read).
	volume := volumeAt(t, spec, c, filepath.Dir(pepperFile.Value))
	if volume.EmptyDir == nil || volume.EmptyDir.Medium != corev1.StorageMediumMemory {
		t.Errorf("the pepper's volume %s is not an in-memory emptyDir", volume.Name)
	}
	filler := container(t, spec.InitContainers, "pepper")
	source := ""
	for _, v := range spec.Volumes {
		if v.Secret != nil && v.Secret.SecretName == "keyward" {
			for _, mount := range filler.VolumeMounts {
				if mount.Name == v.Name {
					source = mount.MountPath
				}
			}
		}
	}
	script := strings.Join(filler.Command, " ")
	if source == "" || !strings.Contains(script, source+"/pepper") ||
		!strings.Contains(script, "-m 0400") || !strings.Contains(script, pepperFile.Value) {
		t.Errorf("the pepper init container does not copy the Secret's pepper owner-only to %s: %q", pepperFile.Value, script)
	}
	for name, configMap := range m.configMaps {
		for key := range configMap.Data {
			if strings.Contains(strings.ToLower(key), "pepper") {
				t.Errorf("ConfigMap %s holds %s", name, key)
			}
		}
	}
}

func volumeAt(t *testing.T, spec corev1.PodSpec, c *corev1.Container, path string) corev1.Volume {
	t.Helper()
	for _, mount := range c.VolumeMounts {
		if mount.MountPath == path {
			for _, v := range spec.Volumes {
				if v.Name == mount.Name {
					return v
				}
			}
		}
	}
	t.Fatalf("nothing mounted at %s in %s", path, c.Name)
	return corev1.Volume{}
}

func TestEveryContainerRequestsResourcesAndRunsUnprivileged(t *testing.T) {
	for _, deployment := range load(t).deployments {
		spec := deployment.Spec.Template.Spec
		pod := spec.SecurityContext
		for _, c := range allContainers(spec) {
			where := deployment.Name + "/" + c.Name
			if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() {
				t.Errorf("%s requests no cpu or memory", where)
			}
			if c.Resources.Limits.Memory().IsZero() {
				t.Errorf("%s has no memory limit", where)
			}
			s := c.SecurityContext
			if s == nil {
				t.Errorf("%s has no securityContext", where)
				continue
			}
			nonRoot := (s.RunAsNonRoot != nil && *s.RunAsNonRoot) || (pod != nil && pod.RunAsNonRoot != nil && *pod.RunAsNonRoot)
			user := s.RunAsUser
			if user == nil && pod != nil {
				user = pod.RunAsUser
			}
			if !nonRoot || user == nil || *user == 0 {
				t.Errorf("%s may run as root", where)
			}
			if s.ReadOnlyRootFilesystem == nil || !*s.ReadOnlyRootFilesystem {
				t.Errorf("%s has a writable root filesystem", where)
			}
			if s.AllowPrivilegeEscalation == nil || *s.AllowPrivilegeEscalation {
				t.Errorf("%s may escalate privileges", where)
			}
			if s.Capabilities == nil || len(s.Capabilities.Drop) != 1 || s.Capabilities.Drop[0] != "ALL" || len(s.Capabilities.Add) != 0 {
				t.Errorf("%s keeps capabilities: %+v", where, s.Capabilities)
			}
		}
	}
}

var pinnedImage = regexp.MustCompile(`^[a-z0-9./-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?(@sha256:[0-9a-f]{64})?$`)

func TestImagesArePinned(t *testing.T) {
	for _, deployment := range load(t).deployments {
		for _, c := range allContainers(deployment.Spec.Template.Spec) {
			match := pinnedImage.FindStringSubmatch(c.Image)
			if match == nil || (match[1] == "" && match[2] == "") || match[1] == ":latest" {
				t.Errorf("%s/%s: image %q is not pinned to a tag or digest", deployment.Name, c.Name, c.Image)
			}
		}
	}
}

// deploymentOf is the Deployment whose pods selector selects.
func deploymentOf(t *testing.T, m manifests, selector labels.Selector) *appsv1.Deployment {
	t.Helper()
	var found *appsv1.Deployment
	for _, deployment := range m.deployments {
		if selector.Matches(labels.Set(deployment.Spec.Template.Labels)) {
			if found != nil {
				t.Fatalf("%s selects the pods of both %s and %s", selector, found.Name, deployment.Name)
			}
			found = deployment
		}
	}
	if found == nil {
		t.Fatalf("%s selects no Deployment's pods", selector)
	}
	return found
}

func TestDeploymentsSelectTheirOwnPods(t *testing.T) {
	for _, deployment := range load(t).deployments {
		selector, err := metav1.LabelSelectorAsSelector(deployment.Spec.Selector)
		if err != nil || !selector.Matches(labels.Set(deployment.Spec.Template.Labels)) {
			t.Errorf("%s: selector %v does not match its template (%v)", deployment.Name, deployment.Spec.Selector, err)
		}
	}
}

func TestTheDisruptionBudgetKeepsTwoKeywarddServing(t *testing.T) {
	m := load(t)
	if len(m.budgets) != 1 {
		t.Fatalf("%d PodDisruptionBudgets, want 1", len(m.budgets))
	}
	budget := m.budgets[0]
	selector, err := metav1.LabelSelectorAsSelector(budget.Spec.Selector)
	if err != nil {
		t.Fatal(err)
	}
	if deploymentOf(t, m, selector).Name != "keywardd" {
		t.Errorf("the budget selects another Deployment's pods")
	}
	minimum, maxUnavailable := budget.Spec.MinAvailable, budget.Spec.MaxUnavailable
	if !(minimum != nil && *minimum == intstr.FromInt32(2)) && !(maxUnavailable != nil && *maxUnavailable == intstr.FromInt32(1)) {
		t.Errorf("budget minAvailable %v maxUnavailable %v, want 2 or 1", minimum, maxUnavailable)
	}
}

func TestServicesTargetNamedPortsTheirPodsHave(t *testing.T) {
	m := load(t)
	targeted := map[string]bool{}
	for _, service := range m.services {
		deployment := deploymentOf(t, m, labels.SelectorFromSet(service.Spec.Selector))
		targeted[deployment.Name] = true
		ports := map[string]bool{}
		for _, c := range deployment.Spec.Template.Spec.Containers {
			for _, p := range c.Ports {
				ports[p.Name] = true
			}
		}
		for _, p := range service.Spec.Ports {
			if p.TargetPort.Type != intstr.String || !ports[p.TargetPort.StrVal] {
				t.Errorf("Service %s port %s targets %s, not a named port of %s", service.Name, p.Name, p.TargetPort.String(), deployment.Name)
			}
		}
	}
	for name := range m.deployments {
		if !targeted[name] {
			t.Errorf("no Service in front of %s", name)
		}
	}
}

func TestScrapeAnnotationsNameTheMetricsPort(t *testing.T) {
	for _, deployment := range load(t).deployments {
		annotations := deployment.Spec.Template.Annotations
		if annotations["prometheus.io/scrape"] != "true" {
			t.Errorf("%s: pods not annotated for scraping", deployment.Name)
		}
		found := false
		for _, c := range deployment.Spec.Template.Spec.Containers {
			for _, p := range c.Ports {
				if p.Name == "metrics" && fmt.Sprint(p.ContainerPort) == annotations["prometheus.io/port"] {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: prometheus.io/port %q is not its port named metrics", deployment.Name, annotations["prometheus.io/port"])
		}
	}
	_, c := keywardd(t, load(t))
	for _, p := range c.Ports {
		if p.Name == "metrics" && p.ContainerPort != 9464 {
			t.Errorf("keywardd's metrics on %d, not 9464", p.ContainerPort)
		}
	}
}

func TestTheAutoscalerScalesKeywarddOnCPU(t *testing.T) {
	m := load(t)
	if len(m.autoscalers) != 1 {
		t.Fatalf("%d HorizontalPodAutoscalers, want 1", len(m.autoscalers))
	}
	hpa := m.autoscalers[0]
	ref := hpa.Spec.ScaleTargetRef
	deployment, ok := m.deployments[ref.Name]
	if ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || !ok || ref.Name != "keywardd" {
		t.Fatalf("the autoscaler targets %+v, not the keywardd Deployment", ref)
	}
	if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < *deployment.Spec.Replicas || hpa.Spec.MaxReplicas <= *hpa.Spec.MinReplicas {
		t.Errorf("replicas %v..%d: the minimum must keep the Deployment's %d", hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas, *deployment.Spec.Replicas)
	}
	if len(hpa.Spec.Metrics) != 1 || hpa.Spec.Metrics[0].Resource == nil || hpa.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU {
		t.Errorf("the autoscaler does not scale on CPU: %+v", hpa.Spec.Metrics)
	}
}

func TestTheKustomizationListsEveryManifest(t *testing.T) {
	content, err := os.ReadFile("kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var kustomization struct {
		APIVersion string   `json:"apiVersion"`
		Kind       string   `json:"kind"`
		Resources  []string `json:"resources"`
		Images     []struct {
			Name    string `json:"name"`
			NewTag  string `json:"newTag"`
			NewName string `json:"newName,omitempty"`
		} `json:"images"`
	}
	if err := yaml.UnmarshalStrict(content, &kustomization); err != nil {
		t.Fatal(err)
	}
	resources := append([]string{}, kustomization.Resources...)
	files := append([]string{}, load(t).files...)
	sort.Strings(resources)
	sort.Strings(files)
	if strings.Join(resources, " ") != strings.Join(files, " ") {
		t.Errorf("kustomization resources %q, manifests %q", resources, files)
	}
}
