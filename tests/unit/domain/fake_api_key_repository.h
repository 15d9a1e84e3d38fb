// Test doubles for the API-key domain: an in-memory ApiKeyRepository that
// counts its calls and can be told to fail (and FixedClock, fake_clock.h).
//
// Thread-safety: FakeApiKeyRepository is guarded by a mutex (the
// KeyUseRecorder calls it from its own thread).
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_FAKE_API_KEY_REPOSITORY_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_FAKE_API_KEY_REPOSITORY_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "services/domain/clock.h"
#include "services/domain/repositories.h"
#include "tests/unit/domain/fake_clock.h"

namespace keyward::domain::testing {

// The pepper the API-key tests hash secrets with.
inline constexpr char kPepper[] = "unit-test-pepper-0123456789abcdefghijklmnop";

class FakeApiKeyRepository : public ApiKeyRepository {
 public:
  struct CreateCall {
    ApiKey key;
    std::string secret_hash;
    KeyQuotas quotas;
    Mutation mutation;
  };

  struct RotateCall {
    std::string old_id;
    ApiKey successor;
    std::string secret_hash;
    Time retire_at;
  };

  void Put(const ApiKey& key, const std::string& secret_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    keys_[key.id] = StoredApiKey{key, secret_hash};
  }

  absl::StatusOr<std::variant<ApiKey, KeyQuotaExceeded>> Create(
      const ApiKey& key, const std::string& secret_hash,
      const KeyQuotas& quotas, const Mutation& mutation) override {
    std::lock_guard<std::mutex> lock(mutex_);
    creates_.push_back(CreateCall{key, secret_hash, quotas, mutation});
    if (!create_status_.ok()) return create_status_;
    if (!mutation.validate_only) keys_[key.id] = StoredApiKey{key, secret_hash};
    return key;
  }
  absl::StatusOr<ApiKey> Get(const std::string& id, const ReadScope&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++reads_;
    auto it = keys_.find(id);
    if (it == keys_.end()) return absl::NotFoundError("API key not found");
    return it->second.key;
  }
  absl::StatusOr<Page<ApiKey>> List(const ApiKeyFilter& filter,
                                    const PageRequest&,
                                    const ReadScope&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++reads_;
    last_filter_ = filter;
    return Page<ApiKey>{};
  }
  absl::StatusOr<ApiKey> Update(const std::string& id,
                                const ApiKeyUpdate& update,
                                const Mutation&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = keys_.find(id);
    if (it == keys_.end()) return absl::NotFoundError("API key not found");
    if (update.display_name) it->second.key.display_name = *update.display_name;
    if (update.description) it->second.key.description = *update.description;
    return it->second.key;
  }
  absl::StatusOr<DeleteResult> Delete(const std::string& id,
                                      const Mutation& mutation) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!keys_.count(id)) return absl::NotFoundError("API key not found");
    if (!mutation.validate_only) keys_.erase(id);
    DeleteResult result;
    result.id = id;
    result.validate_only = mutation.validate_only;
    return result;
  }
  absl::StatusOr<ApiKey> Disable(const std::string& id,
                                 const Mutation& mutation) override {
    return SetDisableTime(id, mutation.now, mutation);
  }
  absl::StatusOr<ApiKey> Enable(const std::string& id,
                                const Mutation& mutation) override {
    return SetDisableTime(id, std::nullopt, mutation);
  }
  absl::StatusOr<std::variant<RotatedApiKey, KeyNotRotatable, KeyQuotaExceeded>>
  Rotate(const std::string& old_id, const ApiKey& successor,
         const std::string& secret_hash, Time retire_at, const KeyQuotas&,
         const Mutation& mutation) override {
    std::lock_guard<std::mutex> lock(mutex_);
    rotates_.push_back(RotateCall{old_id, successor, secret_hash, retire_at});
    auto it = keys_.find(old_id);
    if (it == keys_.end()) return absl::NotFoundError("API key not found");
    RotatedApiKey rotated{successor, it->second.key};
    rotated.previous.expire_time = retire_at;
    if (!mutation.validate_only) {
      keys_[successor.id] = StoredApiKey{successor, secret_hash};
      keys_[old_id].key = rotated.previous;
    }
    return rotated;
  }
  // The written usage of `id` on first..last, as PostgreSQL would return it.
  absl::StatusOr<std::vector<KeyUsageDay>> Usage(const std::string& id,
                                                 UtcDay first,
                                                 UtcDay last) override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<KeyUsageDay> usage;
    for (const auto& [key_day, counts] : written_counts_) {
      if (key_day.first == id && key_day.second >= first &&
          key_day.second <= last) {
        usage.push_back(KeyUsageDay{key_day.second, counts});
      }
    }
    return usage;
  }
  // Any owner exists; a resource other than "cloud" is a Kafka cluster in a
  // dev environment.
  absl::StatusOr<KeyCreationFacts> CreationFacts(
      const std::string& owner_id, const std::string& resource_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    KeyCreationFacts facts;
    facts.owner.id = owner_id;
    facts.owner.type = AccountType::kServiceAccount;
    if (resource_id != kCloudResourceId) {
      facts.resource = Resource{};
      facts.resource->id = resource_id;
      facts.resource->environment_id = "env-dev00001";
      facts.environment = Environment{};
      facts.environment->id = "env-dev00001";
      facts.environment->stage = "dev";
    }
    for (const auto& [id, stored] : keys_) {
      if (stored.key.owner_id != owner_id) continue;
      ++facts.counts.owner_total;
      if (stored.key.resource_id == resource_id) {
        ++facts.counts.owner_on_resource;
      }
    }
    return facts;
  }
  absl::StatusOr<std::optional<StoredApiKey>> FindForVerification(
      const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++lookups_;
    if (!lookup_status_.ok()) return lookup_status_;
    auto it = keys_.find(id);
    if (it == keys_.end()) return std::optional<StoredApiKey>();
    return std::optional<StoredApiKey>(it->second);
  }
  absl::Status RecordUses(const KeyUses& uses) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!record_status_.ok()) return record_status_;
    batches_.push_back(uses);
    for (const auto& [id, tally] : uses.keys) {
      if (tally.last_used) {
        auto& stored = written_last_used_[id];
        if (stored < *tally.last_used) stored = *tally.last_used;
      }
      for (const KeyUsageDay& day : tally.days) {
        written_counts_[{id, day.day}] += day.counts;
      }
    }
    recorded_.notify_all();
    return absl::OkStatus();
  }
  // Sets what the written usage is.
  void PutUsage(const std::string& id, UtcDay day, const UsageCounts& counts) {
    std::lock_guard<std::mutex> lock(mutex_);
    written_counts_[{id, day}] = counts;
  }

  // A disabled key keeps its first disable_time and disabled_by; the state
  // is not derived.
  absl::StatusOr<ApiKey> SetDisableTime(const std::string& id,
                                        std::optional<Time> disable_time,
                                        const Mutation& mutation) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = keys_.find(id);
    if (it == keys_.end()) return absl::NotFoundError("API key not found");
    ApiKey key = it->second.key;
    if (!disable_time || !key.disable_time) {
      key.disable_time = disable_time;
      key.disabled_by = disable_time ? mutation.audit.actor_id : "";
    }
    key.state =
        key.disable_time ? ApiKeyState::kDisabled : ApiKeyState::kActive;
    if (!mutation.validate_only) it->second.key = key;
    return key;
  }

  // Waits up to `timeout` until at least `count` batches were written.
  bool WaitForBatches(size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return recorded_.wait_for(lock, timeout,
                              [&] { return batches_.size() >= count; });
  }

  void set_create_status(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    create_status_ = std::move(status);
  }
  void set_lookup_status(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    lookup_status_ = std::move(status);
  }
  void set_record_status(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    record_status_ = std::move(status);
  }

  int lookups() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lookups_;
  }
  int reads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reads_;
  }
  std::vector<CreateCall> creates() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return creates_;
  }
  std::vector<RotateCall> rotates() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return rotates_;
  }
  std::vector<KeyUses> batches() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return batches_;
  }
  std::map<std::string, Time> written_last_used() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return written_last_used_;
  }
  std::map<std::pair<std::string, UtcDay>, UsageCounts> written_counts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return written_counts_;
  }
  ApiKeyFilter last_filter() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_filter_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable recorded_;
  std::map<std::string, StoredApiKey> keys_;
  absl::Status create_status_;
  absl::Status lookup_status_;
  absl::Status record_status_;
  int lookups_ = 0;
  int reads_ = 0;
  std::vector<CreateCall> creates_;
  std::vector<RotateCall> rotates_;
  std::vector<KeyUses> batches_;
  std::map<std::string, Time> written_last_used_;
  std::map<std::pair<std::string, UtcDay>, UsageCounts> written_counts_;
  ApiKeyFilter last_filter_;
};

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_FAKE_API_KEY_REPOSITORY_H_
