package metrics

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
)

// gateway is the shape of keyward-gateway's handler: grpc-gateway routes
// and the portal, inside Instrument.
func gateway(t *testing.T, m *Metrics) http.Handler {
	t.Helper()
	mux := runtime.NewServeMux(runtime.WithMiddlewares(NameRoute))
	ok := func(w http.ResponseWriter, _ *http.Request, _ map[string]string) { _, _ = io.WriteString(w, "{}") }
	if err := mux.HandlePath(http.MethodGet, "/v1/api-keys/{id}", ok); err != nil {
		t.Fatal(err)
	}
	if err := mux.HandlePath(http.MethodDelete, "/v1/api-keys/{id}", func(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
		w.WriteHeader(http.StatusForbidden)
	}); err != nil {
		t.Fatal(err)
	}
	portal := Named("portal", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<html>") }))
	return m.Instrument(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/v1/") {
			portal.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

func serve(handler http.Handler, method, path string) int {
	request := httptest.NewRequest(method, path, nil)
	request.SetBasicAuth("Q2Y3XYQ73ZAOOEHL", "kwsec_TheSecretNobodyMaySee")
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, request)
	return recorder.Code
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	recorder := httptest.NewRecorder()
	m.Handler().ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if recorder.Code != http.StatusOK {
		t.Fatalf("scrape: %d", recorder.Code)
	}
	return recorder.Body.String()
}

func TestRequestsAreCountedByTheRouteTheyMatchedAndTheirCode(t *testing.T) {
	m := New()
	handler := gateway(t, m)
	serve(handler, http.MethodGet, "/v1/api-keys/Q2Y3XYQ73ZAOOEHL")
	serve(handler, http.MethodGet, "/v1/api-keys/KYJ8YI4QG5QQVU89")
	serve(handler, http.MethodDelete, "/v1/api-keys/KYJ8YI4QG5QQVU89")
	serve(handler, http.MethodGet, "/assets/index-1234.js")
	text := scrape(t, m)
	for _, want := range []string{
		`keyward_gateway_http_requests_total{code="200",route="GET /v1/api-keys/{id=*}"} 2`,
		`keyward_gateway_http_requests_total{code="403",route="DELETE /v1/api-keys/{id=*}"} 1`,
		`keyward_gateway_http_requests_total{code="200",route="portal"} 1`,
		`keyward_gateway_http_request_duration_seconds_count{route="GET /v1/api-keys/{id=*}"} 2`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("scrape lacks %s:\n%s", want, text)
		}
	}
}

func TestRandomPathsShareOneLabelValue(t *testing.T) {
	m := New()
	handler := gateway(t, m)
	for i := 0; i < 50; i++ {
		serve(handler, http.MethodGet, fmt.Sprintf("/v1/probe-%d/x", i))
		serve(handler, http.MethodPost, fmt.Sprintf("/v1/api-keys/%d", i)) // a route's path, another method
	}
	text := scrape(t, m)
	if !strings.Contains(text, `keyward_gateway_http_request_duration_seconds_count{route="unmatched"} 100`) {
		t.Errorf("random paths are not all counted as unmatched:\n%s", text)
	}
	if strings.Contains(text, "probe-") {
		t.Errorf("a raw path became a label value:\n%s", text)
	}
	series := 0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "keyward_gateway_http_requests_total{") {
			series++
		}
	}
	if series > 2 { // unmatched with 404, and with 405 where the mux says so
		t.Errorf("%d request series from one kind of request:\n%s", series, text)
	}
}

func TestTheScrapeHoldsNoKeyIdNorSecret(t *testing.T) {
	m := New()
	handler := gateway(t, m)
	serve(handler, http.MethodGet, "/v1/api-keys/Q2Y3XYQ73ZAOOEHL")
	serve(handler, http.MethodGet, "/Q2Y3XYQ73ZAOOEHL/kwsec_TheSecretNobodyMaySee")
	text := scrape(t, m)
	for _, secret := range []string{"Q2Y3XYQ73ZAOOEHL", "kwsec_", "TheSecretNobodyMaySee"} {
		if strings.Contains(text, secret) {
			t.Errorf("the scrape holds %q", secret)
		}
	}
	if !strings.Contains(text, "go_goroutines") || !strings.Contains(text, "process_") {
		t.Errorf("Go's default collectors are missing:\n%s", text)
	}
}
