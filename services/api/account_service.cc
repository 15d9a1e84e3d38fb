#include "services/api/account_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"
#include "services/api/update_mask.h"

namespace keyward::api {
namespace {

void Fill(const domain::Account& account, v1::Account* out) {
  out->set_id(account.id);
  out->set_type(ToProto(account.type));
  out->set_display_name(account.display_name);
  out->set_description(account.description);
  out->set_email(account.email);
  *out->mutable_create_time() = ToTimestamp(account.create_time);
  *out->mutable_update_time() = ToTimestamp(account.update_time);
}

}  // namespace

AccountServiceImpl::AccountServiceImpl(domain::Authenticator& authenticator,
                                       domain::AccountManager& accounts,
                                       domain::InvitationManager& invitations)
    : calls_(authenticator), accounts_(accounts), invitations_(invitations) {}

grpc::Status AccountServiceImpl::CreateServiceAccount(
    grpc::ServerContext* context,
    const v1::CreateServiceAccountRequest* request, v1::Account* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   accounts_.CreateServiceAccount(
                       caller, request->display_name(), request->description(),
                       request->validate_only()),
                   [&](const domain::Account& a) { Fill(a, response); });
  });
}

grpc::Status AccountServiceImpl::CreateUserAccount(
    grpc::ServerContext* context, const v1::CreateUserAccountRequest* request,
    v1::Account* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   accounts_.CreateUserAccount(caller, request->email(),
                                               request->display_name(),
                                               request->validate_only()),
                   [&](const domain::Account& a) { Fill(a, response); });
  });
}

grpc::Status AccountServiceImpl::GetAccount(
    grpc::ServerContext* context, const v1::GetAccountRequest* request,
    v1::Account* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(accounts_.Get(caller, request->id()),
                   [&](const domain::Account& a) { Fill(a, response); });
  });
}

grpc::Status AccountServiceImpl::ListAccounts(
    grpc::ServerContext* context, const v1::ListAccountsRequest* request,
    v1::ListAccountsResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    absl::StatusOr<std::optional<domain::AccountType>> type =
        FromProto("type", request->type());
    if (!type.ok()) return ToGrpcStatus(type.status());
    return Respond(accounts_.List(caller, *type, request->page_size(),
                                  request->page_token()),
                   [&](const domain::Listed<domain::Account>& listed) {
                     for (const auto& a : listed.items)
                       Fill(a, response->add_accounts());
                     response->set_next_page_token(listed.next_page_token);
                   });
  });
}

grpc::Status AccountServiceImpl::UpdateAccount(
    grpc::ServerContext* context, const v1::UpdateAccountRequest* request,
    v1::Account* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    UpdateMaskRules rules{{"display_name", "description"},
                          {},
                          {"id", "type", "email", "create_time", "update_time"},
                          "cannot change"};
    if (!request->display_name().empty())
      rules.set_in_request.push_back("display_name");
    if (!request->description().empty())
      rules.set_in_request.push_back("description");
    absl::StatusOr<std::set<std::string>> fields =
        ResolveUpdateMask(request->update_mask(), rules);
    if (!fields.ok()) return ToGrpcStatus(fields.status());

    domain::AccountUpdate update;
    if (fields->count("display_name"))
      update.display_name = request->display_name();
    if (fields->count("description"))
      update.description = request->description();
    return Respond(context, accounts_.Update(caller, request->id(), update),
                   [&](const domain::Account& a) { Fill(a, response); });
  });
}

grpc::Status AccountServiceImpl::DeleteAccount(
    grpc::ServerContext* context, const v1::DeleteAccountRequest* request,
    v1::DeleteAccountResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   accounts_.Delete(caller, request->id(), request->force(),
                                    request->validate_only()),
                   [&](const domain::DeleteResult& result) {
                     FillDeleteResponse(result, response);
                   });
  });
}

grpc::Status AccountServiceImpl::CreateInvitation(
    grpc::ServerContext* context, const v1::CreateInvitationRequest* request,
    v1::Invitation* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   invitations_.Create(caller, request->account_id(),
                                       request->validate_only()),
                   [&](const domain::IssuedInvitation& issued) {
                     response->set_token(issued.token);
                     response->set_account_id(issued.invitation.account_id);
                     *response->mutable_expire_time() =
                         ToTimestamp(issued.invitation.expire_time);
                   });
  });
}

grpc::Status AccountServiceImpl::RedeemInvitation(
    grpc::ServerContext* context, const v1::RedeemInvitationRequest* request,
    v1::CreateApiKeyResponse* response) {
  // The token is the credential: no authorization metadata is read.
  return CallRunner::Unauthenticated(
      context, [&](const domain::Caller& anonymous) {
        return Respond(context,
                       invitations_.Redeem(anonymous, request->token(),
                                           request->description()),
                       [&](const domain::IssuedApiKey& issued) {
                         FillApiKey(issued.key, response->mutable_api_key());
                         response->set_secret(issued.secret);
                       });
      });
}

}  // namespace keyward::api
