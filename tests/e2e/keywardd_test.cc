// keywardd as a process: started the way scripts/run starts it, against a
// real PostgreSQL, called through generated stubs.
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;
using grpc::reflection::v1alpha::ServerReflection;
using grpc::reflection::v1alpha::ServerReflectionRequest;
using grpc::reflection::v1alpha::ServerReflectionResponse;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

// One request/response exchange on the reflection stream.
ServerReflectionResponse Reflect(const std::string& address,
                                 const ServerReflectionRequest& request) {
  auto stub = ServerReflection::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  auto stream = stub->ServerReflectionInfo(&context);
  ServerReflectionResponse response;
  EXPECT_TRUE(stream->Write(request));
  stream->WritesDone();
  EXPECT_TRUE(stream->Read(&response));
  while (stream->Read(nullptr)) {
  }
  stream->Finish();
  return response;
}

class KeywarddTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() const {
    return {{"KEYWARD_DATABASE_URL", db_.url()}};
  }
  TestDatabase db_;
};

TEST_F(KeywarddTest, ServesHealthAndReflectionOfEveryKeywardService) {
  KeywarddProcess keywardd(Env());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  EXPECT_EQ(CheckHealth(keywardd.address()), HealthCheckResponse::SERVING);

  ServerReflectionRequest list;
  list.set_list_services("");
  const ServerReflectionResponse listed = Reflect(keywardd.address(), list);
  std::vector<std::string> names;
  for (const auto& service : listed.list_services_response().service()) {
    names.push_back(service.name());
  }
  EXPECT_THAT(
      names,
      IsSupersetOf({"keyward.v1.EnvironmentService",
                    "keyward.v1.AccountService", "keyward.v1.ResourceService",
                    "keyward.v1.ApiKeyService", "keyward.v1.RoleBindingService",
                    "keyward.v1.AuditService", "grpc.health.v1.Health"}));
  EXPECT_THAT(names, ::testing::Contains("keyward.v1.EventService"));

  // grpcurl needs the defining file to describe and call a service, health
  // included.
  for (const char* service :
       {"keyward.v1.ApiKeyService", "grpc.health.v1.Health"}) {
    ServerReflectionRequest symbol;
    symbol.set_file_containing_symbol(service);
    const ServerReflectionResponse file = Reflect(keywardd.address(), symbol);
    EXPECT_GT(file.file_descriptor_response().file_descriptor_proto_size(), 0)
        << service << ": " << file.error_response().error_message();
  }
}

TEST_F(KeywarddTest, LogsOneLinePerRequestWithoutTheAuthorizationHeader) {
  KeywarddProcess keywardd(Env());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();

  {
    // An idle C++ client does not answer the server's shutdown ping, which
    // would stretch the drain; close the channel before stopping.
    auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        keywardd.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Basic c2VjcmV0LWNyZWRlbnRpYWxz");
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(stub->Check(&context, {}, &response).ok());
  }
  ASSERT_EQ(keywardd.Stop(SIGTERM), 0);

  const std::string log = keywardd.log();
  EXPECT_THAT(log, HasSubstr(" method=/grpc.health.v1.Health/Check code=OK "
                             "duration_ms="));
  EXPECT_THAT(log, Not(HasSubstr("c2VjcmV0LWNyZWRlbnRpYWxz")));
}

// The x-request-id keywardd sent back on a health check that carried
// `request_id` (none when empty).
std::string HealthCheckRequestId(const std::string& address,
                                 const std::string& request_id) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Basic c2VjcmV0LWNyZWRlbnRpYWxz");
  if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
  grpc::health::v1::HealthCheckResponse response;
  EXPECT_TRUE(stub->Check(&context, {}, &response).ok());
  const auto sent = context.GetServerInitialMetadata().find("x-request-id");
  if (sent == context.GetServerInitialMetadata().end()) return "";
  return std::string(sent->second.data(), sent->second.size());
}

