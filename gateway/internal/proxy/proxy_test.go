package proxy

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	keywardv1 "keyward.dev/gateway/gen/keyward/v1"
)

func TestEachGRPCCodeAnswersWithItsHTTPStatusAndAStatusBody(t *testing.T) {
	cases := map[codes.Code]int{
		codes.InvalidArgument:    400,
		codes.Unauthenticated:    401,
		codes.PermissionDenied:   403,
		codes.NotFound:           404,
		codes.AlreadyExists:      409,
		codes.Aborted:            409,
		codes.FailedPrecondition: 412,
		codes.ResourceExhausted:  429,
		codes.Unavailable:        503,
		codes.DeadlineExceeded:   504,
		codes.Internal:           500,
	}
	gateway, fake := newGateway(t, Options{})
	for code, want := range cases {
		message := "why: " + code.String()
		if code == codes.Unavailable {
			message = "database unavailable" // keywardd's own, passed on as it is
		}
		fake.answerWith(status.New(code, message))
		response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v1/api-keys/ABCDEFGHIJKLMNOP", ""))
		if response.StatusCode != want {
			t.Errorf("%s: HTTP %d, want %d", code, response.StatusCode, want)
		}
		var body struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		if err := json.NewDecoder(response.Body).Decode(&body); err != nil {
			t.Fatalf("%s: body is not JSON: %v", code, err)
		}
		if body.Code != int(code) || body.Message != message {
			t.Errorf("%s: body %+v", code, body)
		}
	}
}

func TestUnauthenticatedAsksForBasicCredentials(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	fake.answerWith(status.New(codes.Unauthenticated, "missing or malformed credentials"))
	response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", ""))
	if got := response.Header.Get("Www-Authenticate"); !strings.HasPrefix(got, `Basic realm="keyward"`) {
		t.Errorf("WWW-Authenticate %q", got)
	}
}

func TestAPageScriptIsNotAskedForTheBrowsersPasswordDialog(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	fake.answerWith(status.New(codes.Unauthenticated, "missing or malformed credentials"))
	request := mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", "")
	request.Header.Set("X-Requested-With", "XMLHttpRequest")
	response := do(t, request)
	got := response.Header.Get("Www-Authenticate")
	if response.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(got, `KeywardBasic realm="keyward"`) {
		t.Errorf("%d, WWW-Authenticate %q", response.StatusCode, got)
	}
}

func TestAPolicyDenialCarriesItsDecisionInTheBody(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	denial, err := status.New(codes.PermissionDenied, "[governance.description_required] API keys must have a description").
		WithDetails(&keywardv1.PolicyDecisionDetails{
			Violations: []*keywardv1.PolicyViolation{{Rule: "governance.description_required", Message: "API keys must have a description"}},
			DecisionId: "d-1",
		})
	if err != nil {
		t.Fatal(err)
	}
	fake.answerWith(denial)
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{"ownerId":"sa-1"}`))
	if response.StatusCode != http.StatusForbidden {
		t.Fatalf("HTTP %d", response.StatusCode)
	}
	var body struct {
		Details []struct {
			Type       string `json:"@type"`
			Violations []struct{ Rule string }
			DecisionID string `json:"decisionId"`
		}
	}
	if err := json.NewDecoder(response.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if len(body.Details) != 1 || body.Details[0].Type != "type.googleapis.com/keyward.v1.PolicyDecisionDetails" ||
		len(body.Details[0].Violations) != 1 || body.Details[0].Violations[0].Rule != "governance.description_required" ||
		body.Details[0].DecisionID != "d-1" {
		t.Errorf("details %+v", body.Details)
	}
}

func TestPolicyWarningsBecomeResponseHeaders(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	decision, _ := proto.Marshal(&keywardv1.PolicyDecisionDetails{
		Warnings: []*keywardv1.PolicyViolation{
			{Rule: "governance.expiry", Message: "keys should expire"},
			{Rule: "naming.style", Message: "line\r\nbreak"},
		},
		DecisionId: "d-2",
	})
	fake.trailWith(metadata.Pairs(decisionTrailer, string(decision)))
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{}`))
	if response.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d", response.StatusCode)
	}
	if got := response.Header.Get(DecisionIDHeader); got != "d-2" {
		t.Errorf("%s %q", DecisionIDHeader, got)
	}
	want := []string{"[governance.expiry] keys should expire", "[naming.style] line%0D%0Abreak"}
	if got := response.Header.Values(WarningHeader); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s %q, want %q", WarningHeader, got, want)
	}
	for name := range response.Header {
		if strings.HasPrefix(name, "Grpc-") {
			t.Errorf("gRPC metadata leaked as header %s", name)
		}
	}
}

