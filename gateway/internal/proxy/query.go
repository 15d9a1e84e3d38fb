package proxy

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/v2/utilities"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// strictQueryParser is grpc-gateway's query parser, except that a parameter
// naming no field of the request is an error: `?validateonly=true` on a
// DELETE must not quietly delete for real, nor a mistyped filter list all.
type strictQueryParser struct{ runtime.DefaultQueryParser }

func (p *strictQueryParser) Parse(msg proto.Message, values url.Values, filter *utilities.DoubleArray) error {
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		if !namesAField(msg.ProtoReflect().Descriptor(), strings.Split(key, ".")) {
			return fmt.Errorf("unknown query parameter %q: %s has no such field", key,
				msg.ProtoReflect().Descriptor().Name())
		}
	}
	return p.DefaultQueryParser.Parse(msg, values, filter)
}

func namesAField(message protoreflect.MessageDescriptor, path []string) bool {
	for i, name := range path {
		field := message.Fields().ByName(protoreflect.Name(name))
		if field == nil {
			field = message.Fields().ByJSONName(name)
		}
		if field == nil {
			return false
		}
		if i < len(path)-1 {
			if field.Message() == nil || field.IsList() || field.IsMap() {
				return false
			}
			message = field.Message()
		}
	}
	return true
}

// refuseQueryOnWrites: POST and PATCH take every field in their JSON body,
// and grpc-gateway ignores their query string, so `?validateOnly=true` there
// would be silently dropped and the write would happen.
func refuseQueryOnWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodPost || r.Method == http.MethodPatch) && r.URL.RawQuery != "" {
			writeStatus(w, http.StatusBadRequest, codes.InvalidArgument,
				"POST and PATCH take no query parameters: send every field in the JSON body")
			return
		}
		next.ServeHTTP(w, r)
	})
}
