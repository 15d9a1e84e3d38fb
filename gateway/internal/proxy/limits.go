package proxy

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"google.golang.org/grpc/codes"
)

// limitBody refuses a request whose body exceeds maxBytes with 413 before any
// of it reaches keywardd, whether the client announced its length or not.
func limitBody(maxBytes int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		tooLarge := func() {
			writeStatus(w, http.StatusRequestEntityTooLarge, codes.InvalidArgument,
				fmt.Sprintf("request body larger than %d bytes", maxBytes))
		}
		if r.ContentLength > maxBytes {
			tooLarge()
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBytes))
		if err != nil {
			if _, isTooLarge := err.(*http.MaxBytesError); isTooLarge {
				tooLarge()
				return
			}
			writeStatus(w, http.StatusBadRequest, codes.InvalidArgument,
				"could not read the request body")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}
