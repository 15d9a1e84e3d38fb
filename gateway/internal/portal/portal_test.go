package portal

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const indexHTML = `<!doctype html><script type="module" src="/assets/index-abc123.js"></script>`

// built is web/dist with what else a build or a deploy may leave beside it.
func built() fstest.MapFS {
	return fstest.MapFS{
		"index.html":              {Data: []byte(indexHTML)},
		"assets/index-abc123.js":  {Data: []byte("console.log('portal')")},
		"assets/index-def456.css": {Data: []byte("body{}")},
		"favicon.svg":             {Data: []byte("<svg/>")},
		"deploy.sh":               {Data: []byte("#!/bin/sh")},
		".env":                    {Data: []byte("SECRET=1")},
		".git/config":             {Data: []byte("[core]")},
		"assets/.env":             {Data: []byte("SECRET=1")},
		"assets/.cache/x.js":      {Data: []byte("x")},
	}
}

// api stands in for the gateway's API: it answers every request it gets.
var api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"api":true}`)
})

func serve(t *testing.T, method, target string) (*http.Response, string) {
	t.Helper()
	recorder := httptest.NewRecorder()
	request := httptest.NewRequest(method, target, nil)
	Mount(New(built()), api).ServeHTTP(recorder, request)
	response := recorder.Result()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response, string(body)
}

func TestTheRootAndIndexHTMLAreThePortalsPageRevalidatedEveryTime(t *testing.T) {
	for _, path := range []string{"/", "/index.html"} {
		response, body := serve(t, http.MethodGet, path)
		if response.StatusCode != http.StatusOK || body != indexHTML {
			t.Errorf("%s: %d %q", path, response.StatusCode, body)
		}
		if got := response.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
			t.Errorf("%s: Content-Type %q", path, got)
		}
		if got := response.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
	}
}

// get serves target from files, with the request's headers.
func get(t *testing.T, files fstest.MapFS, target string, headers map[string]string) *http.Response {
	t.Helper()
	recorder := httptest.NewRecorder()
	request := httptest.NewRequest(http.MethodGet, target, nil)
	for name, value := range headers {
		request.Header.Set(name, value)
	}
	New(files).ServeHTTP(recorder, request)
	return recorder.Result()
}

func TestIndexHTMLIsRevalidatedByItsContentNotItsFileTime(t *testing.T) {
	deployed := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	before := fstest.MapFS{"index.html": {Data: []byte(indexHTML), ModTime: deployed}}
	first := get(t, before, "/", nil)
	etag := first.Header.Get("ETag")
	if first.StatusCode != http.StatusOK || !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
		t.Fatalf("%d, ETag %q: want a strong one", first.StatusCode, etag)
	}
	if got := first.Header.Get("Last-Modified"); got != "" {
		t.Errorf("Last-Modified %q: a deploy that keeps file times would make it lie", got)
	}
	if again := get(t, before, "/index.html", map[string]string{"If-None-Match": etag}); again.StatusCode != http.StatusNotModified {
		t.Errorf("the same index.html again: %d, want 304", again.StatusCode)
	}

	// A new build deployed with the old file's time.
	newBuild := `<!doctype html><script type="module" src="/assets/index-fff999.js"></script>`
	after := fstest.MapFS{"index.html": {Data: []byte(newBuild), ModTime: deployed}}
	revalidated := get(t, after, "/", map[string]string{
		"If-None-Match":     etag,
		"If-Modified-Since": deployed.Format(http.TimeFormat),
	})
	body, _ := io.ReadAll(revalidated.Body)
	if revalidated.StatusCode != http.StatusOK || string(body) != newBuild {
		t.Errorf("after a deploy: %d %q, want the new index.html", revalidated.StatusCode, body)
	}
	if got := revalidated.Header.Get("ETag"); got == etag || got == "" {
		t.Errorf("the new index.html's ETag %q, the old one's %q", got, etag)
	}
	if stale := get(t, after, "/", map[string]string{"If-Modified-Since": deployed.Format(http.TimeFormat)}); stale.StatusCode != http.StatusOK {
		t.Errorf("If-Modified-Since alone: %d, want 200", stale.StatusCode)
	}
}

func TestHashedAssetsAreCachedForever(t *testing.T) {
	response, body := serve(t, http.MethodGet, "/assets/index-abc123.js")
	if response.StatusCode != http.StatusOK || body != "console.log('portal')" {
		t.Fatalf("%d %q", response.StatusCode, body)
	}
	if got := response.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control %q", got)
	}
	if got := response.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/javascript") {
		t.Errorf("Content-Type %q", got)
	}
	response, _ = serve(t, http.MethodGet, "/assets/index-def456.css")
	if got := response.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
		t.Errorf("CSS Content-Type %q", got)
	}
}

func TestEveryPortalAnswerCarriesTheSecurityHeaders(t *testing.T) {
	want := map[string]string{
		"Content-Security-Policy":    ContentSecurityPolicy,
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "no-referrer",
		"X-Frame-Options":            "DENY",
		"Cross-Origin-Opener-Policy": "same-origin",
	}
	for _, path := range []string{"/", "/assets/index-abc123.js", "/missing.js", "/assets/"} {
		response, _ := serve(t, http.MethodGet, path)
		for name, value := range want {
			if got := response.Header.Get(name); got != value {
				t.Errorf("%s: %s %q, want %q", path, name, got, value)
			}
		}
		if got := response.Header.Get("Permissions-Policy"); !strings.Contains(got, "camera=()") {
			t.Errorf("%s: Permissions-Policy %q", path, got)
		}
	}
}

func TestThePolicyAllowsNothingInlineAndNothingFromElsewhere(t *testing.T) {
	for _, forbidden := range []string{"unsafe-inline", "unsafe-eval", "*", "http:", "https:"} {
		if strings.Contains(ContentSecurityPolicy, forbidden) {
			t.Errorf("the policy allows %s: %s", forbidden, ContentSecurityPolicy)
		}
	}
	for _, directive := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(ContentSecurityPolicy, directive) {
			t.Errorf("the policy lacks %s", directive)
		}
	}
}

func TestUnknownPathsAreAPlainNotFoundNotThePage(t *testing.T) {
	// Hash routing: /keys/ABC is no page of the portal's (#/keys/ABC is).
	for _, path := range []string{"/keys/ABC", "/missing.js", "/assets/missing.js", "/assets", "/assets/", "/index.html/", "/index.htm"} {
		response, body := serve(t, http.MethodGet, path)
		if response.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, response.StatusCode)
		}
		if got := response.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/plain") {
			t.Errorf("%s: Content-Type %q", path, got)
		}
		if strings.Contains(body, "<") || response.Header.Get("Cache-Control") != "" {
			t.Errorf("%s: body %q, Cache-Control %q", path, body, response.Header.Get("Cache-Control"))
		}
	}
}

func TestOnlyIndexHTMLAndTheAssetsAreServedNothingElseInTheDirectory(t *testing.T) {
	for _, path := range []string{"/favicon.svg", "/deploy.sh", "/.env", "/.git/config", "/assets/.env",
		"/assets/.cache/x.js", "/assets/%2eenv"} {
		response, body := serve(t, http.MethodGet, path)
		if response.StatusCode != http.StatusNotFound || body != "no such file\n" {
			t.Errorf("%s: %d %q, want 404", path, response.StatusCode, body)
		}
	}
}

func TestNoPathLeavesThePortalsDirectory(t *testing.T) {
	for _, path := range []string{"/../secret", "/assets/../../secret", "/assets/%2e%2e/%2e%2e/secret",
		"/./index.html", "/assets//index-abc123.js", `/assets\..\index.html`} {
		response, body := serve(t, http.MethodGet, path)
		if response.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d %q, want 404", path, response.StatusCode, body)
		}
	}
}

func TestOnlyReadsAreServed(t *testing.T) {
	response, body := serve(t, http.MethodHead, "/")
	if response.StatusCode != http.StatusOK || body != "" || response.Header.Get("Content-Length") != "76" {
		t.Errorf("HEAD: %d %q Content-Length %q", response.StatusCode, body, response.Header.Get("Content-Length"))
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		response, _ := serve(t, method, "/index.html")
		if response.StatusCode != http.StatusMethodNotAllowed || response.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d Allow %q", method, response.StatusCode, response.Header.Get("Allow"))
		}
	}
}

func TestTheAPIKeepsItsPaths(t *testing.T) {
	for _, path := range []string{"/v1/environments", "/v1/api-keys/ABC:rotate", "/openapi.json", "/healthz"} {
		response, body := serve(t, http.MethodGet, path)
		if body != `{"api":true}` || response.Header.Get("Content-Security-Policy") != "" {
			t.Errorf("%s went to the portal: %d %q", path, response.StatusCode, body)
		}
	}
	// A POST to an API path is the API's, not refused as a write to the portal.
	if _, body := serve(t, http.MethodPost, "/v1/api-keys"); body != `{"api":true}` {
		t.Errorf("POST /v1/api-keys: %q", body)
	}
}

func TestADirectoryWithoutAPortalIsRefusedAtStart(t *testing.T) {
	empty := t.TempDir()
	if _, err := FromDir(empty); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("an empty --portal-dir: %v", err)
	}
	if _, err := FromDir(empty + "/missing"); err == nil {
		t.Error("a missing --portal-dir was accepted")
	}
	built := t.TempDir()
	if err := os.WriteFile(built+"/index.html", []byte(indexHTML), 0o644); err != nil {
		t.Fatal(err)
	}
	handler, err := FromDir(built)
	if err != nil {
		t.Fatal(err)
	}
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/", nil))
	if recorder.Code != http.StatusOK || recorder.Body.String() != indexHTML {
		t.Errorf("%d %q", recorder.Code, recorder.Body.String())
	}
}
