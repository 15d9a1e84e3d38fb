package proxy

import (
	"mime"
	"net/http"

	"google.golang.org/grpc/codes"
)

// requireJSON refuses a POST or PATCH whose body is not declared JSON with
// 415. Besides saying what the API speaks, it keeps writes out of reach of
// cross-site forms: a browser sends text/plain or form bodies from any page
// without asking, but JSON only after a CORS preflight, which an origin not
// in --cors-origins fails. (A browser may hold Basic credentials for the
// gateway, and would send them along.)
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost || r.Method == http.MethodPatch {
			mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mediaType != "application/json" {
				writeStatus(w, http.StatusUnsupportedMediaType, codes.InvalidArgument,
					"send the request body as Content-Type: application/json")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
