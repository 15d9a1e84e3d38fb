#include "services/store/webhook_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/store/audit_events.h"
#include "services/store/delete_result.h"
#include "services/store/event_order.h"
#include "services/store/not_found.h"
#include "services/store/paging.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"

namespace keyward::store {
namespace {

using domain::DeliveryStatus;
using domain::Webhook;
using domain::WebhookDelivery;

constexpr char kWebhookColumns[] =
    "webhooks.id, webhooks.url, "
    "array_to_json(webhooks.actions)::text AS actions, webhooks.description, "
    "webhooks.secret_salt, webhooks.created_by, "
    "(extract(epoch from webhooks.create_time) * 1000000)::bigint "
    "AS create_micros";

// The delivery columns beside kAuditEventColumns, from a subquery `d`.
constexpr char kDeliveryColumns[] =
    "d.delivery_id, d.status, d.attempts, d.last_error, "
    "(extract(epoch from d.last_attempt_time) * 1000000)::bigint "
    "AS last_attempt_micros";

constexpr char kDeliveriesOf[] =
    "(SELECT id AS delivery_id, event_id, status, attempts, last_error, "
    "last_attempt_time FROM webhook_deliveries WHERE webhook_id = $1";

Webhook ReadWebhook(const pqxx::row& row) {
  Webhook webhook;
  webhook.id = row["id"].as<std::string>();
  webhook.url = row["url"].as<std::string>();
  webhook.actions = nlohmann::json::parse(row["actions"].as<std::string>())
                        .get<std::vector<std::string>>();
  webhook.description = row["description"].as<std::string>();
  webhook.secret_salt = row["secret_salt"].as<std::string>();
  webhook.created_by = row["created_by"].as<std::string>();
  webhook.create_time = TimeFromField(row["create_micros"]);
  return webhook;
}

DeliveryStatus StatusFromText(const std::string& text) {
  if (text == "DELIVERED") return DeliveryStatus::kDelivered;
  if (text == "FAILED") return DeliveryStatus::kFailed;
  return DeliveryStatus::kPending;
}

WebhookDelivery ReadDelivery(const AuditEventReader& read_event,
                             const pqxx::row& row) {
  WebhookDelivery delivery;
  delivery.id = row["delivery_id"].as<std::string>();
  delivery.event = read_event(row);
  delivery.status = StatusFromText(row["status"].as<std::string>());
  delivery.attempts = row["attempts"].as<int>();
  delivery.last_error = row["last_error"].as<std::string>();
  delivery.last_attempt_time =
      OptionalTimeFromField(row["last_attempt_micros"]);
  return delivery;
}

const Statement kInsert(
    "webhooks.insert",
    absl::StrCat("INSERT INTO webhooks (id, url, actions, description, "
                 "secret_salt, created_by, create_time) VALUES ($1, $2, "
                 "ARRAY(SELECT jsonb_array_elements_text($3::jsonb)), $4, $5, "
                 "$6, ",
                 KEYWARD_SQL_TIME("$7"), ") RETURNING ", kWebhookColumns));
const Statement kGet("webhooks.get",
                     absl::StrCat("SELECT ", kWebhookColumns,
                                  " FROM webhooks WHERE id = $1 AND $2"));
const Statement kList("webhooks.list",
                      absl::StrCat("SELECT ", kWebhookColumns,
                                   " FROM webhooks WHERE $1 AND ",
                                   AfterCursorCondition(2, 3),
                                   " ORDER BY create_time, id LIMIT $4"));
const Statement kDelete("webhooks.delete",
                        "DELETE FROM webhooks WHERE id = $1 RETURNING id");
const Statement kListDeliveries(
    "webhook_deliveries.list",
    absl::StrCat("SELECT ", kDeliveryColumns, ", ", kAuditEventColumns,
                 " FROM ", kDeliveriesOf,
                 " AND ($2::bigint IS NULL OR id < $2)) d JOIN audit_events "
                 "ON audit_events.id = d.event_id "
                 "ORDER BY d.delivery_id DESC LIMIT $3"));

// A webhook free to lease (no live lease, no backoff running) with a
// settled pending delivery; the least recently served first, so that one
// busy webhook does not starve the others.
const Statement kLease(
    "webhooks.lease",
    absl::StrCat(
        "UPDATE webhooks SET lease_holder = $1, lease_expire_time = now() + "
        "$2::float8 * interval '1 millisecond' WHERE id = (SELECT w.id FROM "
        "webhooks "
        "w WHERE (w.lease_expire_time IS NULL OR w.lease_expire_time < "
        "now()) AND (w.retry_time IS NULL OR w.retry_time <= now()) AND "
        "EXISTS (SELECT 1 FROM webhook_deliveries wd JOIN audit_events ON "
        "audit_events.id = wd.event_id WHERE wd.webhook_id = w.id AND "
        "wd.status = 'PENDING' AND ",
        kSettledEvent,
        ") ORDER BY w.lease_expire_time NULLS FIRST, w.id LIMIT 1 "
        "FOR NO KEY UPDATE SKIP LOCKED) RETURNING ",
        kWebhookColumns));
// The webhook's next delivery: its oldest settled pending event in stream
// order.
const Statement kHead(
    "webhook_deliveries.head",
    absl::StrCat("SELECT ", kDeliveryColumns, ", ", kAuditEventColumns,
                 " FROM audit_events JOIN ", kDeliveriesOf,
                 " AND status = 'PENDING') d ON d.event_id = audit_events.id "
                 "WHERE ",
                 kSettledEvent, " ORDER BY ", kEventStreamOrder, " LIMIT 1"));
const Statement kHolds("webhooks.holds",
                       "SELECT 1 FROM webhooks WHERE id = $1 AND "
                       "lease_holder = $2 FOR NO KEY UPDATE");
const Statement kRecordAttempt(
    "webhook_deliveries.record_attempt",
    absl::StrCat("UPDATE webhook_deliveries SET status = $2, attempts = "
                 "attempts + 1, last_error = CASE WHEN $3::text = '' THEN "
                 "last_error ELSE $3 END, last_attempt_time = ",
                 KEYWARD_SQL_TIME("$4"), " WHERE id = $1"));
const Statement kRelease(
    "webhooks.release",
    absl::StrCat("UPDATE webhooks SET lease_holder = NULL, lease_expire_time "
                 "= now(), retry_time = CASE WHEN $2::bigint IS NULL THEN NULL "
                 "ELSE ",
                 KEYWARD_SQL_TIME("$2"), " END WHERE id = $1"));

}  // namespace

PgWebhookRepository::PgWebhookRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Webhook> PgWebhookRepository::Create(
    const Webhook& webhook, const domain::Mutation& mutation) {
  return RunMutation<Webhook>(database_.pool(), mutation,
                              [&](pqxx::work& txn) -> absl::StatusOr<Webhook> {
                                const pqxx::result rows = ExecPrepared(
                                    txn, kInsert, webhook.id, webhook.url,
                                    nlohmann::json(webhook.actions).dump(),
                                    webhook.description, webhook.secret_salt,
                                    webhook.created_by, ToMicros(mutation.now));
                                return ReadWebhook(rows[0]);
                              });
}

absl::StatusOr<Webhook> PgWebhookRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<Webhook>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<Webhook> {
        const pqxx::result rows = ExecPrepared(txn, kGet, id, reader.webhooks);
        if (rows.empty()) return NotFound("webhook", id);
        return ReadWebhook(rows[0]);
      });
}

