package proxy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	_ "keyward.dev/gateway/gen/keyward/v1"
	"keyward.dev/gateway/internal/openapi"
)

type route struct {
	method     string // full gRPC method, /keyward.v1.ApiKeyService/GetApiKey
	operation  string // OpenAPI operationId, ApiKeyService_GetApiKey
	httpMethod string
	pattern    string // /v1/api-keys/{id}
}

// keywardRoutes walks the descriptors of every keyward.v1 service and returns
// the HTTP route of each RPC; an RPC without one fails the test.
func keywardRoutes(t *testing.T) []route {
	t.Helper()
	var routes []route
	protoregistry.GlobalFiles.RangeFilesByPackage("keyward.v1", func(file protoreflect.FileDescriptor) bool {
		for i := 0; i < file.Services().Len(); i++ {
			service := file.Services().Get(i)
			for j := 0; j < service.Methods().Len(); j++ {
				method := service.Methods().Get(j)
				rule, _ := proto.GetExtension(method.Options(), annotations.E_Http).(*annotations.HttpRule)
				r := route{
					method:    fmt.Sprintf("/%s/%s", service.FullName(), method.Name()),
					operation: fmt.Sprintf("%s_%s", service.Name(), method.Name()),
				}
				switch pattern := rule.GetPattern().(type) {
				case *annotations.HttpRule_Get:
					r.httpMethod, r.pattern = http.MethodGet, pattern.Get
				case *annotations.HttpRule_Post:
					r.httpMethod, r.pattern = http.MethodPost, pattern.Post
				case *annotations.HttpRule_Patch:
					r.httpMethod, r.pattern = http.MethodPatch, pattern.Patch
				case *annotations.HttpRule_Delete:
					r.httpMethod, r.pattern = http.MethodDelete, pattern.Delete
				default:
					t.Errorf("%s has no google.api.http route", r.method)
					continue
				}
				routes = append(routes, r)
			}
		}
		return true
	})
	if len(routes) < 27 {
		t.Fatalf("found only %d keyward.v1 RPCs; are the generated protos linked?", len(routes))
	}
	return routes
}

var pathParameter = regexp.MustCompile(`\{[^}]+\}`)

// Every RPC's route reaches exactly that RPC: a service whose handlers are
// not registered, or two routes that shadow each other, fail here.
func TestEveryRPCIsReachableByItsRoute(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	for _, r := range keywardRoutes(t) {
		path := pathParameter.ReplaceAllString(r.pattern, "ABCDEFGHIJKLMNOP")
		var body *strings.Reader
		if r.httpMethod == http.MethodPost || r.httpMethod == http.MethodPatch {
			body = strings.NewReader("{}")
		} else {
			body = strings.NewReader("")
		}
		request, _ := http.NewRequest(r.httpMethod, gateway.URL+path, body)
		request.Header.Set("Content-Type", "application/json")
		response := do(t, request)
		if response.StatusCode != http.StatusOK {
			t.Errorf("%s %s: status %d, want 200", r.httpMethod, path, response.StatusCode)
			continue
		}
		if got := fake.lastCall(t).method; got != r.method {
			t.Errorf("%s %s reached %s, want %s", r.httpMethod, path, got, r.method)
		}
	}
}

// The OpenAPI document a client is generated from lists every route.
func TestOpenAPIDocumentListsEveryRoute(t *testing.T) {
	var document struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
		} `json:"paths"`
		Components struct {
			SecuritySchemes map[string]struct {
				Type, Scheme string
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openapi.Document, &document); err != nil {
		t.Fatalf("the OpenAPI document does not parse: %v", err)
	}
	if !strings.HasPrefix(document.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", document.OpenAPI)
	}
	if basic := document.Components.SecuritySchemes["basicAuth"]; basic.Type != "http" || basic.Scheme != "basic" {
		t.Errorf("Basic authentication is not declared: %+v", document.Components.SecuritySchemes)
	}
	routes := keywardRoutes(t)
	for _, r := range routes {
		operation, ok := document.Paths[r.pattern][strings.ToLower(r.httpMethod)]
		if !ok {
			t.Errorf("%s %s (%s) is not in the OpenAPI document", r.httpMethod, r.pattern, r.method)
			continue
		}
		if operation.OperationID != r.operation {
			t.Errorf("%s %s: operationId %q, want %q", r.httpMethod, r.pattern, operation.OperationID, r.operation)
		}
	}
	operations := 0
	for _, path := range document.Paths {
		operations += len(path)
	}
	if operations != len(routes) {
		t.Errorf("the document has %d operations, the protos %d routes", operations, len(routes))
	}
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	gateway, _ := newGateway(t, Options{})
	response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/openapi.json", ""))
	if response.StatusCode != http.StatusOK || response.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json: %d %s", response.StatusCode, response.Header.Get("Content-Type"))
	}
	var document map[string]any
	if err := json.NewDecoder(response.Body).Decode(&document); err != nil {
		t.Fatal(err)
	}
}

func mustRequest(t *testing.T, method, url, body string) *http.Request {
	t.Helper()
	request, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost || method == http.MethodPatch {
		request.Header.Set("Content-Type", "application/json")
	}
	return request
}
