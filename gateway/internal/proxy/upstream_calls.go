package proxy

import (
	"context"
	"io"
	"log"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// CallOptions are the dial options every connection to keywardd needs:
// calls carry only the caller's credentials and address, and a transport
// failure reads as one.
func CallOptions() []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithChainUnaryInterceptor(forwardOnlyCallerMetadata, hideTransportErrors),
		grpc.WithChainStreamInterceptor(forwardOnlyCallerMetadataToStream, hideTransportErrorsOfStream),
	}
}

// The metadata keywardd may receive: grpc-gateway also derives
// x-forwarded-host from the client's Host header, which keywardd has no use
// for and a client controls. x-request-id is checked by keywardd, which
// replaces a malformed one with its own.
var forwardedMetadata = []string{"authorization", "x-forwarded-for", "x-request-id"}

func forwardOnlyCallerMetadata(ctx context.Context, method string, request, reply any,
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, options ...grpc.CallOption) error {
	return invoker(onlyCallerMetadata(ctx), method, request, reply, conn, options...)
}

func forwardOnlyCallerMetadataToStream(ctx context.Context, desc *grpc.StreamDesc,
	conn *grpc.ClientConn, method string, streamer grpc.Streamer, options ...grpc.CallOption) (grpc.ClientStream, error) {
	return streamer(onlyCallerMetadata(ctx), desc, conn, method, options...)
}

func onlyCallerMetadata(ctx context.Context) context.Context {
	incoming, _ := metadata.FromOutgoingContext(ctx)
	outgoing := metadata.MD{}
	for _, key := range forwardedMetadata {
		if values := incoming.Get(key); len(values) > 0 {
			outgoing.Set(key, values...)
		}
	}
	return metadata.NewOutgoingContext(ctx, outgoing)
}

// keywardd's own UNAVAILABLE answers (proto/keyward/v1/common.proto): the
// database or the policy engine is down, and nothing was changed; or it is
// shutting down and ends its streams.
var keywarddUnavailable = []string{"database ", "policy engine ", "the server is shutting down"}

// hideTransportErrors rewords an UNAVAILABLE that grpc-go made up itself:
// its message names keywardd's address and the transport's error, which an
// HTTP client has no business seeing (the gateway's log keeps it). It also
// says what the client needs to know: whether the call may have happened.
func hideTransportErrors(ctx context.Context, method string, request, reply any,
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, options ...grpc.CallOption) error {
	var reached peer.Peer
	err := invoker(ctx, method, request, reply, conn, append(options, grpc.Peer(&reached))...)
	answer, _ := status.FromError(err)
	if err == nil || answer.Code() != codes.Unavailable || fromKeywardd(answer.Message()) {
		return err
	}
	log.Printf("%s: %v", method, err)
	if reached.Addr == nil {
		return status.Error(codes.Unavailable, "keywardd is unreachable; nothing was sent, try again later")
	}
	return status.Error(codes.Unavailable, "the connection to keywardd broke during the call: "+
		"it may have taken effect; check before retrying (after a create, list the owner's keys)")
}

// hideTransportErrorsOfStream does for a stream (a read: nothing to have
// taken effect) what hideTransportErrors does for a unary call.
func hideTransportErrorsOfStream(ctx context.Context, desc *grpc.StreamDesc, conn *grpc.ClientConn,
	method string, streamer grpc.Streamer, options ...grpc.CallOption) (grpc.ClientStream, error) {
	stream, err := streamer(ctx, desc, conn, method, options...)
	if err != nil {
		return nil, rewordStreamError(method, err)
	}
	return &rewordedStream{ClientStream: stream, method: method}, nil
}

type rewordedStream struct {
	grpc.ClientStream
	method string
}

func (s *rewordedStream) RecvMsg(message any) error {
	return rewordStreamError(s.method, s.ClientStream.RecvMsg(message))
}

func rewordStreamError(method string, err error) error {
	answer, _ := status.FromError(err)
	if err == nil || err == io.EOF || answer.Code() != codes.Unavailable || fromKeywardd(answer.Message()) {
		return err
	}
	log.Printf("%s: %v", method, err)
	return status.Error(codes.Unavailable, "the connection to keywardd broke: resume from the last cursor received")
}

func fromKeywardd(message string) bool {
	for _, prefix := range keywarddUnavailable {
		if strings.HasPrefix(message, prefix) {
			return true
		}
	}
	return false
}
