package proxy

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/proto"

	keywardv1 "keyward.dev/gateway/gen/keyward/v1"
)

// The binary trailer in which keywardd returns the decision behind a
// successful policy-checked call (proto/keyward/v1/policy.proto).
const decisionTrailer = "keyward-policy-decision-bin"

// The response headers a successful policy-checked call gets: the decision's
// id (as in the audit event) and one header per warning, "[rule] message",
// the format of a denial's status message, percent-encoded (headerText).
const (
	DecisionIDHeader = "Keyward-Policy-Decision-Id"
	WarningHeader    = "Keyward-Policy-Warning"
)

// exposeDecision turns the decision trailer of a successful call into
// response headers; it runs before grpc-gateway writes the body.
func exposeDecision(ctx context.Context, w http.ResponseWriter, _ proto.Message) error {
	md, ok := runtime.ServerMetadataFromContext(ctx)
	if !ok {
		return nil
	}
	values := md.TrailerMD.Get(decisionTrailer)
	if len(values) == 0 {
		return nil
	}
	var decision keywardv1.PolicyDecisionDetails
	if err := proto.Unmarshal([]byte(values[0]), &decision); err != nil {
		// The call has succeeded (a key may have been created and its secret
		// is in the body): report, but never turn it into a failure.
		log.Printf("keywardd sent an unreadable %s trailer: %v", decisionTrailer, err)
		return nil
	}
	if decision.GetDecisionId() != "" {
		w.Header().Set(DecisionIDHeader, headerText(decision.GetDecisionId(), ""))
	}
	written := 0
	for _, warning := range decision.GetWarnings() {
		// A bracket in a rule's name would end "[rule]" early.
		text := fmt.Sprintf("[%s] %s", headerText(warning.GetRule(), "[]"), headerText(warning.GetMessage(), ""))
		if written+len(text) > maxWarningBytes {
			// A client whose header limit a policy's prose overflowed would
			// lose the response, and with it a new key's only secret.
			w.Header().Add(WarningHeader, "[more] further warnings are in the audit event")
			break
		}
		w.Header().Add(WarningHeader, text)
		written += len(text)
	}
	return nil
}

// How much warning text a response carries at most, well inside the 8 KiB
// many HTTP clients accept for all headers together.
const maxWarningBytes = 4096

// headerText percent-encodes (%XX of each UTF-8 byte, as in a URL) every
// byte of text outside printable ASCII, ',', '%' and the bytes of reserved.
// The value cannot end the header line, arrives intact where headers are read
// as Latin-1 (fetch), and a client that joins repeated headers with ", " (fetch
// again) can split them apart; decodeURIComponent gives the text back.
func headerText(text, reserved string) string {
	var encoded strings.Builder
	for i := 0; i < len(text); i++ {
		b := text[i]
		if b < 0x20 || b > 0x7e || b == ',' || b == '%' || strings.IndexByte(reserved, b) >= 0 {
			fmt.Fprintf(&encoded, "%%%02X", b)
		} else {
			encoded.WriteByte(b)
		}
	}
	return encoded.String()
}
