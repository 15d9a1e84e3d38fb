package monitoring

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/prometheus/promql/promqltest"
)

// Each alert's condition, evaluated by Prometheus' own engine over series
// like keywardd's: true in the trouble it is for, false in a healthy (or
// merely busy) cluster. (`for:` then holds it; rulefmt checked its syntax.)
// Histograms have buckets past 1 s, as keywardd's do: histogram_quantile
// cannot report more than the largest finite bucket.
func TestEachAlertFiresInItsTroubleAndOnlyThere(t *testing.T) {
	const k = `job="keywardd",instance="10.0.0.1:9464"`
	cases := []struct {
		alert, trouble, healthy string
	}{
		{"KeywardHighGrpcErrorRatio",
			`keyward_grpc_requests_total{` + k + `,method="m",code="OK"} 0+90x40
			 keyward_grpc_requests_total{` + k + `,method="m",code="UNAVAILABLE"} 0+10x40`,
			// Callers' own mistakes are not the server's errors.
			`keyward_grpc_requests_total{` + k + `,method="m",code="OK"} 0+50x40
			 keyward_grpc_requests_total{` + k + `,method="m",code="PERMISSION_DENIED"} 0+49x40
			 keyward_grpc_requests_total{` + k + `,method="m",code="INTERNAL"} 0+1x40`},
		{"KeywardOpaUnavailable",
			// A hung OPA: every decision times out.
			`keyward_opa_errors_total{` + k + `,kind="timeout"} 0+3x40
			 keyward_opa_decision_duration_seconds_count{` + k + `} 0+3x40`,
			// One error a minute and a half ago among many decisions.
			`keyward_opa_errors_total{` + k + `,kind="unavailable"} 0x38 1x2
			 keyward_opa_decision_duration_seconds_count{` + k + `} 0+60x40`},
		{"KeywardRevocationLagHigh",
			`keyward_revocation_lag_seconds_bucket{` + k + `,le="0.1"} 0+1x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="1"} 0+2x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="2.5"} 0+10x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="+Inf"} 0+10x40`,
			`keyward_revocation_lag_seconds_bucket{` + k + `,le="0.1"} 0+99x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="1"} 0+100x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="2.5"} 0+100x40
			 keyward_revocation_lag_seconds_bucket{` + k + `,le="+Inf"} 0+100x40`},
		{"KeywardRevocationListenerDisconnected",
			`keyward_revocation_listener_connected{` + k + `} 1x10 0x30`,
			`keyward_revocation_listener_connected{` + k + `} 0x3 1x37`},
		{"KeywardDatabasePoolWaitTimeouts",
			`keyward_db_pool_wait_timeouts_total{` + k + `} 0+2x40`,
			`keyward_db_pool_wait_timeouts_total{` + k + `} 7+0x40
			 keyward_db_pool_waits_total{` + k + `} 0+100x40`},
		{"KeywardReplicaDown",
			`up{` + k + `} 1x10 0x30
			 up{job="keywardd",instance="10.0.0.2:9464"} 1x40`,
			`up{` + k + `} 1x40
			 up{job="keyward-gateway",instance="10.0.0.3:9465"} 1x40`},
		{"KeywardNoReplicaUp",
			`up{` + k + `} 0x40
			 up{job="keywardd",instance="10.0.0.2:9464"} 0x40
			 up{job="keyward-gateway",instance="10.0.0.3:9465"} 1x40`,
			`up{` + k + `} 0x40
			 up{job="keywardd",instance="10.0.0.2:9464"} 1x40`},
	}
	exprs := map[string]string{}
	for _, group := range rules(t).Groups {
		for _, rule := range group.Rules {
			exprs[rule.Alert] = rule.Expr
		}
	}
	engine := promqltest.NewTestEngine(t, false, 5*time.Minute, 1_000_000)
	fires := func(alert, series string) bool {
		storage := promqltest.LoadedStorage(t, "load 1m\n"+series)
		defer storage.Close()
		query, err := engine.NewInstantQuery(context.Background(), storage, nil, exprs[alert], time.Unix(0, 0).Add(40*time.Minute))
		if err != nil {
			t.Fatalf("%s: %v", alert, err)
		}
		defer query.Close()
		result := query.Exec(context.Background())
		if result.Err != nil {
			t.Fatalf("%s: %v", alert, result.Err)
		}
		vector, err := result.Vector()
		if err != nil {
			t.Fatalf("%s: %v", alert, err)
		}
		return len(vector) > 0
	}
	for _, c := range cases {
		if _, ok := exprs[c.alert]; !ok {
			t.Errorf("no alert %s", c.alert)
			continue
		}
		if !fires(c.alert, c.trouble) {
			t.Errorf("%s does not fire in its trouble", c.alert)
		}
		if fires(c.alert, c.healthy) {
			t.Errorf("%s fires in a healthy cluster", c.alert)
		}
	}
	if len(cases) != len(exprs) {
		t.Errorf("%d alerts, %d tested here", len(exprs), len(cases))
	}
}
