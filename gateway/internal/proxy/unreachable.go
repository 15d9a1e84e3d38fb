package proxy

import (
	"context"
	"log"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// HideTransportErrors is the client interceptor of the connection to
// keywardd. A call that never reached keywardd fails in grpc-go with a message
// naming keywardd's address and the dial error; an HTTP client gets a plain
// 503 instead, and the gateway's log keeps the detail.
func HideTransportErrors(ctx context.Context, method string, request, reply any,
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, options ...grpc.CallOption) error {
	var reached peer.Peer
	err := invoker(ctx, method, request, reply, conn, append(options, grpc.Peer(&reached))...)
	if err == nil || reached.Addr != nil {
		return err
	}
	if code := status.Code(err); code == codes.Unavailable {
		log.Printf("%s: keywardd unreachable: %v", method, err)
		return status.Error(codes.Unavailable, "keywardd is unreachable; try again later")
	}
	return err
}
