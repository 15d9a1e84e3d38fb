#include "services/server/serve.h"

#include <grpc/grpc.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpc/health/v1/health.pb.h"
#include "services/api/api_services.h"
#include "services/common/duration.h"
#include "services/common/log.h"
#include "services/crypto/secret.h"
#include "services/domain/bootstrap.h"
#include "services/domain/clock.h"
#include "services/domain/compliance_evaluator.h"
#include "services/metrics/metrics.h"
#include "services/metrics/metrics_endpoint.h"
#include "services/opa/opa_client.h"
#include "services/server/application.h"
#include "services/server/grpc_metrics.h"
#include "services/server/health_monitor.h"
#include "services/server/malformed_request.h"
#include "services/server/request_log.h"
#include "services/server/server_credentials.h"
#include "services/server/shutdown_signals.h"
#include "services/store/bootstrap_repository.h"
#include "services/store/compliance_repository.h"
#include "services/store/database.h"
#include "services/store/pepper_checks.h"

namespace keyward::server {
namespace {

bool MigrateDatabase(store::Database& database) {
  auto applied = database.Migrate();
  if (!applied.ok()) {
    LogError(absl::StrCat("migration failed: ", applied.status().message()));
    return false;
  }
  if (applied->empty()) {
    LogInfo("schema up to date");
  } else {
    LogInfo(
        absl::StrCat("applied migrations: ", absl::StrJoin(*applied, ", ")));
  }
  return true;
}

// The id of the pepper new secrets are hashed under. One pepper only for
// now; see "Pepper rotation" in docs/operations.md for the design of more.
constexpr int kCurrentPepperId = 1;

// Records the pepper's check value at first start and compares it after;
// false (logged, naming the cause, printing neither value) when the pepper
// is not the one this database's secrets were hashed under or the check
// cannot be made.
bool CheckPepper(store::Database& database, const Config& config) {
  const std::string check =
      crypto::SecretHasher(config.auth.pepper.contents).PepperCheck();
  absl::StatusOr<std::string> recorded =
      store::RecordPepperCheck(database, kCurrentPepperId, check);
  if (!recorded.ok()) {
    LogError(
        absl::StrCat("cannot check the pepper: ", recorded.status().message()));
    return false;
  }
  if (!crypto::ConstantTimeEquals(*recorded, check)) {
    LogError(absl::StrCat(
        "the pepper in KEYWARD_PEPPER_FILE / --pepper-file (",
        config.auth.pepper.path,
        ") is not the one this database's keys were made with; every "
        "existing API key and invitation would fail to verify. Start "
        "keywardd with the original pepper file (byte for byte: a trailing "
        "newline added or removed changes it)"));
    return false;
  }
  return true;
}

// What gRPC accepts of one call's metadata, all headers together. gRPC
// 1.51's default, 8 KiB, cancels a call whose headers are bigger with
// RESOURCE_EXHAUSTED before any handler or interceptor runs; twice that lets
// an oversized authorization value (over kMaxAuthorizationBytes) reach the
// Authenticator and get the UNAUTHENTICATED every other bad credential gets.
// Calls past this limit still get gRPC's own RESOURCE_EXHAUSTED.
constexpr int kMaxMetadataBytes = 16 * 1024;

// Keepalive: keywardd pings a connection idle for a minute and drops it
// when the ping goes unanswered for 20 s (a peer gone without a FIN), and
// lets clients ping as often as every 10 s, calls in flight or not, rather
// than answering a client's keepalive with GOAWAY "too_many_pings" (gRPC's
// default minimum is 5 minutes).
void SetKeepalivePolicy(grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10 * 1000);
}

store::SessionLimits SessionLimitsOf(const Config& config) {
  return store::SessionLimits{config.store.statement_timeout,
                              config.store.lock_timeout,
                              config.store.idle_in_transaction_timeout};
}

// The listen host with the port the kernel actually bound (for port 0).
std::string BoundAddress(const std::string& listen, int port) {
  return absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port);
}

bool WriteReadyFile(const std::string& path, const std::string& address) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << address << "\n";
    if (!out) return false;
  }
  // Renaming makes the file appear complete or not at all.
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

// Every service RunServe registers: keyward.v1's, gRPC's health and
// reflection services.
std::vector<std::string> ServedServiceNames() {
  std::vector<std::string> names = api::ApiServiceNames();
  names.push_back("grpc.health.v1.Health");
  names.push_back("grpc.reflection.v1alpha.ServerReflection");
  return names;
}

}  // namespace

int RunMigrate(const Config& config) {
  store::Database database(config.store.url, 1, SessionLimitsOf(config));
  return MigrateDatabase(database) ? 0 : 1;
}

int RunBootstrap(const Config& config) {
  store::Database database(config.store.url, 1, SessionLimitsOf(config));
  if (!MigrateDatabase(database) || !CheckPepper(database, config)) return 1;
  store::PgBootstrapRepository repository(database);
  const crypto::SecretHasher hasher(config.auth.pepper.contents);
  const domain::SystemClock clock;
  absl::StatusOr<domain::FirstAdmin> admin = domain::BootstrapFirstAdmin(
      repository, hasher, clock, config.bootstrap.email,
      config.bootstrap.display_name);
  if (!admin.ok()) {
    LogError(absl::StrCat("bootstrap refused: ", admin.status().message()));
    return 1;
  }
  LogInfo(absl::StrCat("bootstrapped OrganizationAdmin ", admin->account.id,
                       " (", admin->account.email, ") with Cloud key ",
                       admin->key.id));
  std::cerr << "The secret below is shown once and cannot be retrieved "
               "later: store it now.\n";
  std::cout << admin->key.id << ":" << admin->secret << std::endl;
  return 0;
}

