package proxy

import (
	"net"
	"net/http"
)

// dropUntrustedForwarding removes X-Forwarded-For and X-Forwarded-Host from
// requests that do not come from one of the trusted proxies (a load balancer
// in front of the gateway), so that grpc-gateway's x-forwarded-for to
// keywardd starts with nothing a client made up: keywardd then reads the
// client's address as the gateway saw it.
func dropUntrustedForwarding(trusted []string, next http.Handler) http.Handler {
	proxies := make(map[string]bool, len(trusted))
	for _, address := range trusted {
		if ip := net.ParseIP(address); ip != nil {
			proxies[ip.String()] = true
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !proxies[peerIP(r.RemoteAddr)] {
			r.Header.Del("X-Forwarded-For")
			r.Header.Del("X-Forwarded-Host")
		}
		next.ServeHTTP(w, r)
	})
}

func peerIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return ""
}
