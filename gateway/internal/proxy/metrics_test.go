package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"

	"keyward.dev/gateway/internal/metrics"
)

// The gateway's metrics see every route by the pattern it matched, streams
// included, and an unknown path as "unmatched".
func TestMetricsNameEachRouteByItsPattern(t *testing.T) {
	requestMetrics := metrics.New()
	gateway, _ := newGateway(t, Options{RouteMiddlewares: []runtime.Middleware{metrics.NameRoute}})
	gateway.Config.Handler = requestMetrics.Instrument(gateway.Config.Handler) // before any request
	for _, path := range []string{"/v1/api-keys/Q2Y3XYQ73ZAOOEHL", "/v1/api-keys/KYJ8YI4QG5QQVU89", "/v1/events:watch", "/v1/nothing-here/kwsec_x"} {
		request := mustRequest(t, http.MethodGet, gateway.URL+path, "")
		request.SetBasicAuth("Q2Y3XYQ73ZAOOEHL", "kwsec_secret")
		_, _ = io.Copy(io.Discard, do(t, request).Body)
	}
	recorder := httptest.NewRecorder()
	requestMetrics.Handler().ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	text := recorder.Body.String()
	for _, want := range []string{
		`keyward_gateway_http_requests_total{code="200",route="GET /v1/api-keys/{id=*}"} 2`,
		`keyward_gateway_http_requests_total{code="200",route="GET /v1/events:watch"} 1`,
		`keyward_gateway_http_requests_total{code="404",route="unmatched"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("scrape lacks %s", want)
		}
	}
	for _, secret := range []string{"Q2Y3XYQ73ZAOOEHL", "kwsec_", "nothing-here"} {
		if strings.Contains(text, secret) {
			t.Errorf("the scrape holds %q", secret)
		}
	}
}
