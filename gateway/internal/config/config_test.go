package config

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func env(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

func TestDefaultsServeLoopbackInFrontOfALocalKeywardd(t *testing.T) {
	c, err := Load(nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:8080" || c.Upstream != "127.0.0.1:50051" || c.TLSCA != "" ||
		len(c.CORSOrigins) != 0 || c.MaxBodyBytes != 65536 || c.CallTimeout != 10*time.Second {
		t.Errorf("defaults %+v", c)
	}
}

func TestAFlagBeatsItsEnvironmentVariable(t *testing.T) {
	c, err := Load([]string{"--listen", "127.0.0.1:9999"},
		env(map[string]string{"KEYWARD_HTTP_LISTEN": "0.0.0.0:8080", "KEYWARD_URL": "keywardd:50051"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9999" || c.Upstream != "keywardd:50051" {
		t.Errorf("%+v", c)
	}
}

func TestCORSOriginsAreExactOrigins(t *testing.T) {
	c, err := Load(nil, env(map[string]string{
		"KEYWARD_HTTP_CORS_ORIGINS": "https://A.example.com/, http://localhost:5173"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.CORSOrigins, " ") != "https://a.example.com http://localhost:5173" {
		t.Errorf("origins %q", c.CORSOrigins)
	}
	for _, bad := range []string{"*", "portal.example.com", "https://portal.example.com/app", "https://x?y=1"} {
		_, err := Load([]string{"--cors-origins", bad}, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--cors-origins") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestBadSettingsAreRefusedNamingTheSetting(t *testing.T) {
	cases := map[string][]string{
		"--max-body-bytes":      {"--max-body-bytes", "12"},
		"--call-timeout":        {"--call-timeout", "soon"},
		"--tls-client-key-file": {"--tls-ca", "ca.pem", "--tls-client-cert-file", "c.pem"},
		"needs --tls-ca":        {"--tls-client-cert-file", "c.pem", "--tls-client-key-file", "k.pem"},
		"--http-tls-key-file":   {"--http-tls-cert-file", "c.pem"},
		"unexpected argument":   {"serve"},
	}
	for want, args := range cases {
		_, err := Load(args, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one naming %s", args, err, want)
		}
	}
}

func TestHelpListsEverySettingWithItsVariable(t *testing.T) {
	var help strings.Builder
	_, err := Load([]string{"--help"}, env(nil), &help)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("--help: %v", err)
	}
	for _, s := range settings(&Config{}) {
		if !strings.Contains(help.String(), "-"+s.flag) || !strings.Contains(help.String(), s.env) {
			t.Errorf("--help does not list --%s (%s)", s.flag, s.env)
		}
	}
}

func TestMetricsListenOnLoopbackByDefaultAndOffTurnsThemOff(t *testing.T) {
	c, err := Load(nil, env(nil), io.Discard)
	if err != nil || c.MetricsListen != "127.0.0.1:9465" {
		t.Errorf("default metrics address %q (%v)", c.MetricsListen, err)
	}
	c, err = Load(nil, env(map[string]string{"KEYWARD_GATEWAY_METRICS_LISTEN": "off"}), io.Discard)
	if err != nil || c.MetricsListen != "" {
		t.Errorf("off: metrics address %q (%v)", c.MetricsListen, err)
	}
}
