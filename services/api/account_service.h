// AccountServiceImpl: keyward.v1.AccountService over the domain's
// AccountManager and InvitationManager. RedeemInvitation is the one RPC that
// authenticates no caller: its token is its credential.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_ACCOUNT_SERVICE_H_
#define KEYWARD_SERVICES_API_ACCOUNT_SERVICE_H_

#include "keyward/v1/account.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/account_manager.h"
#include "services/domain/authenticator.h"
#include "services/domain/invitation_manager.h"

namespace keyward::api {

class AccountServiceImpl final : public v1::AccountService::Service {
 public:
  AccountServiceImpl(domain::Authenticator& authenticator,
                     domain::AccountManager& accounts,
                     domain::InvitationManager& invitations);

  grpc::Status CreateServiceAccount(
      grpc::ServerContext* context,
      const v1::CreateServiceAccountRequest* request,
      v1::Account* response) override;
  grpc::Status CreateUserAccount(grpc::ServerContext* context,
                                 const v1::CreateUserAccountRequest* request,
                                 v1::Account* response) override;
  grpc::Status GetAccount(grpc::ServerContext* context,
                          const v1::GetAccountRequest* request,
                          v1::Account* response) override;
  grpc::Status ListAccounts(grpc::ServerContext* context,
                            const v1::ListAccountsRequest* request,
                            v1::ListAccountsResponse* response) override;
  grpc::Status UpdateAccount(grpc::ServerContext* context,
                             const v1::UpdateAccountRequest* request,
                             v1::Account* response) override;
  grpc::Status DeleteAccount(grpc::ServerContext* context,
                             const v1::DeleteAccountRequest* request,
                             v1::DeleteAccountResponse* response) override;
  grpc::Status CreateInvitation(grpc::ServerContext* context,
                                const v1::CreateInvitationRequest* request,
                                v1::Invitation* response) override;
  grpc::Status RedeemInvitation(grpc::ServerContext* context,
                                const v1::RedeemInvitationRequest* request,
                                v1::CreateApiKeyResponse* response) override;

 private:
  CallRunner calls_;
  domain::AccountManager& accounts_;
  domain::InvitationManager& invitations_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_ACCOUNT_SERVICE_H_