func TestOnlyAuthorizationAndTheClientAddressReachKeywardd(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	request := mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", "")
	request.Header.Set("Authorization", "Basic QUJDOnNlY3JldA==")
	request.Header.Set("X-Forwarded-For", "203.0.113.9")
	request.Header.Set("Grpc-Metadata-X-Forwarded-For", "198.51.100.1")
	request.Header.Set("Grpc-Metadata-Keyward-Policy-Decision-Bin", "AAAA")
	request.Header.Set("Cookie", "session=1")
	request.Header.Set("X-Forwarded-Host", "evil.example.com")
	request.Header.Set("Grpc-Timeout", "1n")
	if response := do(t, request); response.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d: a client's Grpc-Timeout must not set keywardd's deadline", response.StatusCode)
	}
	md := fake.lastCall(t).metadata
	if got := md.Get("authorization"); len(got) != 1 || got[0] != "Basic QUJDOnNlY3JldA==" {
		t.Errorf("authorization %q", got)
	}
	// The client is no trusted proxy: its X-Forwarded-For is dropped, and
	// keywardd sees only the address the gateway saw.
	if forwarded := md.Get("x-forwarded-for"); len(forwarded) != 1 || forwarded[0] != "127.0.0.1" {
		t.Errorf("x-forwarded-for %q, want just the peer 127.0.0.1", forwarded)
	}
	for _, key := range []string{"keyward-policy-decision-bin", "cookie", "grpcgateway-cookie", "x-forwarded-host"} {
		if len(md.Get(key)) > 0 {
			t.Errorf("%s reached keywardd", key)
		}
	}
}

func TestOnlyAuthorizationAndTheClientAddressReachAStream(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	request := mustRequest(t, http.MethodGet, gateway.URL+"/v1/events:watch", "")
	request.Header.Set("Authorization", "Basic QUJDOnNlY3JldA==")
	request.Header.Set("X-Forwarded-Host", "evil.example.com")
	request.Header.Set("Cookie", "session=1")
	if response := do(t, request); response.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d", response.StatusCode)
	}
	md := fake.lastCall(t).metadata
	if got := md.Get("authorization"); len(got) != 1 || got[0] != "Basic QUJDOnNlY3JldA==" {
		t.Errorf("authorization %q", got)
	}
	for _, key := range []string{"cookie", "grpcgateway-cookie", "x-forwarded-host"} {
		if len(md.Get(key)) > 0 {
			t.Errorf("%s reached keywardd", key)
		}
	}
}

func TestTheRequestIDGoesToKeywarddAndComesBack(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	request := mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", "")
	request.Header.Set("X-Request-Id", "req-42")
	response := do(t, request)
	if got := fake.lastCall(t).metadata.Get("x-request-id"); len(got) != 1 || got[0] != "req-42" {
		t.Errorf("x-request-id reaching keywardd %q", got)
	}
	if got := response.Header.Get("X-Request-Id"); got != "req-42" {
		t.Errorf("X-Request-Id %q, want keywardd's answer req-42", got)
	}

	response = do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", ""))
	if got := response.Header.Get("X-Request-Id"); got != "fake-request-id" {
		t.Errorf("X-Request-Id %q, want the id keywardd chose", got)
	}
	for name := range response.Header {
		if strings.HasPrefix(name, "Grpc-") {
			t.Errorf("gRPC metadata leaked as header %s", name)
		}
	}
}

