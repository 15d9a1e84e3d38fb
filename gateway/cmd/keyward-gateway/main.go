// keyward-gateway serves Keyward's HTTP/JSON API (and its OpenAPI document, and
// with --portal-dir the self-service portal at /)
// by forwarding each request to keywardd over gRPC. Settings: --help.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"

	"keyward.dev/gateway/internal/config"
	"keyward.dev/gateway/internal/metrics"
	"keyward.dev/gateway/internal/portal"
	"keyward.dev/gateway/internal/proxy"
	"keyward.dev/gateway/internal/upstream"
)

func main() {
	cfg, err := config.Load(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "keyward-gateway:", err)
		os.Exit(2)
	}
	if err := serve(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "keyward-gateway:", err)
		os.Exit(1)
	}
}

func serve(cfg config.Config) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	conn, err := upstream.Dial(upstream.Settings{
		Address: cfg.Upstream, CAFile: cfg.TLSCA, CertFile: cfg.TLSClientCert, KeyFile: cfg.TLSClientKey,
	})
	if err != nil {
		return err
	}
	defer conn.Close()

	requestMetrics := metrics.New()
	handler, err := proxy.New(ctx, conn, proxy.Options{
		MaxBodyBytes:     cfg.MaxBodyBytes,
		CORSOrigins:      cfg.CORSOrigins,
		CallTimeout:      cfg.CallTimeout,
		TrustedProxies:   cfg.TrustedProxies,
		RouteMiddlewares: []runtime.Middleware{metrics.NameRoute},
	})
	if err != nil {
		return err
	}
	if cfg.PortalDir != "" {
		files, err := portal.FromDir(cfg.PortalDir)
		if err != nil {
			return err
		}
		handler = portal.Mount(metrics.Named("portal", files), handler)
	}
	handler = requestMetrics.Instrument(handler)
	if cfg.MetricsListen != "" {
		metricsServer, err := serveMetrics(cfg.MetricsListen, requestMetrics)
		if err != nil {
			return err
		}
		defer metricsServer.Close()
	}
	listener, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	if cfg.HTTPTLSCert != "" {
		// Loaded now, so that a bad certificate stops the gateway before it
		// says it is ready.
		certificate, err := tls.LoadX509KeyPair(cfg.HTTPTLSCert, cfg.HTTPTLSKey)
		if err != nil {
			return fmt.Errorf("--http-tls-cert-file: %w", err)
		}
		server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{certificate}, MinVersion: tls.VersionTLS12}
	}
	served := make(chan error, 1)
	go func() {
		if server.TLSConfig != nil {
			served <- server.ServeTLS(listener, "", "")
		} else {
			served <- server.Serve(listener)
		}
	}()
	scheme := map[bool]string{false: "http", true: "https"}[cfg.HTTPTLSCert != ""]
	log.Printf("serving %s://%s, forwarding to keywardd at %s", scheme, listener.Addr(), cfg.Upstream)
	if cfg.PortalDir != "" {
		log.Printf("serving the portal from %s at %s://%s/", cfg.PortalDir, scheme, listener.Addr())
	}
	if cfg.ReadyFile != "" {
		if err := writeReadyFile(cfg.ReadyFile, listener.Addr().String()); err != nil {
			return err
		}
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop() // a second signal stops the gateway at once
	log.Printf("stopping: requests in flight have %s to finish", cfg.ShutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("requests still in flight after %s: %w", cfg.ShutdownGrace, err)
	}
	return nil
}

// serveMetrics serves /metrics on an address of its own, apart from the API,
// so that publishing the API never publishes the metrics.
func serveMetrics(address string, requestMetrics *metrics.Metrics) (*http.Server, error) {
	listener, err := net.Listen("tcp", address)
	if err != nil {
		return nil, fmt.Errorf("--metrics-listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", requestMetrics.Handler())
	server := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	go func() { _ = server.Serve(listener) }()
	log.Printf("serving metrics on http://%s/metrics", listener.Addr())
	return server, nil
}

// writeReadyFile replaces path at once (rename), so a reader never sees it half written.
func writeReadyFile(path, address string) error {
	temporary := path + ".tmp"
	if err := os.WriteFile(temporary, []byte(address+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(temporary, path)
}
