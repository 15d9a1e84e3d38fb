// Package metrics counts and times the gateway's HTTP requests for
// Prometheus, by route: the grpc-gateway pattern a request matched
// ("GET /v1/api-keys/{id=*}"), or a fixed name ("portal", "unmatched"),
// never its raw path, so no request can add a label value. Go's process and
// runtime collectors come with it. Safe for concurrent use.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Unmatched is the route of a request no route took: an unknown path or
// method, or one refused before routing (a body too large, not JSON).
const Unmatched = "unmatched"

// Metrics holds the gateway's collectors in a registry of its own.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// New registers the gateway's collectors and Go's default ones.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "keyward_gateway_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "keyward_gateway_http_request_duration_seconds",
			Help:    "Time from a request's arrival until its handler returned, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// route is where the handler that takes a request writes its route's name.
type route struct{ name string }

type routeKey struct{}

// Instrument counts and times every request next serves. Its route is
// Unmatched unless a handler inside names it (NameRoute, Named).
func (m *Metrics) Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		taken := &route{name: Unmatched}
		recorder := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(recorder, r.WithContext(context.WithValue(r.Context(), routeKey{}, taken)))
		m.requests.WithLabelValues(taken.name, strconv.Itoa(recorder.Status())).Inc()
		m.duration.WithLabelValues(taken.name).Observe(time.Since(start).Seconds())
	})
}

func nameRoute(ctx context.Context, name string) {
	if taken, ok := ctx.Value(routeKey{}).(*route); ok {
		taken.name = name
	}
}

// NameRoute is a grpc-gateway middleware naming each request's route after
// the pattern the mux matched, with its method.
func NameRoute(next runtime.HandlerFunc) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, pathParams map[string]string) {
		if pattern, ok := runtime.HTTPPattern(r.Context()); ok {
			nameRoute(r.Context(), r.Method+" "+pattern.String())
		}
		next(w, r, pathParams)
	}
}

// Named names the route of every request next serves: a fixed name for a
// handler whose paths are not grpc-gateway patterns (the portal's files).
func Named(name string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nameRoute(r.Context(), name)
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status code written; Unwrap lets
// http.ResponseController reach the connection (streams lift its deadline)
// and flush.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	if s.status == 0 {
		s.status = status
	}
	s.ResponseWriter.WriteHeader(status)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Flush() {
	if flusher, ok := s.ResponseWriter.(http.Flusher); ok {
		flusher.Flush()
	}
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Status is the code written, 200 when the handler wrote nothing.
func (s *statusRecorder) Status() int {
	if s.status == 0 {
		return http.StatusOK
	}
	return s.status
}