int RunCompliance(const Config& config) {
  store::Database database(config.store.url, 1, SessionLimitsOf(config));
  if (!MigrateDatabase(database)) return 1;
  store::PgComplianceRepository repository(database);
  opa::OpaClient opa(config.opa.url, config.opa.token.contents);
  const domain::SystemClock clock;
  domain::ComplianceEvaluator evaluator(repository, opa, clock);
  const std::atomic<bool> never_stop{false};
  absl::StatusOr<std::optional<domain::ComplianceRun>> run =
      evaluator.Run(std::nullopt, never_stop);
  if (!run.ok()) {
    LogError(
        absl::StrCat("compliance evaluation failed, the previous "
                     "findings stay: ",
                     run.status().message()));
    return 1;
  }
  if (!run->has_value()) {
    LogError(
        "compliance evaluation not run: another one is running (try again "
        "when it has finished)");
    return 1;
  }
  const domain::ComplianceRun& done = **run;
  std::cout << nlohmann::json{{"keys_evaluated", done.keys_evaluated},
                              {"findings", done.findings},
                              {"seconds", done.duration.count() / 1000.0}}
                   .dump()
            << std::endl;
  return 0;
}

int RunServe(const Config& config) {
  // Metrics come first: the pool reports from its first connection, and a
  // metrics address that cannot be bound stops keywardd before it serves.
  std::unique_ptr<metrics::Metrics> metrics;
  std::unique_ptr<metrics::MetricsEndpoint> metrics_endpoint;
  if (config.metrics.enabled()) {
    metrics = std::make_unique<metrics::Metrics>(
        GrpcMethodsOf(ServedServiceNames()), GrpcCodeNames());
    absl::StatusOr<std::unique_ptr<metrics::MetricsEndpoint>> endpoint =
        metrics::MetricsEndpoint::Start(config.metrics.listen, *metrics);
    if (!endpoint.ok()) {
      LogError(std::string(endpoint.status().message()));
      return 1;
    }
    metrics_endpoint = *std::move(endpoint);
    LogInfo(absl::StrCat(
        "metrics on http://",
        BoundAddress(config.metrics.listen, metrics_endpoint->port()),
        "/metrics"));
  }
  domain::MetricsSink& sink = metrics
                                  ? static_cast<domain::MetricsSink&>(*metrics)
                                  : domain::NoMetrics();

  store::Database database(config.store.url, config.store.pool_size,
                           SessionLimitsOf(config), sink);
  if (!MigrateDatabase(database) || !CheckPepper(database, config)) return 1;

  grpc::EnableDefaultHealthCheckService(true);
  // The built-in health service has no protobuf descriptor; touching ours
  // links it, so reflection describes grpc.health.v1.Health too.
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.server.listen, ServerCredentials(config.tls),
                           &port);
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, kMaxMetadataBytes);
  builder.SetMaxReceiveMessageSize(config.server.max_receive_message_bytes);
  SetKeepalivePolicy(builder);
  grpc::ResourceQuota quota("keywardd");
  quota.SetMaxThreads(config.server.max_threads);
  builder.SetResourceQuota(quota);
  Application application(config, database, sink);
  std::vector<std::unique_ptr<grpc::Service>> services =
      application.CreateServices();
  for (auto& service : services) builder.RegisterService(service.get());
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(
      std::make_unique<MalformedRequestInterceptorFactory>());
  // Off means off: with metrics disabled no call pays for counting.
  interceptors.push_back(std::make_unique<RequestLogInterceptorFactory>(
      metrics ? &metrics->grpc() : nullptr));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError(absl::StrCat("cannot listen on ", config.server.listen));
    return 1;
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  HealthMonitor monitor(
      [&database] { return database.Ping(); },
      [health](bool serving) { health->SetServingStatus(serving); },
      config.server.health_check_interval);
  monitor.Start();

  const std::string address = BoundAddress(config.server.listen, port);
  LogInfo(absl::StrCat("serving on ", address, " (", TransportName(config.tls),
                       ")"));
  if (!config.server.ready_file.empty() &&
      !WriteReadyFile(config.server.ready_file, address)) {
    LogWarning(
        absl::StrCat("cannot write ready file ", config.server.ready_file));
  }

  std::thread shutdown_on_signal([&] {
    const int signal_number = WaitForShutdownSignal();
    // From here health says NOT_SERVING whatever the database does, so load
    // balancers stop sending new calls while this replica still serves them.
    monitor.Stop();
    health->Shutdown();
    if (config.server.drain_period.count() > 0) {
      LogInfo(absl::StrCat("received ", strsignal(signal_number),
                           ": health NOT_SERVING, still serving for ",
                           FormatDuration(config.server.drain_period),
                           " (send it again to stop at once)"));
      const int again = WaitForShutdownSignal(config.server.drain_period);
      if (again != 0) {
        LogInfo(absl::StrCat("received ", strsignal(again),
                             " again: ending the drain early"));
      }
    } else {
      LogInfo(absl::StrCat("received ", strsignal(signal_number)));
    }
    LogInfo(
        absl::StrCat("shutting down: accepting no new calls, in-flight "
                     "calls get up to ",
                     FormatDuration(config.server.shutdown_grace)));
    application.StopStreams();
    server->Shutdown(std::chrono::system_clock::now() +
                     config.server.shutdown_grace);
  });
  server->Wait();
  shutdown_on_signal.join();
  LogInfo("stopped");
  return 0;
}

}  // namespace keyward::server
