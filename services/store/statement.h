// A prepared statement: SQL and the name it is prepared under on every
// connection, and ExecPrepared, which runs it.
//
// Names read "<table>.<what it does>" (e.g. "accounts.insert"), so a server
// log line or pg_prepared_statements says which statement ran. Every
// Statement registers its name when it is constructed; a second, different
// statement under a name already taken aborts the process. Statements are
// constants at namespace scope, constructed before main, so a collision
// stops keywardd (and every test binary) at startup rather than surfacing
// as a redefinition error on some connection later.
//
// Thread-safety: construction is serialized; a Statement is immutable.
#ifndef KEYWARD_SERVICES_STORE_STATEMENT_H_
#define KEYWARD_SERVICES_STORE_STATEMENT_H_

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace keyward::store {

class Statement {
 public:
  Statement(std::string name, std::string sql);

  const std::string& name() const { return name_; }
  const std::string& sql() const { return sql_; }

 private:
  std::string name_;
  std::string sql_;
};

// Runs `statement` prepared on the transaction's connection: the server
// parses and plans it on the connection's first use only, not on every
// call. For statements that look rows up by key (their generic plan is the
// right one); list queries with optional filters stay with exec_params,
// where a plan made for the actual arguments can use the matching index.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& txn,
                          const Statement& statement, Args&&... args) {
  // Registers once per connection; a no-op afterwards.
  txn.conn().prepare(statement.name(), statement.sql());
  return txn.exec_prepared(statement.name(), std::forward<Args>(args)...);
}

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_STATEMENT_H_
