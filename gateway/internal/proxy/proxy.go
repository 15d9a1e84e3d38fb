// Package proxy is the HTTP/JSON face of keywardd: grpc-gateway's reverse
// proxy for every keyward.v1 route, with Keyward's error mapping, policy
// headers, body limit and CORS around it.
package proxy

import (
	"context"
	"net/http"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"

	keywardv1 "keyward.dev/gateway/gen/keyward/v1"
	"keyward.dev/gateway/internal/openapi"
)

// Options are the gateway's own limits; the routes come from the protos.
type Options struct {
	// Largest request body accepted; larger ones get 413.
	MaxBodyBytes int64
	// Origins whose pages may call the API from a browser; none: CORS off.
	CORSOrigins []string
	// Deadline of each call to keywardd.
	CallTimeout time.Duration
	// IP addresses of proxies in front of the gateway whose X-Forwarded-For
	// is passed on; anybody else's is dropped.
	TrustedProxies []string
	// Run around the handler of every route, with the pattern matched in the
	// request's context (runtime.HTTPPattern): the gateway's metrics.
	RouteMiddlewares []runtime.Middleware
}

// Services are every keyward.v1 service the gateway serves: a service
// missing here has no routes (proxy_test checks that none is missing).
var Services = []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
	keywardv1.RegisterAccountServiceHandler,
	keywardv1.RegisterApiKeyServiceHandler,
	keywardv1.RegisterAuditServiceHandler,
	keywardv1.RegisterComplianceServiceHandler,
	keywardv1.RegisterEnvironmentServiceHandler,
	keywardv1.RegisterEventServiceHandler,
	keywardv1.RegisterResourceServiceHandler,
	keywardv1.RegisterRoleBindingServiceHandler,
	keywardv1.RegisterWebhookServiceHandler,
}

// Field names in JSON are lowerCamelCase (as in the OpenAPI document); both
// spellings are accepted. An unknown field is a 400 naming it, not ignored.
var jsonMarshaler = &runtime.JSONPb{
	MarshalOptions:   protojson.MarshalOptions{EmitUnpopulated: true},
	UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
}

// New returns the handler serving the API through conn, GET /openapi.json and
// GET /healthz (keywardd's gRPC health, as 200 or 503).
func New(ctx context.Context, conn *grpc.ClientConn, options Options) (http.Handler, error) {
	mux := runtime.NewServeMux(
		// First: the options after it that add routes (healthz) get them too.
		runtime.WithMiddlewares(options.RouteMiddlewares...),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, jsonMarshaler),
		runtime.WithErrorHandler(writeError),
		runtime.WithForwardResponseOption(exposeDecision),
		// Only Authorization reaches keywardd (grpc-gateway forwards it
		// itself), with the x-forwarded-for the gateway appends the client's
		// address to, and X-Request-Id (keywardd checks it and logs it); no
		// other header is turned into metadata. keywardd's x-request-id comes
		// back as X-Request-Id.
		runtime.WithIncomingHeaderMatcher(forwardRequestID),
		runtime.WithOutgoingHeaderMatcher(forwardRequestID),
		runtime.WithOutgoingTrailerMatcher(forwardNothing),
		runtime.WithHealthzEndpoint(healthpb.NewHealthClient(conn)),
		// A method is the request's method: no X-HTTP-Method-Override.
		runtime.WithDisableHTTPMethodOverride(),
		runtime.SetQueryParameterParser(&strictQueryParser{}),
		runtime.WithRoutingErrorHandler(writeRoutingError),
	)
	for _, register := range Services {
		if err := register(ctx, mux, conn); err != nil {
			return nil, err
		}
	}
	if err := mux.HandlePath(http.MethodGet, "/openapi.json", serveOpenAPI); err != nil {
		return nil, err
	}
	var handler http.Handler = mux
	handler = withDeadline(options.CallTimeout, handler)
	handler = limitBody(options.MaxBodyBytes, handler)
	handler = requireJSON(handler)
	handler = refuseQueryOnWrites(handler)
	handler = dropUntrustedForwarding(options.TrustedProxies, handler)
	handler = allowCORS(options.CORSOrigins, handler)
	handler = neverSniffedNorStored(handler)
	return handler, nil
}

func forwardNothing(string) (string, bool) { return "", false }

func forwardRequestID(key string) (string, bool) {
	switch key {
	case "X-Request-Id":
		return "x-request-id", true
	case "x-request-id":
		return "X-Request-Id", true
	}
	return "", false
}

func serveOpenAPI(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openapi.Document)
}

// neverSniffedNorStored tells browsers to take every answer for the
// Content-Type it declares (JSON), never to guess a script or page in it, and
// tells every cache on the way to keep no copy: answers hold keys' metadata,
// a new key's secret, and state that a cached copy would show stale.
func neverSniffedNorStored(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// streamingPaths are the routes of server streams (newline-delimited JSON),
// which last as long as the client keeps them open.
var streamingPaths = map[string]bool{"/v1/events:watch": true}

// withDeadline gives every call the gateway's deadline; a client's own
// Grpc-Timeout header, which grpc-gateway would honour, is dropped. A stream
// gets no deadline, and the server's read timeout, which would end it, is
// lifted for its connection.
func withDeadline(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Grpc-Timeout")
		if r.Method == http.MethodGet && streamingPaths[r.URL.Path] {
			_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