// A stream broken by the transport does not name keywardd's address either.
func TestABrokenStreamSaysToResumeWithoutNamingKeywardd(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	fake.answerWith(status.New(codes.Unavailable,
		"error reading from server: read tcp 10.0.0.5:41000->10.0.0.7:50051: connection reset by peer"))
	response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v1/events:watch", ""))
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusServiceUnavailable || strings.Contains(string(body), "10.0.0.") ||
		!strings.Contains(string(body), "resume from the last cursor") {
		t.Errorf("HTTP %d %s", response.StatusCode, body)
	}
}

func TestAnUnknownJSONFieldIsABadRequestNamingIt(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{"ownerId":"sa-1","ownerID":"x"}`))
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "ownerID") {
		t.Errorf("HTTP %d %s", response.StatusCode, body)
	}
	if fake.callCount() != 0 {
		t.Error("a malformed request reached keywardd")
	}
}

func TestABodyOverTheLimitIsRefusedBeforeKeywardd(t *testing.T) {
	gateway, fake := newGateway(t, Options{MaxBodyBytes: 2048})
	large := `{"description":"` + strings.Repeat("x", 4096) + `"}`
	announced := mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", large)
	unannounced := mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", "")
	unannounced.Body = io.NopCloser(strings.NewReader(large)) // chunked: no Content-Length
	unannounced.ContentLength = -1
	for name, request := range map[string]*http.Request{"with length": announced, "chunked": unannounced} {
		response := do(t, request)
		body, _ := io.ReadAll(response.Body)
		if response.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "2048 bytes") {
			t.Errorf("%s: HTTP %d %s", name, response.StatusCode, body)
		}
	}
	if fake.callCount() != 0 {
		t.Error("an oversized request reached keywardd")
	}
	small := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{"description":"ok"}`))
	if small.StatusCode != http.StatusOK {
		t.Errorf("a body under the limit: HTTP %d", small.StatusCode)
	}
}

func TestCORSIsOffUnlessOriginsAreConfigured(t *testing.T) {
	off, _ := newGateway(t, Options{})
	request := mustRequest(t, http.MethodGet, off.URL+"/v1/environments", "")
	request.Header.Set("Origin", "https://portal.example.com")
	if got := do(t, request).Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS off, yet Access-Control-Allow-Origin %q", got)
	}

	on, _ := newGateway(t, Options{CORSOrigins: []string{"https://portal.example.com"}})
	preflight := mustRequest(t, http.MethodOptions, on.URL+"/v1/api-keys", "")
	preflight.Header.Set("Origin", "https://portal.example.com")
	preflight.Header.Set("Access-Control-Request-Method", "POST")
	response := do(t, preflight)
	if response.StatusCode != http.StatusNoContent ||
		response.Header.Get("Access-Control-Allow-Origin") != "https://portal.example.com" ||
		!strings.Contains(response.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", response.StatusCode, response.Header)
	}
	if response.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Error("credentials are Basic headers, never cookies: no Allow-Credentials")
	}

	stranger := mustRequest(t, http.MethodGet, on.URL+"/v1/environments", "")
	stranger.Header.Set("Origin", "https://evil.example.com")
	if got := do(t, stranger).Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("an unlisted origin got Access-Control-Allow-Origin %q", got)
	}
}

