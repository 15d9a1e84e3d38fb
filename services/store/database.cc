#include "services/store/database.h"

#include "services/store/connection_pool.h"
#include "services/store/migrations.h"

namespace keyward::store {

Database::Database(const std::string& url, int pool_size, SessionLimits limits,
                   domain::MetricsSink& metrics)
    : pool_(std::make_unique<ConnectionPool>(
          url, pool_size, limits, std::chrono::milliseconds(5000), metrics)) {}

Database::~Database() = default;

absl::Status Database::Ping() {
  auto select_one = [](pqxx::connection& c) {
    pqxx::nontransaction statement(c);
    statement.exec("SELECT 1");
  };
  absl::Status status = pool_->Run(select_one);
  // A first failure may only be a connection the server dropped while idle;
  // the pool has discarded it, so a second try tells the truth.
  if (!status.ok()) status = pool_->Run(select_one);
  return status;
}

absl::StatusOr<std::vector<std::string>> Database::Migrate() {
  return ApplyMigrations(*pool_, EmbeddedMigrations());
}

}  // namespace keyward::store
