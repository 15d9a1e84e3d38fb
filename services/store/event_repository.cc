#include "services/store/event_repository.h"

#include <nlohmann/json.hpp>
#include <string>

#include "services/store/audit_events.h"
#include "services/store/event_order.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::EventPosition;

constexpr char kHorizon[] =
    "pg_snapshot_xmin(pg_current_snapshot())::text AS horizon";

// Just before every event whose transaction is not below `horizon`, i.e.
// after every settled one (event ids start at 1).
EventPosition AtHorizon(const pqxx::field& horizon) {
  return EventPosition{horizon.as<uint64_t>(), 0};
}

bool Before(const EventPosition& a, const EventPosition& b) {
  return a.commit_xid < b.commit_xid ||
         (a.commit_xid == b.commit_xid && a.id < b.id);
}

domain::EventBatch ReadBatch(pqxx::transaction_base& txn,
                             const EventPosition& after,
                             const std::vector<std::string>& actions, int limit,
                             const domain::ReadScope& reader) {
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT ") + kAuditEventColumns +
          ", commit_xid::text AS commit_xid FROM audit_events WHERE " +
          kSettledEvent +
          " AND (commit_xid, id) > ($1::xid8, $2::bigint) "
          "AND (jsonb_array_length($3::jsonb) = 0 OR $3::jsonb ? action) "
          "AND " +
          VisibleAuditEvent(4, "actor_id") + " ORDER BY " + kEventStreamOrder +
          " LIMIT $5",
      std::to_string(after.commit_xid), after.id,
      nlohmann::json(actions).dump(), ReaderParam(reader), limit);
  domain::EventBatch batch{{}, after};
  const AuditEventReader read(rows);
  const pqxx::row_size_type commit_xid = rows.column_number("commit_xid");
  const pqxx::row_size_type id = rows.column_number("id");
  for (const pqxx::row& row : rows) {
    domain::StreamedEvent streamed{read(row), {}};
    streamed.position =
        EventPosition{row[commit_xid].as<uint64_t>(), row[id].as<int64_t>()};
    batch.next = streamed.position;
    batch.events.push_back(std::move(streamed));
  }
  if (static_cast<int>(rows.size()) < limit) {
    // Every settled event was read: the next read skips those the reader
    // did not see instead of scanning them again.
    const EventPosition horizon =
        AtHorizon(txn.exec1(std::string("SELECT ") + kHorizon)[0]);
    if (Before(batch.next, horizon)) batch.next = horizon;
  }
  return batch;
}

}  // namespace

PgEventRepository::PgEventRepository(Database& database)
    : database_(database) {}

absl::StatusOr<EventPosition> PgEventRepository::Now() {
  return RunRead<EventPosition>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<EventPosition> {
        return AtHorizon(txn.exec1(std::string("SELECT ") + kHorizon)[0]);
      });
}

absl::StatusOr<domain::EventBatch> PgEventRepository::ReadSettled(
    const EventPosition& after, const std::vector<std::string>& actions,
    int limit, const domain::ReadScope& reader) {
  domain::EventBatch batch;
  const absl::Status status =
      database_.pool().Run([&](pqxx::connection& connection) {
        // One snapshot for both statements: the horizon ReadBatch may read
        // last is the one the events were settled against.
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(
            connection);
        batch = ReadBatch(txn, after, actions, limit, reader);
        txn.commit();
      });
  if (!status.ok()) return status;
  return batch;
}

}  // namespace keyward::store