TEST_F(KeywarddTest, JsonLogsGiveEachCallItsRequestIdMethodCodeAndLatency) {
  auto env = Env();
  env["KEYWARD_LOG_FORMAT"] = "json";
  KeywarddProcess keywardd(env);
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  const std::string given = HealthCheckRequestId(keywardd.address(), "trace-7");
  // Text that could forge a log field is not taken as an id.
  const std::string replaced =
      HealthCheckRequestId(keywardd.address(), "x\" level=ERROR");
  const std::string generated = HealthCheckRequestId(keywardd.address(), "");
  ASSERT_EQ(keywardd.Stop(SIGTERM), 0);

  EXPECT_EQ(given, "trace-7");
  EXPECT_THAT(replaced, ::testing::MatchesRegex("[0-9a-v]{20}"));
  EXPECT_THAT(generated, ::testing::MatchesRegex("[0-9a-v]{20}"));
  EXPECT_NE(replaced, generated);

  std::istringstream lines(keywardd.log());
  std::set<std::string> logged_ids;
  int lines_read = 0;
  for (std::string line; std::getline(lines, line); ++lines_read) {
    const auto object = nlohmann::json::parse(line);  // every line is JSON
    EXPECT_TRUE(object.contains("time") && object.contains("level"));
    if (object["message"] != "rpc") continue;
    EXPECT_EQ(object["method"], "/grpc.health.v1.Health/Check");
    EXPECT_EQ(object["code"], "OK");
    EXPECT_TRUE(object["duration_ms"].is_number()) << line;
    EXPECT_TRUE(object.contains("peer")) << line;
    logged_ids.insert(object["request_id"].get<std::string>());
  }
  EXPECT_GT(lines_read, 3);
  EXPECT_EQ(logged_ids, (std::set<std::string>{given, replaced, generated}));
  EXPECT_THAT(keywardd.log(), Not(HasSubstr("c2VjcmV0LWNyZWRlbnRpYWxz")));
  EXPECT_THAT(keywardd.log(), Not(HasSubstr("level=ERROR")));
}

TEST_F(KeywarddTest, AnUnknownLogFormatIsRejectedAtStartup) {
  auto env = Env();
  env["KEYWARD_LOG_FORMAT"] = "yaml";
  KeywarddProcess keywardd(env);
  EXPECT_FALSE(keywardd.Start());
  EXPECT_THAT(keywardd.log(), HasSubstr("must be one of text, json"));
}

TEST_F(KeywarddTest, AnUnparseableRequestIsInvalidArgumentNotInternal) {
  KeywarddProcess keywardd(Env());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  grpc::Status status;
  {
    grpc::GenericStub stub(grpc::CreateChannel(
        keywardd.address(), grpc::InsecureChannelCredentials()));
    // CreateEnvironmentRequest{display_name: "\xFF"}: not valid UTF-8.
    const char bytes[] = {0x0A, 0x01, '\xFF'};
    grpc::Slice slice(bytes, sizeof(bytes));
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/keyward.v1.EnvironmentService/CreateEnvironment",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    status = done.get_future().get();
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("valid UTF-8"));
  ASSERT_EQ(keywardd.Stop(SIGTERM), 0);
  EXPECT_THAT(keywardd.log(),
              HasSubstr("CreateEnvironment code=INVALID_ARGUMENT"));
}

TEST_F(KeywarddTest, ShutsDownCleanlyOnSigterm) {
  KeywarddProcess keywardd(Env());
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  EXPECT_EQ(keywardd.Stop(SIGTERM), 0);
  EXPECT_THAT(keywardd.log(), HasSubstr("stopped"));
}

TEST_F(KeywarddTest, TwoInstancesStartingTogetherShareOneSchema) {
  KeywarddProcess first(Env());
  KeywarddProcess second(Env());
  ASSERT_TRUE(first.Start()) << first.log();
  ASSERT_TRUE(second.Start()) << second.log();
  EXPECT_EQ(CheckHealth(first.address()), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(second.address()), HealthCheckResponse::SERVING);
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM schema_migrations "
                           "WHERE name = '0001_initial_schema'"),
            "1");
}

TEST_F(KeywarddTest, MigrateAppliesTheSchemaAndExits) {
  KeywarddProcess migrate(Env(), {"migrate"});
  EXPECT_EQ(migrate.RunToExit(), 0) << migrate.log();
  EXPECT_EQ(db_.QueryValue("SELECT to_regclass('api_keys') IS NOT NULL"), "t");
  KeywarddProcess again(Env(), {"migrate"});
  EXPECT_EQ(again.RunToExit(), 0) << again.log();
  EXPECT_THAT(again.log(), HasSubstr("schema up to date"));
}

TEST_F(KeywarddTest, RejectsBadConfigurationWithExitCode2NamingTheSetting) {
  auto env = Env();
  env["KEYWARD_LISTEN"] = "not-an-address";
  env["KEYWARD_HEALTH_CHECK_INTERVAL"] = "often";
  env["KEYWARD_TRUSTED_PROXIES"] = "10.0.0.7,gateway";
  KeywarddProcess keywardd(env);
  EXPECT_EQ(keywardd.RunToExit(), 2);
  EXPECT_THAT(keywardd.log(), HasSubstr("KEYWARD_LISTEN: must be host:port"));
  EXPECT_THAT(
      keywardd.log(),
      HasSubstr("KEYWARD_HEALTH_CHECK_INTERVAL: 'often' is not a duration"));
  EXPECT_THAT(keywardd.log(),
              HasSubstr("KEYWARD_TRUSTED_PROXIES: 'gateway' is not an IP "
                        "address"));
}

