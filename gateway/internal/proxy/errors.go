package proxy

import (
	"context"
	"fmt"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// basicChallenge is what a 401 asks for: Keyward authenticates every call
// with an API key as HTTP Basic credentials.
const basicChallenge = `Basic realm="keyward", charset="UTF-8"`

// scriptChallenge answers a page's script (it sends X-Requested-With:
// XMLHttpRequest, as the portal does) with a scheme browsers do not know, so
// that a refused sign-in shows the page's own message instead of the
// browser's password dialog, which would hold the request open.
const scriptChallenge = `KeywardBasic realm="keyward", charset="UTF-8"`

// writeError answers a failed call with the HTTP status of its gRPC code and
// a google.rpc.Status JSON body; the details of a policy denial
// (keyward.v1.PolicyDecisionDetails) are in the body's `details`.
func writeError(ctx context.Context, mux *runtime.ServeMux, marshaler runtime.Marshaler,
	w http.ResponseWriter, r *http.Request, err error) {
	st := status.Convert(err)
	if st.Code() == codes.Unauthenticated {
		// grpc-gateway would put the status message here; a client wants the
		// challenge (RFC 7617).
		w = challengeWriter{ResponseWriter: w, challenge: challengeFor(r)}
	}
	runtime.DefaultHTTPErrorHandler(ctx, mux, marshaler, w, r,
		&runtime.HTTPStatusError{HTTPStatus: HTTPStatus(st.Code()), Err: err})
}

func challengeFor(r *http.Request) string {
	if r.Header.Get("X-Requested-With") == "XMLHttpRequest" {
		return scriptChallenge
	}
	return basicChallenge
}

type challengeWriter struct {
	http.ResponseWriter
	challenge string
}

func (w challengeWriter) WriteHeader(code int) {
	w.Header().Set("Www-Authenticate", w.challenge)
	w.ResponseWriter.WriteHeader(code)
}

// writeRoutingError: a path that is no route is 404; a route asked with
// another method is 405 naming the ones it takes (grpc-gateway would say 501).
func writeRoutingError(ctx context.Context, mux *runtime.ServeMux, marshaler runtime.Marshaler,
	w http.ResponseWriter, r *http.Request, httpStatus int) {
	if httpStatus == http.StatusMethodNotAllowed {
		writeStatus(w, http.StatusMethodNotAllowed, codes.Unimplemented,
			fmt.Sprintf("%s is not a method of %s", r.Method, r.URL.Path))
		return
	}
	runtime.DefaultRoutingErrorHandler(ctx, mux, marshaler, w, r, httpStatus)
}

// writeStatus answers a request the gateway itself refuses, in the same shape
// as a refusal from keywardd.
func writeStatus(w http.ResponseWriter, httpStatus int, code codes.Code, message string) {
	body, err := jsonMarshaler.Marshal(status.New(code, message).Proto())
	if err != nil {
		body = []byte(`{"code": 13, "message": "failed to marshal error message"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpStatus)
	_, _ = w.Write(body)
}