absl::StatusOr<domain::Page<Webhook>> PgWebhookRepository::List(
    const domain::PageRequest& page, const domain::ReadScope& reader) {
  return RunRead<domain::Page<Webhook>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<Webhook>> {
        const pqxx::result rows =
            ExecPrepared(txn, kList, reader.webhooks, CursorMicros(page),
                         CursorId(page), page.page_size + 1);
        return MakePage<Webhook>(rows, page, ReadWebhook);
      });
}

absl::StatusOr<domain::DeleteResult> PgWebhookRepository::Delete(
    const std::string& id, const domain::Mutation& mutation) {
  return RunMutation<domain::DeleteResult>(
      database_.pool(), mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<domain::DeleteResult> {
        if (ExecPrepared(txn, kDelete, id).empty()) {
          return NotFound("webhook", id);
        }
        return DeleteResultFor(id, mutation);
      });
}

absl::StatusOr<domain::Page<WebhookDelivery>>
PgWebhookRepository::ListDeliveries(const std::string& webhook_id,
                                    const domain::PageRequest& page) {
  std::optional<int64_t> before;
  if (page.after) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(page.after->id, &id)) {
      return absl::InvalidArgumentError("page_token: does not name a delivery");
    }
    before = id;
  }
  return RunRead<domain::Page<WebhookDelivery>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<WebhookDelivery>> {
        const pqxx::result rows = ExecPrepared(txn, kListDeliveries, webhook_id,
                                               before, page.page_size + 1);
        const AuditEventReader read_event(rows);
        domain::Page<WebhookDelivery> result;
        for (const pqxx::row& row : rows) {
          if (static_cast<int>(result.items.size()) == page.page_size) {
            const WebhookDelivery& last = result.items.back();
            result.next = domain::PageCursor{last.event.create_time, last.id};
            break;
          }
          result.items.push_back(ReadDelivery(read_event, row));
        }
        return result;
      });
}

absl::StatusOr<std::optional<domain::DueDelivery>>
PgWebhookRepository::LeaseNext(const std::string& holder,
                               std::chrono::milliseconds lease) {
  std::optional<domain::DueDelivery> due;
  const absl::Status status =
      database_.pool().Run([&](pqxx::connection& connection) {
        due.reset();
        pqxx::work txn(connection);
        const pqxx::result leased = ExecPrepared(
            txn, kLease, holder, static_cast<int64_t>(lease.count()));
        if (leased.empty()) return;
        domain::DueDelivery next;
        next.webhook = ReadWebhook(leased[0]);
        const pqxx::result head = ExecPrepared(txn, kHead, next.webhook.id);
        if (head.empty()) return;  // rolls the lease back
        next.delivery = ReadDelivery(AuditEventReader(head), head[0]);
        txn.commit();
        due = std::move(next);
      });
  if (!status.ok()) return status;
  return due;
}

absl::Status PgWebhookRepository::Record(const std::string& holder,
                                         const domain::DueDelivery& due,
                                         const domain::DeliveryAttempt& attempt,
                                         domain::Time now) {
  const char* status = attempt.delivered    ? "DELIVERED"
                       : attempt.retry_time ? "PENDING"
                                            : "FAILED";
  std::optional<int64_t> retry_micros;
  if (!attempt.delivered && attempt.retry_time) {
    retry_micros = ToMicros(*attempt.retry_time);
  }
  return database_.pool().Run([&](pqxx::connection& connection) {
    pqxx::work txn(connection);
    // A lease lost (expired and taken) leaves the record to its new holder.
    if (ExecPrepared(txn, kHolds, due.webhook.id, holder).empty()) return;
    int64_t delivery_id = 0;
    (void)absl::SimpleAtoi(due.delivery.id, &delivery_id);
    ExecPrepared(txn, kRecordAttempt, delivery_id, status, attempt.error,
                 ToMicros(now));
    ExecPrepared(txn, kRelease, due.webhook.id, retry_micros);
    txn.commit();
  });
}

}  // namespace keyward::store
