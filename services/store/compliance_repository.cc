#include "services/store/compliance_repository.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/store/array_literal.h"
#include "services/store/paging.h"
#include "services/store/rows.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::Finding;
using domain::KeyFacts;

const Statement kClaimRun(
    "compliance_runs.claim",
    "UPDATE compliance_runs SET lease_holder = $1, "
    "lease_until = now() + $2::bigint * interval '1 millisecond', "
    "attempt_time = now() "
    "WHERE lease_until < now() AND ($3::bigint IS NULL OR "
    "attempt_time <= now() - $3::bigint * interval '1 millisecond') "
    "RETURNING 1");
const Statement kReleaseRun(
    "compliance_runs.release",
    "UPDATE compliance_runs SET lease_until = '-infinity', "
    "attempt_time = '-infinity' WHERE lease_holder = $1");

// The owner's role bindings only for users (the rules that read them are
// about users' keys), as "role scope" pairs joined by commas: neither roles
// nor scopes hold a space or a comma.
constexpr char kKeyTimes[] =
    KEYWARD_SQL_MICROS("k.create_time") " AS create_micros, "
    KEYWARD_SQL_MICROS("k.expire_time") " AS expire_micros, "
    KEYWARD_SQL_MICROS("k.last_used_time") " AS last_used_micros";
const Statement kKeyFactsAfter(
    "api_keys.compliance_facts",
    absl::StrCat(
        "SELECT k.id, k.owner_id, a.type AS owner_type, "
        "COALESCE(k.resource_id, 'cloud') AS resource_id, "
        "COALESCE(r.environment_id, '') AS environment_id, "
        "COALESCE(e.stage, '') AS stage, ",
        KEYWARD_SQL_KEY_STATE("k"), " AS state, ", kKeyTimes,
        ", "
        "CASE WHEN a.type = 'USER' THEN COALESCE((SELECT string_agg(b.role "
        "|| ' ' || b.scope, ',') FROM role_bindings b WHERE b.principal_id = "
        "k.owner_id), '') ELSE '' END AS bindings "
        "FROM api_keys k JOIN accounts a ON a.id = k.owner_id "
        "LEFT JOIN resources r ON r.id = k.resource_id "
        "LEFT JOIN environments e ON e.id = r.environment_id "
        "WHERE k.id > $1 ORDER BY k.id LIMIT $2"));

const Statement kDeleteFindings("compliance_findings.delete_all",
                                "DELETE FROM compliance_findings");
// Findings about keys deleted since they were read are dropped; the lock
// keeps the others' keys until the commit.
const Statement kInsertFindings(
    "compliance_findings.insert",
    "INSERT INTO compliance_findings (api_key_id, rule, severity, message, "
    "key_create_time) "
    "SELECT u.id, u.rule, u.severity, u.message, k.create_time "
    "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) "
    "AS u(id, rule, severity, message) JOIN api_keys k ON k.id = u.id "
    "FOR KEY SHARE OF k");
const Statement kRecordRun(
    "compliance_runs.record",
    "UPDATE compliance_runs SET evaluate_time = " KEYWARD_SQL_TIME(
        "$2") ", duration_ms = $3, keys_evaluated = $4, findings = $5, "
              "lease_until = '-infinity' WHERE lease_holder = $1 RETURNING 1");
const Statement kLastRun(
    "compliance_runs.last",
    "SELECT " KEYWARD_SQL_MICROS(
        "evaluate_time") " AS evaluate_micros, duration_ms, keys_evaluated, "
                         "findings FROM compliance_runs "
                         "WHERE evaluate_time IS NOT NULL");

KeyFacts ReadKeyFacts(const pqxx::row& row) {
  KeyFacts key;
  key.id = row["id"].as<std::string>();
  key.owner_id = row["owner_id"].as<std::string>();
  key.owner_type = AccountTypeFromName(row["owner_type"].as<std::string>());
  key.resource_id = row["resource_id"].as<std::string>();
  key.environment_id = row["environment_id"].as<std::string>();
  key.stage = row["stage"].as<std::string>();
  key.state = ApiKeyStateFromName(row["state"].as<std::string>());
  key.create_time = TimeFromField(row["create_micros"]);
  key.expire_time = OptionalTimeFromField(row["expire_micros"]);
  key.last_used_time = OptionalTimeFromField(row["last_used_micros"]);
  const std::string bindings = row["bindings"].as<std::string>();
  for (absl::string_view binding :
       absl::StrSplit(bindings, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> pair =
        absl::StrSplit(binding, absl::MaxSplits(' ', 1));
    key.owner_role_bindings.push_back(std::move(pair));
  }
  return key;
}

Finding ReadFinding(const pqxx::row& row) {
  Finding finding;
  finding.api_key_id = row["api_key_id"].as<std::string>();
  finding.rule = row["rule"].as<std::string>();
  finding.severity = row["severity"].as<std::string>();
  finding.message = row["message"].as<std::string>();
  finding.owner_id = row["owner_id"].as<std::string>();
  finding.resource_id = row["resource_id"].as<std::string>();
  finding.environment_id = row["environment_id"].as<std::string>();
  finding.create_time = TimeFromField(row["create_micros"]);
  finding.id = row["id"].as<std::string>();
  return finding;
}

}  // namespace

PgComplianceRepository::PgComplianceRepository(Database& database)
    : database_(database) {}

