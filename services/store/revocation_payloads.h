// How revoked ids travel in PostgreSQL NOTIFY payloads: comma-separated,
// split over as many notifications as needed so that none exceeds the
// server's 8000-byte payload limit (with a margin). Receivers treat every
// payload on its own, so a delete of any size revokes exactly its ids and
// never flushes a whole cache.
//
// A payload ends with ",@<microseconds since the epoch>": when its
// transaction published it (the database's clock, just before commit), for
// the revocation-lag metric. Receivers that predate it take "@…" for an id
// that names nothing, which revokes nothing.
#ifndef KEYWARD_SERVICES_STORE_REVOCATION_PAYLOADS_H_
#define KEYWARD_SERVICES_STORE_REVOCATION_PAYLOADS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keyward::store {

// The NOTIFY channel revoked ids are published on.
constexpr char kRevocationChannel[] = "keyward_key_revocations";
// Sent by keywardd versions that published a large delete as "flush
// everything"; still honoured while such replicas may be running.
constexpr char kRevokeEverything[] = "*";

// PostgreSQL refuses payloads of 8000 bytes or more.
constexpr size_t kMaxRevocationPayload = 7000;

// Packs `ids` (in order, each whole) into payloads of at most `max_bytes`.
// An id longer than `max_bytes` — never the case for keywardd's 16-character
// ids — gets a payload of its own.
std::vector<std::string> RevocationPayloads(
    const std::vector<std::string>& ids,
    size_t max_bytes = kMaxRevocationPayload);

// The ids of one payload; empty entries and the publication time are
// skipped.
std::vector<std::string> RevokedIdsOf(const std::string& payload);

// The publication time of a payload, in microseconds since the epoch;
// nullopt when it carries none.
std::optional<int64_t> PublishedMicrosOf(const std::string& payload);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_REVOCATION_PAYLOADS_H_
