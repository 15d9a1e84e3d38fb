package proxy

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/emptypb"
)

// fakeKeywardd stands in for keywardd: it accepts every method, records what
// reached it, and answers as told. Like keywardd, it sends back the call's
// x-request-id, or "fake-request-id" when none came.
type fakeKeywardd struct {
	mu       sync.Mutex
	calls    []call
	answer   *status.Status // nil: OK with an empty response
	trailers metadata.MD
}

type call struct {
	method   string
	metadata metadata.MD
}

func (f *fakeKeywardd) handle(_ any, stream grpc.ServerStream) error {
	method, _ := grpc.MethodFromServerStream(stream)
	md, _ := metadata.FromIncomingContext(stream.Context())
	if err := stream.RecvMsg(&emptypb.Empty{}); err != nil {
		return err
	}
	f.mu.Lock()
	f.calls = append(f.calls, call{method: method, metadata: md})
	answer, trailers := f.answer, f.trailers
	f.mu.Unlock()
	requestID := "fake-request-id"
	if given := md.Get("x-request-id"); len(given) == 1 {
		requestID = given[0]
	}
	if err := stream.SetHeader(metadata.Pairs("x-request-id", requestID)); err != nil {
		return err
	}
	if trailers != nil {
		stream.SetTrailer(trailers)
	}
	if answer != nil {
		return answer.Err()
	}
	return stream.SendMsg(&emptypb.Empty{})
}

func (f *fakeKeywardd) lastCall(t *testing.T) call {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) == 0 {
		t.Fatal("no call reached keywardd")
	}
	return f.calls[len(f.calls)-1]
}

// answerWith makes every later call fail with answer (nil: succeed).
func (f *fakeKeywardd) answerWith(answer *status.Status) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer = answer
}

// trailWith makes every later call end with these trailing metadata.
func (f *fakeKeywardd) trailWith(trailers metadata.MD) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.trailers = trailers
}

func (f *fakeKeywardd) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// newGateway serves the gateway in front of a fresh fakeKeywardd.
func newGateway(t *testing.T, options Options) (*httptest.Server, *fakeKeywardd) {
	t.Helper()
	fake := &fakeKeywardd{}
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer(grpc.UnknownServiceHandler(fake.handle))
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(server.Stop)

	conn, err := grpc.NewClient("passthrough:///keywardd", append(CallOptions(),
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return listener.DialContext(ctx)
		}),
		grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if options.MaxBodyBytes == 0 {
		options.MaxBodyBytes = 64 << 10
	}
	if options.CallTimeout == 0 {
		options.CallTimeout = 10 * time.Second
	}
	handler, err := New(context.Background(), conn, options)
	if err != nil {
		t.Fatal(err)
	}
	gateway := httptest.NewServer(handler)
	t.Cleanup(gateway.Close)
	return gateway, fake
}

func do(t *testing.T, request *http.Request) *http.Response {
	t.Helper()
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { response.Body.Close() })
	return response
}
