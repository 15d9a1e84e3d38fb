// Package upstream is the gateway's connection to keywardd.
package upstream

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	"keyward.dev/gateway/internal/proxy"
)

// Settings say how to reach keywardd: the PEM files of keywardd's own TLS
// settings, seen from the client side, as the CLI takes them.
type Settings struct {
	Address  string // host:port
	CAFile   string // CA of keywardd's certificate; empty: plaintext
	CertFile string // client certificate for mTLS (with KeyFile)
	KeyFile  string
}

// Dial returns a lazily connecting client of keywardd.
func Dial(settings Settings) (*grpc.ClientConn, error) {
	creds, err := transportCredentials(settings)
	if err != nil {
		return nil, err
	}
	options := append(proxy.CallOptions(), grpc.WithTransportCredentials(creds))
	conn, err := grpc.NewClient(settings.Address, options...)
	if err != nil {
		return nil, fmt.Errorf("keywardd at %s: %w", settings.Address, err)
	}
	return conn, nil
}

func transportCredentials(settings Settings) (credentials.TransportCredentials, error) {
	if settings.CAFile == "" {
		return insecure.NewCredentials(), nil
	}
	pem, err := os.ReadFile(settings.CAFile)
	if err != nil {
		return nil, err
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", settings.CAFile)
	}
	tlsConfig := &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	if settings.CertFile != "" {
		certificate, err := tls.LoadX509KeyPair(settings.CertFile, settings.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("client certificate: %w", err)
		}
		tlsConfig.Certificates = []tls.Certificate{certificate}
	}
	return credentials.NewTLS(tlsConfig), nil
}
