// Package metricnames is the list of metric names keywardd and
// keyward-gateway export (the binding list of issue 17, DESIGN.md §7): the
// dashboard and alert rules may use these and no others
// (monitoring/monitoring_test.go), and an end-to-end test can check that a
// real scrape holds every one.
package metricnames

import "strings"

// Type is how a metric's samples are named: a histogram's are NAME_bucket,
// NAME_sum and NAME_count.
type Type int

const (
	Counter Type = iota
	Gauge
	Histogram
)

// Keywardd are keywardd's metrics (KEYWARD_METRICS_LISTEN, /metrics).
var Keywardd = map[string]Type{
	"keyward_build_info":                      Gauge,
	"keyward_grpc_requests_total":             Counter,
	"keyward_grpc_request_duration_seconds":   Histogram,
	"keyward_verify_total":                    Counter,
	"keyward_verification_cache_hits_total":   Counter,
	"keyward_verification_cache_misses_total": Counter,
	"keyward_verification_cache_entries":      Gauge,
	"keyward_revocation_lag_seconds":          Histogram,
	"keyward_revocation_listener_connected":   Gauge,
	"keyward_opa_decision_duration_seconds":   Histogram,
	"keyward_opa_errors_total":                Counter,
	"keyward_db_pool_connections":             Gauge,
	"keyward_db_pool_waits_total":             Counter,
	"keyward_db_pool_wait_timeouts_total":     Counter,
	"keyward_auth_failures_total":             Counter,
}

// Gateway are keyward-gateway's own metrics (KEYWARD_GATEWAY_METRICS_LISTEN);
// Go's go_* and process_* collectors come with them.
var Gateway = map[string]Type{
	"keyward_gateway_http_requests_total":           Counter,
	"keyward_gateway_http_request_duration_seconds": Histogram,
}

// Prometheus are the series Prometheus itself writes for every target.
var Prometheus = map[string]Type{
	"up": Gauge,
}

// Known says whether series is a sample name of a listed metric.
func Known(series string) bool {
	for _, metrics := range []map[string]Type{Keywardd, Gateway, Prometheus} {
		if _, ok := metrics[series]; ok {
			return true
		}
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if name, cut := strings.CutSuffix(series, suffix); cut && metrics[name] == Histogram {
				return true
			}
		}
	}
	return false
}
