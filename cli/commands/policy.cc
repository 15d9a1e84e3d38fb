// `keyward policy findings`: what the compliance policy found about the keys
// the caller may see (ComplianceService.ListFindings), filtered by rule and
// environment.
#include "cli/commands/commands.h"
#include "keyward/v1/compliance.grpc.pb.h"

namespace keyward::cli {
namespace {

std::vector<Column> Columns() {
  return {FieldColumn("Rule", "rule"),
          FieldColumn("Severity", "severity"),
          FieldColumn("API Key", "api_key_id"),
          FieldColumn("Owner", "owner_id"),
          FieldColumn("Resource", "resource_id"),
          FieldColumn("Message", "message")};
}

int Findings(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::ListFindingsRequest request;
  request.set_rule(args.Get("rule"));
  request.set_environment_id(args.Get("environment"));
  auto stub = v1::ComplianceService::NewStub(invocation.client().channel());
  Json items;
  if (int code = CollectPages<v1::ListFindingsResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListFindingsRequest& r,
              v1::ListFindingsResponse* response) {
            return stub->ListFindings(context, r, response);
          },
          [](const v1::ListFindingsResponse& response) -> const auto& {
            return response.findings();
          },
          &items, kUnlimited)) {
    return code;
  }
  invocation.out().List(items, Columns());
  return kExitOk;
}

}  // namespace

Group PolicyGroup() {
  return {"policy",
          "Read what the policies find",
          {
              Command("findings",
                      "List compliance findings about the keys you may see",
                      Findings)
                  .Details("keywardd evaluates the keyward.compliance policy "
                           "over every key each --compliance-interval; the "
                           "findings are those of the last evaluation.")
                  .Flags({{"rule", "RULE",
                           "only this rule's findings, e.g. orphaned_user_key"},
                          {"environment", "ENV-ID",
                           "only findings about keys on resources in this "
                           "environment"}}),
          }};
}

}  // namespace keyward::cli
