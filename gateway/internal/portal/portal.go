// Package portal serves the built self-service portal (web/dist) at /: its
// index.html and the hashed files under assets/, nothing else, with a strict
// Content-Security-Policy. The portal routes with the URL's #fragment, so the
// server never needs to answer an unknown path with index.html.
package portal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"
)

// ContentSecurityPolicy allows only what the built portal needs: its own
// scripts, styles and images (data: too: index.html's empty favicon), and
// calls to its own origin. No inline script or style, no framing, no form
// posting elsewhere. web/tests/serving.spec.ts checks that no page breaks it.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// permissionsPolicy turns off the powerful browser features the portal never uses.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " +
	"serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), " +
	"accelerometer=(), display-capture=()"

// Vite names every file under assets/ by its content's hash: a changed file
// is a new name, so browsers may keep one forever.
const immutable = "public, max-age=31536000, immutable"

// Handler serves files from the portal's build output.
type Handler struct {
	files fs.FS
}

// New serves files, the contents of web/dist.
func New(files fs.FS) *Handler {
	return &Handler{files: files}
}

// FromDir serves the built portal in dir. A directory without index.html is
// refused now, rather than answering 404 to everyone later.
func FromDir(dir string) (*Handler, error) {
	files := os.DirFS(dir)
	if _, err := fs.Stat(files, indexName); err != nil {
		return nil, fmt.Errorf("--portal-dir %s has no index.html (build the portal: scripts/build): %w", dir, err)
	}
	return New(files), nil
}

// Owns says whether a request's path is the portal's rather than the API's:
// everything but /v1/..., /openapi.json and /healthz.
func Owns(path string) bool {
	return !(path == "/v1" || strings.HasPrefix(path, "/v1/") || path == "/openapi.json" || path == "/healthz")
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		plainError(w, http.StatusMethodNotAllowed, "the portal's files are read with GET or HEAD")
		return
	}
	name, cacheControl, ok := h.lookup(r.URL.Path)
	if !ok {
		plainError(w, http.StatusNotFound, "no such file")
		return
	}
	content, modified, err := h.read(name)
	if err != nil {
		plainError(w, http.StatusNotFound, "no such file")
		return
	}
	w.Header().Set("Cache-Control", cacheControl)
	if name == indexName {
		// index.html names one build's assets, and a deploy may keep file
		// times: its validator is its content's hash, never Last-Modified.
		// Hashed per request, as it is read: under a kilobyte, never stale.
		w.Header().Set("ETag", etagOf(content))
		modified = time.Time{}
	}
	// ServeContent sets Content-Type by the extension, answers HEAD and
	// conditional and range requests.
	http.ServeContent(w, r, name, modified, bytes.NewReader(content))
}

const indexName = "index.html"

// lookup maps a URL path to a file of the portal and its Cache-Control: "/"
// and "/index.html" are index.html (the portal routes by #fragment), and
// /assets/... the build's hashed files. Any other file a build or a deploy
// left in the directory is not served.
func (h *Handler) lookup(path string) (name, cacheControl string, ok bool) {
	if path == "/" || path == "/"+indexName {
		return indexName, "no-cache", true
	}
	name = strings.TrimPrefix(path, "/")
	if !strings.HasPrefix(name, "assets/") || !servable(name) {
		return "", "", false
	}
	return name, immutable, true
}

// servable refuses a name that could leave the directory or reach what is
// hidden in it: fs.ValidPath refuses "..", ".", empty elements and a leading
// or trailing slash; no element may start with "." (.git, .env).
func servable(name string) bool {
	if !fs.ValidPath(name) || strings.Contains(name, `\`) {
		return false
	}
	for _, element := range strings.Split(name, "/") {
		if strings.HasPrefix(element, ".") {
			return false
		}
	}
	return true
}

// etagOf is a strong entity tag: the SHA-256 of the content.
func etagOf(content []byte) string {
	sum := sha256.Sum256(content)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// read returns a regular file's content; directories are not listed.
func (h *Handler) read(name string) ([]byte, time.Time, error) {
	file, err := h.files.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, time.Time{}, fs.ErrNotExist
	}
	content, err := io.ReadAll(file)
	return content, info.ModTime(), err
}

// SetSecurityHeaders sets the headers every portal response carries.
func SetSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", permissionsPolicy)
}

func plainError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Del("Cache-Control")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, message+"\n")
}

// Mount puts the portal in front of the API: a request whose path the portal
// owns goes to the portal, any other to api.
func Mount(portal, api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if Owns(r.URL.Path) {
			portal.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}
