package upstream

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

type authority struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	dir  string
}

func newAuthority(t *testing.T) *authority {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	template := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	ca := &authority{cert: cert, key: key, dir: t.TempDir()}
	ca.write(t, "ca.pem", "CERTIFICATE", der)
	return ca
}

func (ca *authority) write(t *testing.T, name, kind string, der []byte) string {
	t.Helper()
	path := filepath.Join(ca.dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// issue returns a leaf certificate for 127.0.0.1 and the paths of its PEM files.
func (ca *authority) issue(t *testing.T, name string, usage x509.ExtKeyUsage) (tls.Certificate, string, string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	template := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	certFile := ca.write(t, name+".pem", "CERTIFICATE", der)
	keyFile := ca.write(t, name+"-key.pem", "EC PRIVATE KEY", keyDER)
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	return pair, certFile, keyFile
}

// serveHealth starts a gRPC server with TLS (requiring a client certificate
// from clientCA when it is set) and returns its address.
func serveHealth(t *testing.T, serverCert tls.Certificate, clientCA *authority) string {
	t.Helper()
	config := &tls.Config{Certificates: []tls.Certificate{serverCert}}
	if clientCA != nil {
		pool := x509.NewCertPool()
		pool.AddCert(clientCA.cert)
		config.ClientCAs, config.ClientAuth = pool, tls.RequireAndVerifyClientCert
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(grpc.Creds(credentials.NewTLS(config)))
	healthpb.RegisterHealthServer(server, health.NewServer())
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)
	return listener.Addr().String()
}

func check(t *testing.T, settings Settings) error {
	t.Helper()
	conn, err := Dial(settings)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	return err
}

func TestTLSTrustsOnlyTheConfiguredCA(t *testing.T) {
	ca := newAuthority(t)
	serverCert, _, _ := ca.issue(t, "keywardd", x509.ExtKeyUsageServerAuth)
	address := serveHealth(t, serverCert, nil)
	if err := check(t, Settings{Address: address, CAFile: filepath.Join(ca.dir, "ca.pem")}); err != nil {
		t.Fatalf("TLS with keywardd's CA: %v", err)
	}
	other := newAuthority(t)
	err := check(t, Settings{Address: address, CAFile: filepath.Join(other.dir, "ca.pem")})
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("a certificate from another CA was accepted: %v", err)
	}
}

func TestMutualTLSPresentsTheClientCertificate(t *testing.T) {
	ca := newAuthority(t)
	serverCert, _, _ := ca.issue(t, "keywardd", x509.ExtKeyUsageServerAuth)
	address := serveHealth(t, serverCert, ca)
	_, certFile, keyFile := ca.issue(t, "gateway", x509.ExtKeyUsageClientAuth)
	caFile := filepath.Join(ca.dir, "ca.pem")
	if err := check(t, Settings{Address: address, CAFile: caFile, CertFile: certFile, KeyFile: keyFile}); err != nil {
		t.Fatalf("mTLS with a client certificate: %v", err)
	}
	if err := check(t, Settings{Address: address, CAFile: caFile}); status.Code(err) != codes.Unavailable {
		t.Fatalf("keywardd requiring a client certificate accepted none: %v", err)
	}
}

func TestUnusableFilesAreRefusedAtStart(t *testing.T) {
	dir := t.TempDir()
	caFile := filepath.Join(newAuthority(t).dir, "ca.pem")
	notPEM := filepath.Join(dir, "ca.pem")
	_ = os.WriteFile(notPEM, []byte("not a certificate"), 0o600)
	for name, settings := range map[string]Settings{
		"missing CA":  {Address: "127.0.0.1:1", CAFile: filepath.Join(dir, "absent.pem")},
		"CA not PEM":  {Address: "127.0.0.1:1", CAFile: notPEM},
		"bad keypair": {Address: "127.0.0.1:1", CAFile: caFile, CertFile: notPEM, KeyFile: notPEM},
	} {
		if _, err := Dial(settings); err == nil {
			t.Errorf("%s: Dial succeeded", name)
		}
	}
}