absl::StatusOr<bool> PgComplianceRepository::ClaimRun(
    const std::string& holder, std::chrono::milliseconds lease,
    std::optional<std::chrono::milliseconds> min_interval) {
  std::optional<int64_t> interval_ms;
  if (min_interval) interval_ms = min_interval->count();
  return RunRead<bool>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<bool> {
        return !ExecPrepared(txn, kClaimRun, holder,
                             static_cast<int64_t>(lease.count()), interval_ms)
                    .empty();
      });
}

absl::Status PgComplianceRepository::ReleaseRun(const std::string& holder) {
  return RunRead<bool>(
             database_.pool(),
             [&](pqxx::transaction_base& txn) -> absl::StatusOr<bool> {
               ExecPrepared(txn, kReleaseRun, holder);
               return true;
             })
      .status();
}

absl::StatusOr<std::vector<KeyFacts>> PgComplianceRepository::KeyFactsAfter(
    const std::string& after_id, int limit) {
  return RunRead<std::vector<KeyFacts>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<std::vector<KeyFacts>> {
        const pqxx::result rows =
            ExecPrepared(txn, kKeyFactsAfter, after_id, limit);
        std::vector<KeyFacts> keys;
        keys.reserve(rows.size());
        for (const pqxx::row& row : rows) keys.push_back(ReadKeyFacts(row));
        return keys;
      });
}

absl::StatusOr<int64_t> PgComplianceRepository::ReplaceFindings(
    const std::vector<Finding>& findings, const domain::ComplianceRun& run,
    const std::string& holder) {
  ArrayLiteral ids, rules, severities, messages;
  for (const Finding& finding : findings) {
    ids.AddText(finding.api_key_id);
    rules.AddText(finding.rule);
    severities.AddText(finding.severity);
    messages.AddText(finding.message);
  }
  absl::StatusOr<int64_t> stored = absl::UnknownError("not run");
  const absl::Status status =
      database_.pool().Run([&](pqxx::connection& connection) {
        pqxx::work txn(connection);
        // Replacing 100,000 findings takes seconds, beyond the statement
        // timeout meant for calls; the lease bounds an evaluation instead.
        // (SET LOCAL ends with the transaction: the pooled connection keeps
        // its own timeout.)
        txn.exec("SET LOCAL statement_timeout = '10min'");
        ExecPrepared(txn, kDeleteFindings);
        const int64_t count =
            ExecPrepared(txn, kInsertFindings, ids.str(), rules.str(),
                         severities.str(), messages.str())
                .affected_rows();
        if (ExecPrepared(txn, kRecordRun, holder, ToMicros(run.evaluate_time),
                         static_cast<int64_t>(run.duration.count()),
                         run.keys_evaluated, count)
                .empty()) {
          stored = absl::AbortedError(
              "the compliance evaluation lost its lease to another replica: "
              "its findings were not stored");
          return;  // rolls back
        }
        txn.commit();
        stored = count;
      });
  if (!status.ok()) return status;
  return stored;
}

absl::StatusOr<domain::Page<Finding>> PgComplianceRepository::ListFindings(
    const domain::FindingFilter& filter, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  return RunRead<domain::Page<Finding>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<Finding>> {
        const pqxx::result rows = txn.exec_params(
            absl::StrCat(
                "SELECT f.api_key_id, f.rule, f.severity, f.message, f.id, ",
                KEYWARD_SQL_MICROS("f.create_time"),
                " AS create_micros, k.owner_id, "
                "COALESCE(k.resource_id, 'cloud') AS resource_id, "
                "COALESCE(r.environment_id, '') AS environment_id "
                // Renamed for AfterCursorCondition, which names create_time.
                "FROM (SELECT * FROM (SELECT api_key_id, rule, severity, "
                "message, id, key_create_time AS create_time FROM "
                "compliance_findings) renamed "
                "WHERE ($1::text = '' OR rule = $1) AND ",
                AfterCursorCondition(3, 4),
                ") f JOIN api_keys k ON k.id = f.api_key_id "
                "LEFT JOIN resources r ON r.id = k.resource_id "
                "WHERE ($2::text = '' OR r.environment_id = $2) AND ",
                VisibleApiKey(6, "k.owner_id", "k.resource_id"),
                " ORDER BY f.create_time, f.id LIMIT $5"),
            filter.rule, filter.environment_id, CursorMicros(page),
            CursorId(page), page.page_size + 1, ReaderParam(reader));
        return MakePage<Finding>(rows, page, ReadFinding);
      });
}

absl::StatusOr<std::optional<domain::ComplianceRun>>
PgComplianceRepository::LastRun() {
  return RunRead<std::optional<domain::ComplianceRun>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<std::optional<domain::ComplianceRun>> {
        const pqxx::result rows = ExecPrepared(txn, kLastRun);
        if (rows.empty()) return std::nullopt;
        domain::ComplianceRun run;
        run.evaluate_time = TimeFromField(rows[0]["evaluate_micros"]);
        run.duration =
            std::chrono::milliseconds(rows[0]["duration_ms"].as<int64_t>());
        run.keys_evaluated = rows[0]["keys_evaluated"].as<int64_t>();
        run.findings = rows[0]["findings"].as<int64_t>();
        return std::optional<domain::ComplianceRun>(run);
      });
}

}  // namespace keyward::store
