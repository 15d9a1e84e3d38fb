// Package openapi holds the OpenAPI 3.1 document of the HTTP/JSON API,
// generated at build time from proto/ (scripts/lib/gateway.sh): the routes of
// the google.api.http annotations, with the proto comments as descriptions,
// merged into openapi/base.openapi.json (title, Basic authentication).
package openapi

import _ "embed"

// Document is the generated OpenAPI document, as JSON.
//
//go:embed keyward.openapi.json
var Document []byte
