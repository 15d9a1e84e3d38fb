// Package config reads keyward-gateway's settings: each is a flag, else its
// environment variable, else its default, as with keywardd and the CLI.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"
)

// Config is what keyward-gateway needs to serve.
type Config struct {
	Listen         string        // HTTP address
	Upstream       string        // keywardd's gRPC address
	TLSCA          string        // PEM CA of keywardd's certificate: TLS to keywardd
	TLSClientCert  string        // PEM client certificate for keywardd (mTLS)
	TLSClientKey   string        // its private key
	HTTPTLSCert    string        // PEM certificate: serve HTTPS instead of HTTP
	HTTPTLSKey     string        // its private key
	CORSOrigins    []string      // browser origins allowed to call; none: CORS off
	MaxBodyBytes   int64         // largest request body
	CallTimeout    time.Duration // deadline of each call to keywardd
	ShutdownGrace  time.Duration // how long in-flight requests may finish on TERM
	ReadyFile      string        // written with the address served, once serving
	TrustedProxies []string      // peers whose X-Forwarded-For is passed on
	PortalDir      string        // the built portal (web/dist) to serve at /; empty: API only
	MetricsListen  string        // address of Prometheus' /metrics; empty: off
}

type setting struct {
	flag, env, def, usage string
	into                  func(string) error
}

func settings(c *Config) []setting {
	str := func(p *string) func(string) error {
		return func(v string) error { *p = v; return nil }
	}
	return []setting{
		{"listen", "KEYWARD_HTTP_LISTEN", "127.0.0.1:8080", "HTTP address to serve on", str(&c.Listen)},
		{"upstream", "KEYWARD_URL", "127.0.0.1:50051", "keywardd's gRPC address", str(&c.Upstream)},
		{"tls-ca", "KEYWARD_TLS_CA", "", "PEM CA certificate(s) of keywardd's certificate; turns TLS to keywardd on", str(&c.TLSCA)},
		{"tls-client-cert-file", "KEYWARD_TLS_CLIENT_CERT_FILE", "", "PEM client certificate presented to keywardd (mTLS), with --tls-client-key-file", str(&c.TLSClientCert)},
		{"tls-client-key-file", "KEYWARD_TLS_CLIENT_KEY_FILE", "", "PEM private key of that certificate", str(&c.TLSClientKey)},
		{"http-tls-cert-file", "KEYWARD_HTTP_TLS_CERT_FILE", "", "PEM certificate: serve HTTPS, with --http-tls-key-file", str(&c.HTTPTLSCert)},
		{"http-tls-key-file", "KEYWARD_HTTP_TLS_KEY_FILE", "", "PEM private key of that certificate", str(&c.HTTPTLSKey)},
		{"cors-origins", "KEYWARD_HTTP_CORS_ORIGINS", "", "comma-separated origins (https://portal.example.com) whose pages may call the API; empty: CORS off", func(v string) error {
			c.CORSOrigins = nil
			for _, origin := range strings.Split(v, ",") {
				if origin = strings.TrimSpace(origin); origin != "" {
					parsed, err := url.Parse(origin)
					if err != nil || parsed.Scheme == "" || parsed.Host == "" || strings.TrimSuffix(parsed.Path, "/") != "" ||
						parsed.RawQuery != "" || parsed.Fragment != "" {
						return fmt.Errorf("%q is not an origin like https://portal.example.com", origin)
					}
					// Browsers send origins in lower case.
					c.CORSOrigins = append(c.CORSOrigins, strings.ToLower(parsed.Scheme+"://"+parsed.Host))
				}
			}
			return nil
		}},
		{"trusted-proxies", "KEYWARD_HTTP_TRUSTED_PROXIES", "", "comma-separated IP addresses of proxies in front of the gateway whose X-Forwarded-For is passed on to keywardd; anybody else's is dropped", func(v string) error {
			c.TrustedProxies = nil
			for _, address := range strings.Split(v, ",") {
				if address = strings.TrimSpace(address); address != "" {
					if net.ParseIP(address) == nil {
						return fmt.Errorf("%q is not an IP address", address)
					}
					c.TrustedProxies = append(c.TrustedProxies, address)
				}
			}
			return nil
		}},
		{"max-body-bytes", "KEYWARD_HTTP_MAX_BODY_BYTES", "65536", "largest request body accepted; larger ones get 413", func(v string) error {
			var n int64
			if _, err := fmt.Sscan(v, &n); err != nil || n < 1024 || n > 4<<20 {
				return fmt.Errorf("%q is not a byte count in 1024..4194304", v)
			}
			c.MaxBodyBytes = n
			return nil
		}},
		{"call-timeout", "KEYWARD_HTTP_CALL_TIMEOUT", "10s", "deadline of each call to keywardd", duration(&c.CallTimeout)},
		{"shutdown-grace", "KEYWARD_HTTP_SHUTDOWN_GRACE", "10s", "on SIGTERM, how long requests in flight may finish", duration(&c.ShutdownGrace)},
		{"portal-dir", "KEYWARD_PORTAL_DIR", "", "directory of the built portal (web/dist) to serve at /; empty: the API only", str(&c.PortalDir)},
		{"metrics-listen", "KEYWARD_GATEWAY_METRICS_LISTEN", "127.0.0.1:9465", "address serving Prometheus metrics at /metrics, apart from the API; off: none", func(v string) error {
			c.MetricsListen = v
			if v == "off" {
				c.MetricsListen = ""
			}
			return nil
		}},
		{"ready-file", "KEYWARD_HTTP_READY_FILE", "", "once serving, write the address served (useful with port 0) to this file", str(&c.ReadyFile)},
	}
}

func duration(p *time.Duration) func(string) error {
	return func(v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration like 10s", v)
		}
		*p = d
		return nil
	}
}

// Load reads args (without the program name), falling back to getenv.
// --help prints every setting to output and returns flag.ErrHelp.
func Load(args []string, getenv func(string) string, output io.Writer) (Config, error) {
	var c Config
	flags := flag.NewFlagSet("keyward-gateway", flag.ContinueOnError)
	flags.SetOutput(output)
	all := settings(&c)
	values := make([]*string, len(all))
	for i, s := range all {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		values[i] = flags.String(s.flag, def, fmt.Sprintf("%s (env %s)", s.usage, s.env))
	}
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	if flags.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}
	for i, s := range all {
		if err := s.into(*values[i]); err != nil {
			return c, fmt.Errorf("--%s (%s): %w", s.flag, s.env, err)
		}
	}
	if (c.TLSClientCert == "") != (c.TLSClientKey == "") {
		return c, errors.New("--tls-client-cert-file and --tls-client-key-file go together")
	}
	if c.TLSClientCert != "" && c.TLSCA == "" {
		return c, errors.New("a client certificate (mTLS) needs --tls-ca: it is only sent over TLS")
	}
	if (c.HTTPTLSCert == "") != (c.HTTPTLSKey == "") {
		return c, errors.New("--http-tls-cert-file and --http-tls-key-file go together")
	}
	return c, nil
}
