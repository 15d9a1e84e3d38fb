// The CLI's private files — the login context and the stored API keys —
// read whole and written the one safe way: the directory created with mode
// 0700, the file written to a temporary 0600 file, synced and renamed over
// the old one, so that a crash leaves the old file or the new one, never
// half of either, and no other user can read it at any moment.
//
// Thread-safety: stateless functions; two processes writing the same file
// at once leave one of their versions.
#ifndef KEYWARD_CLI_PRIVATE_FILE_H_
#define KEYWARD_CLI_PRIVATE_FILE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace keyward::cli {

// Reads the file at `path` into `text`. A missing file succeeds with
// `exists` false; any other failure is an error naming the file.
bool ReadPrivateFile(const std::string& path, std::string* text, bool* exists,
                     std::string* error);

// Reads the file at `path` and parses it as JSON. A missing file succeeds
// with `json` empty; text that is not JSON gives a discarded value
// (json::is_discarded), which the caller rejects as malformed.
bool ReadPrivateJson(const std::string& path,
                     std::optional<nlohmann::json>* json, std::string* error);

// Replaces the file at `path` with `text` (mode 0600), creating its
// directory with mode 0700.
bool WritePrivateFile(const std::string& path, const std::string& text,
                      std::string* error);

// The directory part of `path` ("." when it has none).
std::string ParentDirectory(const std::string& path);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_PRIVATE_FILE_H_