func TestAnUnreachableKeywarddIsA503ThatDoesNotNameIt(t *testing.T) {
	conn, err := grpc.NewClient("127.0.0.1:1",
		append(CallOptions(), grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	handler, err := New(context.Background(), conn, Options{MaxBodyBytes: 1024, CallTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	gateway := httptest.NewServer(handler)
	defer gateway.Close()
	response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", ""))
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusServiceUnavailable || strings.Contains(string(body), "127.0.0.1") ||
		!strings.Contains(string(body), "keywardd is unreachable") {
		t.Errorf("HTTP %d %s", response.StatusCode, body)
	}
}

func TestATrustedProxysForwardedForIsPassedOnBeforeThePeer(t *testing.T) {
	gateway, fake := newGateway(t, Options{TrustedProxies: []string{"127.0.0.1"}})
	request := mustRequest(t, http.MethodGet, gateway.URL+"/v1/environments", "")
	request.Header.Set("X-Forwarded-For", "203.0.113.9")
	do(t, request)
	if forwarded := fake.lastCall(t).metadata.Get("x-forwarded-for"); len(forwarded) != 1 ||
		forwarded[0] != "203.0.113.9, 127.0.0.1" {
		t.Errorf("x-forwarded-for %q, want the proxy's entry then the peer", forwarded)
	}
}

// A cross-site form cannot write: browsers send text/plain and form bodies
// without a CORS preflight (and with any Basic credentials they hold).
func TestAWriteWhoseBodyIsNotJSONIsRefused(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	for _, contentType := range []string{"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		request := mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys:verify", `{"key":"K"}`)
		request.Header.Set("Content-Type", contentType)
		if response := do(t, request); response.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("Content-Type %q: HTTP %d, want 415", contentType, response.StatusCode)
		}
	}
	charset := mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys:verify", `{"key":"K"}`)
	charset.Header.Set("Content-Type", "application/json; charset=utf-8")
	if response := do(t, charset); response.StatusCode != http.StatusOK {
		t.Errorf("application/json; charset=utf-8: HTTP %d", response.StatusCode)
	}
	if fake.callCount() != 1 {
		t.Errorf("%d calls reached keywardd, want only the JSON one", fake.callCount())
	}
}

func TestTheMethodCannotBeOverridden(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	request := mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys/ABCDEFGHIJKLMNOP", `{}`)
	request.Header.Set("X-HTTP-Method-Override", "DELETE")
	do(t, request)
	if fake.callCount() != 0 {
		t.Errorf("POST with X-HTTP-Method-Override: DELETE reached %s", fake.lastCall(t).method)
	}
}

// grpc-go's own message for a broken connection names keywardd's address;
// the client learns instead that the call may have happened.
func TestABrokenConnectionSaysTheCallMayHaveHappened(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	fake.answerWith(status.New(codes.Unavailable,
		"error reading from server: read tcp 10.0.0.5:41000->10.0.0.7:50051: connection reset by peer"))
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{}`))
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != http.StatusServiceUnavailable || strings.Contains(string(body), "10.0.0.") ||
		!strings.Contains(string(body), "may have taken effect") {
		t.Errorf("HTTP %d %s", response.StatusCode, body)
	}
}

func TestAnUnknownQueryParameterIsABadRequestNamingIt(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	for _, query := range []string{"validateonly=true", "validateOnly=true&force=true&x=1", "id.nested=1"} {
		response := do(t, mustRequest(t, http.MethodDelete, gateway.URL+"/v1/accounts/sa-12345678?"+query, ""))
		body, _ := io.ReadAll(response.Body)
		if response.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "unknown query parameter") {
			t.Errorf("?%s: HTTP %d %s", query, response.StatusCode, body)
		}
	}
	if fake.callCount() != 0 {
		t.Error("a request with an unknown query parameter reached keywardd")
	}
	known := do(t, mustRequest(t, http.MethodGet, gateway.URL+
		"/v1/audit-events?actorId=u-12345678&allowed=false&startTime=2026-01-01T00:00:00Z&page_size=5", ""))
	if known.StatusCode != http.StatusOK {
		t.Errorf("known parameters, both spellings: HTTP %d", known.StatusCode)
	}
}

// A browser's fetch joins a response's repeated headers with ", " and reads
// their bytes as Latin-1: each warning must come back whole, in UTF-8.
func TestEveryWarningComesBackWholeFromTheJoinedHeaders(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	warnings := []*keywardv1.PolicyViolation{
		{Rule: "naming.style", Message: "use one of a, [b] or c, [d]"},
		{Rule: "i18n.expiry", Message: "la clé expire à 100% dans 3 jours"},
		{Rule: "odd]rule, [x", Message: "tab\there"},
	}
	decision, _ := proto.Marshal(&keywardv1.PolicyDecisionDetails{Warnings: warnings})
	fake.trailWith(metadata.Pairs(decisionTrailer, string(decision)))
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{}`))
	values := response.Header.Values(WarningHeader)
	for _, value := range values {
		for i := 0; i < len(value); i++ {
			if value[i] < 0x20 || value[i] > 0x7e {
				t.Errorf("%q: byte %#x is not printable ASCII", value, value[i])
			}
		}
	}
	joined := strings.Join(values, ", ")
	parts := strings.Split(joined, ", ")
	if len(parts) != len(warnings) {
		t.Fatalf("%q splits into %d, want %d", joined, len(parts), len(warnings))
	}
	shape := regexp.MustCompile(`^\[([^\]]*)\] (.*)$`)
	for i, part := range parts {
		match := shape.FindStringSubmatch(part)
		if match == nil {
			t.Errorf("%q is not [rule] message", part)
			continue
		}
		rule, ruleErr := url.PathUnescape(match[1])
		message, messageErr := url.PathUnescape(match[2])
		if ruleErr != nil || messageErr != nil || rule != warnings[i].Rule || message != warnings[i].Message {
			t.Errorf("%q decodes to [%q] %q (%v, %v), want [%q] %q",
				part, rule, message, ruleErr, messageErr, warnings[i].Rule, warnings[i].Message)
		}
	}
}

