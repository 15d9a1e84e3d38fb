// Checks the alert rules as `promtool check rules` does (rulefmt: structure,
// durations, every expr parsed, label and annotation templates expanded),
// parses every dashboard query with the same PromQL parser, and holds both to
// the metric names keywardd and keyward-gateway export (metricnames).
package monitoring

import (
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"

	"keyward.dev/deploy/metricnames"
)

var promql = parser.NewParser(parser.Options{})

func rules(t *testing.T) *rulefmt.RuleGroups {
	t.Helper()
	groups, errs := rulefmt.ParseFile("alerts.yaml", false, model.UTF8Validation, promql,
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, err := range errs {
		t.Error(err)
	}
	if groups == nil {
		t.FailNow()
	}
	return groups
}

// seriesNames are the metric names expr selects.
func seriesNames(t *testing.T, expr string) []string {
	t.Helper()
	parsed, err := promql.ParseExpr(expr)
	if err != nil {
		t.Errorf("%q: %v", expr, err)
		return nil
	}
	var names []string
	parser.Inspect(parsed, func(node parser.Node, _ []parser.Node) error {
		if selector, ok := node.(*parser.VectorSelector); ok {
			names = append(names, selector.Name)
		}
		return nil
	})
	return names
}

func TestAlertRulesAreValidAndUseOnlyExportedMetrics(t *testing.T) {
	for _, group := range rules(t).Groups {
		for _, rule := range group.Rules {
			if rule.Alert == "" {
				t.Errorf("%s: a recording rule (%s); this file holds alerts", group.Name, rule.Record)
				continue
			}
			for _, name := range seriesNames(t, rule.Expr) {
				if !metricnames.Known(name) {
					t.Errorf("%s uses %q, which neither keywardd nor the gateway exports", rule.Alert, name)
				}
			}
			if rule.Labels["severity"] != "warning" && rule.Labels["severity"] != "critical" {
				t.Errorf("%s: severity %q, want warning or critical", rule.Alert, rule.Labels["severity"])
			}
			if rule.Annotations["summary"] == "" || rule.Annotations["description"] == "" {
				t.Errorf("%s lacks a summary or a description", rule.Alert)
			}
			if time.Duration(rule.For) <= 0 {
				t.Errorf("%s has no `for:`: one bad scrape would page", rule.Alert)
			}
		}
	}
}

func TestTheAlertsTheIssueAsksForAreThere(t *testing.T) {
	want := map[string][]string{
		"KeywardHighGrpcErrorRatio":             {"keyward_grpc_requests_total", "INTERNAL", "UNAVAILABLE", "UNKNOWN", "DEADLINE_EXCEEDED"},
		"KeywardOpaUnavailable":                 {"keyward_opa_errors_total", "keyward_opa_decision_duration_seconds_count", "> 0.1"},
		"KeywardRevocationLagHigh":              {"histogram_quantile(0.99", "keyward_revocation_lag_seconds_bucket", "> 1"},
		"KeywardRevocationListenerDisconnected": {"keyward_revocation_listener_connected", "== 0"},
		"KeywardDatabasePoolWaitTimeouts":       {"keyward_db_pool_wait_timeouts_total"},
		"KeywardReplicaDown":                    {"up{", "== 0"},
	}
	have := map[string]string{}
	for _, group := range rules(t).Groups {
		for _, rule := range group.Rules {
			have[rule.Alert] = rule.Expr
		}
	}
	for alert, fragments := range want {
		expr, ok := have[alert]
		if !ok {
			t.Errorf("no alert %s", alert)
			continue
		}
		for _, fragment := range fragments {
			if !strings.Contains(expr, fragment) {
				t.Errorf("%s: %q lacks %q", alert, expr, fragment)
			}
		}
	}
}

func TestAnUnknownMetricOrBadQueryIsCaught(t *testing.T) {
	if metricnames.Known("keyward_grpc_request_total") || !metricnames.Known("keyward_opa_decision_duration_seconds_bucket") ||
		metricnames.Known("keyward_opa_errors_total_bucket") {
		t.Error("metricnames.Known does not tell exported names from others")
	}
	_, errs := rulefmt.Parse([]byte("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: rate(up[5m]\n"),
		false, model.UTF8Validation, promql, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if len(errs) == 0 {
		t.Error("rulefmt accepted a query that does not parse")
	}
}

// Grafana's own variables stand for a range in a query.
var grafanaRange = regexp.MustCompile(`\$__(rate_interval|interval|range)\b`)

type dashboard struct {
	Title  string `json:"title"`
	UID    string `json:"uid"`
	Panels []struct {
		Type    string `json:"type"`
		Title   string `json:"title"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

func TestDashboardQueriesParseAndUseOnlyExportedMetrics(t *testing.T) {
	content, err := os.ReadFile("dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	decoder := json.NewDecoder(strings.NewReader(string(content)))
	if err := decoder.Decode(&d); err != nil {
		t.Fatal(err)
	}
	if d.Title == "" || d.UID == "" {
		t.Error("the dashboard has no title or uid")
	}
	used := map[string]bool{}
	for _, panel := range d.Panels {
		if panel.Type != "row" && len(panel.Targets) == 0 {
			t.Errorf("panel %q has no query", panel.Title)
		}
		for _, target := range panel.Targets {
			for _, name := range seriesNames(t, grafanaRange.ReplaceAllString(target.Expr, "5m")) {
				used[name] = true
				if !metricnames.Known(name) {
					t.Errorf("panel %q uses %q, which neither keywardd nor the gateway exports", panel.Title, name)
				}
			}
		}
	}
	// Every metric is on the dashboard: one left off is one nobody looks at.
	var missing []string
	for _, metrics := range []map[string]metricnames.Type{metricnames.Keywardd, metricnames.Gateway} {
		for name, kind := range metrics {
			if kind == metricnames.Histogram {
				if !used[name+"_bucket"] {
					missing = append(missing, name)
				}
			} else if !used[name] {
				missing = append(missing, name)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("not on the dashboard: %v", missing)
	}
}
