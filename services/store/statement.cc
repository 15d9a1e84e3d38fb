#include "services/store/statement.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace keyward::store {
namespace {

// The SQL of every statement by name, for the whole process.
std::map<std::string, std::string>& Registry() {
  static auto* registry = new std::map<std::string, std::string>();
  return *registry;
}

std::mutex& RegistryMutex() {
  static auto* mutex = new std::mutex();
  return *mutex;
}

}  // namespace

Statement::Statement(std::string name, std::string sql)
    : name_(std::move(name)), sql_(std::move(sql)) {
  const std::lock_guard<std::mutex> lock(RegistryMutex());
  const auto [entry, added] = Registry().emplace(name_, sql_);
  if (!added && entry->second != sql_) {
    std::fprintf(stderr,
                 "keyward: two different SQL statements are named \"%s\"\n",
                 name_.c_str());
    std::abort();
  }
}

}  // namespace keyward::store