func TestAWriteTakesNoQueryParameters(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys?validateOnly=true", `{}`))
	if response.StatusCode != http.StatusBadRequest || fake.callCount() != 0 {
		t.Errorf("POST with a query: HTTP %d, %d calls reached keywardd", response.StatusCode, fake.callCount())
	}
}

func TestAnotherMethodOnARouteIs405(t *testing.T) {
	gateway, _ := newGateway(t, Options{})
	response := do(t, mustRequest(t, http.MethodPut, gateway.URL+"/v1/api-keys/ABCDEFGHIJKLMNOP", ""))
	if response.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT: HTTP %d, want 405", response.StatusCode)
	}
	if response := do(t, mustRequest(t, http.MethodGet, gateway.URL+"/v2/nothing", "")); response.StatusCode != http.StatusNotFound {
		t.Errorf("no route: HTTP %d, want 404", response.StatusCode)
	}
}

func TestWarningsStopBeforeTheyOverflowAClientsHeaderLimit(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	var warnings []*keywardv1.PolicyViolation
	for i := 0; i < 50; i++ {
		warnings = append(warnings, &keywardv1.PolicyViolation{Rule: "verbose", Message: strings.Repeat("w", 200)})
	}
	decision, _ := proto.Marshal(&keywardv1.PolicyDecisionDetails{Warnings: warnings})
	fake.trailWith(metadata.Pairs(decisionTrailer, string(decision)))
	response := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{}`))
	total := 0
	values := response.Header.Values(WarningHeader)
	for _, value := range values {
		total += len(value)
	}
	if response.StatusCode != http.StatusOK || total > maxWarningBytes+100 ||
		values[len(values)-1] != "[more] further warnings are in the audit event" {
		t.Errorf("HTTP %d, %d warning headers of %d bytes", response.StatusCode, len(values), total)
	}
}

func TestNoCacheKeepsAnAPIAnswer(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	created := do(t, mustRequest(t, http.MethodPost, gateway.URL+"/v1/api-keys", `{}`))
	if created.StatusCode != http.StatusOK || created.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("a success: HTTP %d, Cache-Control %q", created.StatusCode, created.Header.Get("Cache-Control"))
	}
	fake.answerWith(status.New(codes.NotFound, "no such key"))
	for _, path := range []string{"/v1/api-keys/ABCDEFGHIJKLMNOP", "/v1/no-such-route", "/openapi.json"} {
		response := do(t, mustRequest(t, http.MethodGet, gateway.URL+path, ""))
		if got := response.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: HTTP %d, Cache-Control %q", path, response.StatusCode, got)
		}
	}
}

func TestAPIAnswersAreNeverSniffedAsAnotherType(t *testing.T) {
	gateway, fake := newGateway(t, Options{})
	fake.answerWith(status.New(codes.NotFound, "no such key"))
	for _, path := range []string{"/v1/api-keys/ABCDEFGHIJKLMNOP", "/openapi.json", "/no-such-route"} {
		response := do(t, mustRequest(t, http.MethodGet, gateway.URL+path, ""))
		if got := response.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, got)
		}
	}
}