// A pepper file of its own, mode 0600, in a directory the test removes.
class PepperFile {
 public:
  explicit PepperFile(const std::string& pepper, mode_t mode = 0600)
      : dir_(MakeTempDir()), path_(dir_ + "/pepper") {
    std::ofstream(path_) << pepper;
    chmod(path_.c_str(), mode);
  }
  ~PepperFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

constexpr char kPepperA[] = "pepper-A-0123456789abcdefghijklmnopqrstuvwxyz";
constexpr char kPepperB[] = "pepper-B-0123456789abcdefghijklmnopqrstuvwxyz";

TEST_F(KeywarddTest, RefusesToStartUnderAPepperOtherThanTheFirstOne) {
  const PepperFile a(kPepperA);
  const PepperFile b(kPepperB);
  auto with = [&](const PepperFile& pepper) {
    auto env = Env();
    env["KEYWARD_PEPPER_FILE"] = pepper.path();
    return env;
  };
  {
    KeywarddProcess first(with(a));
    ASSERT_TRUE(first.Start()) << first.log();
    EXPECT_EQ(first.Stop(SIGTERM), 0) << first.log();
  }
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM pepper_checks"), "1");
  EXPECT_EQ(
      db_.QueryValue("SELECT octet_length(check_value) FROM pepper_checks"),
      "32");

  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"serve"}, {"bootstrap"}}) {
    auto env = with(b);
    env["KEYWARD_BOOTSTRAP_EMAIL"] = "admin@example.com";
    KeywarddProcess other(env, command);
    EXPECT_EQ(other.RunToExit(), 1) << other.log();
    EXPECT_THAT(other.log(),
                HasSubstr("the pepper in KEYWARD_PEPPER_FILE / --pepper-file "
                          "(" +
                          b.path() +
                          ") is not the one this database's keys were made "
                          "with"));
    EXPECT_THAT(other.log(), Not(HasSubstr(kPepperA)));
    EXPECT_THAT(other.log(), Not(HasSubstr(kPepperB)));
  }
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM accounts"), "0");

  KeywarddProcess again(with(a));
  ASSERT_TRUE(again.Start()) << again.log();
  EXPECT_EQ(CheckHealth(again.address()), HealthCheckResponse::SERVING);
}

TEST_F(KeywarddTest, ConcurrentFirstStartsUnderTwoPeppersRecordOnlyOne) {
  const PepperFile a(kPepperA);
  const PepperFile b(kPepperB);
  auto env_a = Env();
  env_a["KEYWARD_PEPPER_FILE"] = a.path();
  auto env_b = Env();
  env_b["KEYWARD_PEPPER_FILE"] = b.path();
  KeywarddProcess first(env_a);
  KeywarddProcess second(env_b);
  auto first_started =
      std::async(std::launch::async, [&] { return first.Start(); });
  auto second_started =
      std::async(std::launch::async, [&] { return second.Start(); });
  const bool first_ok = first_started.get();
  const bool second_ok = second_started.get();
  EXPECT_NE(first_ok, second_ok) << first.log() << second.log();
  EXPECT_THAT(first_ok ? second.log() : first.log(),
              HasSubstr("is not the one this database's keys were made with"));
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM pepper_checks"), "1");
}

TEST_F(KeywarddTest, RefusesAPepperFileOthersCanReadWithExitCode2) {
  const PepperFile readable(kPepperA, 0644);
  auto env = Env();
  env["KEYWARD_PEPPER_FILE"] = readable.path();
  KeywarddProcess keywardd(env);
  EXPECT_EQ(keywardd.RunToExit(), 2);
  EXPECT_THAT(keywardd.log(), HasSubstr("KEYWARD_PEPPER_FILE: '" +
                                        readable.path() + "' is readable"));
  EXPECT_THAT(keywardd.log(), HasSubstr("chmod 600"));
}

TEST_F(KeywarddTest, FailsToStartWhenTheDatabaseIsUnreachable) {
  KeywarddProcess keywardd(std::map<std::string, std::string>{
      {"KEYWARD_DATABASE_URL", "postgresql://keyward@127.0.0.1:1/keyward"}});
  EXPECT_EQ(keywardd.RunToExit(), 1);
  EXPECT_THAT(keywardd.log(), HasSubstr("database unavailable"));
}

}  // namespace
}  // namespace keyward::testing
