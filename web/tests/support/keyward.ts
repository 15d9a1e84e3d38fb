// What a browser test sets up through the API before it opens the portal, with
// the same typed client the portal uses. The stack is tests/browser/run's
// (gateway, keywardd, PostgreSQL, OPA); it says where in the environment:
//   KEYWARD_PORTAL_URL   the gateway's address, e.g. http://127.0.0.1:40123
//   KEYWARD_ADMIN_KEY    the bootstrapped OrganizationAdmin's KEY:SECRET
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../../src/api/schema";

type Schemas = components["schemas"];
export type ResourceKind = Schemas["keyward.v1.ResourceKind"];

export interface KeyPair {
  keyId: string;
  secret: string;
}

export function portalUrl(): string {
  return required("KEYWARD_PORTAL_URL");
}

export function adminKey(): KeyPair {
  const [keyId = "", secret = ""] = required("KEYWARD_ADMIN_KEY").trim().split(":");
  return { keyId, secret };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through tests/browser/run`);
  return value;
}

/** A name no other test (or earlier run against the same stack) uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export class Keyward {
  readonly api: Client<paths>;

  constructor(readonly key: KeyPair = adminKey()) {
    this.api = createClient<paths>({
      baseUrl: portalUrl(),
      headers: { Authorization: `Basic ${Buffer.from(`${key.keyId}:${key.secret}`).toString("base64")}` },
    });
  }

  private static data<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
    if (!result.response.ok || result.data === undefined) {
      throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
    }
    return result.data;
  }

  async createEnvironment(stage: string, displayName = unique(`${stage}-env`)): Promise<string> {
    const env = Keyward.data(
      await this.api.POST("/v1/environments", { body: { displayName, stage } }),
      "create environment",
    );
    return env.id ?? "";
  }

  async createResource(
    environmentId: string,
    kind: ResourceKind = "RESOURCE_KIND_KAFKA_CLUSTER",
    displayName = unique("orders"),
  ): Promise<string> {
    const resource = Keyward.data(
      await this.api.POST("/v1/resources", {
        body: { environmentId, kind, displayName, cloud: "aws", region: "eu-west-1" },
      }),
      "create resource",
    );
    return resource.id ?? "";
  }

  async createServiceAccount(displayName = unique("svc")): Promise<string> {
    const account = Keyward.data(
      await this.api.POST("/v1/accounts:createServiceAccount", {
        body: { displayName, description: "Created by a browser test" },
      }),
      "create service account",
    );
    return account.id ?? "";
  }

  async grant(principalId: string, role: string, scope: string): Promise<void> {
    Keyward.data(await this.api.POST("/v1/role-bindings", { body: { principalId, role, scope } }), "grant role");
  }

  /** A new user account and an invitation token for it. */
  async inviteUser(displayName = unique("Dana")): Promise<{ accountId: string; email: string; token: string }> {
    const email = `${unique("user")}@example.com`;
    const account = Keyward.data(
      await this.api.POST("/v1/accounts:createUserAccount", { body: { displayName, email } }),
      "create user",
    );
    const accountId = account.id ?? "";
    return { accountId, email, token: await this.createInvitation(accountId) };
  }

  /** A new user and a Cloud key of its own (through an invitation, as a person gets one). */
  async createUserWithKey(displayName = unique("Dana")): Promise<{ accountId: string; key: KeyPair; email: string }> {
    const { accountId, email, token } = await this.inviteUser(displayName);
    const redeemed = Keyward.data(
      await createClient<paths>({ baseUrl: portalUrl() }).POST("/v1/invitations:redeem", {
        body: { token, description: "Browser test sign-in key" },
      }),
      "redeem invitation",
    );
    return { accountId, email, key: { keyId: redeemed.apiKey?.id ?? "", secret: redeemed.secret ?? "" } };
  }

  async createInvitation(accountId: string): Promise<string> {
    const invitation = Keyward.data(
      await this.api.POST("/v1/accounts/{account_id}/invitations", {
        params: { path: { account_id: accountId } },
        body: {},
      }),
      "create invitation",
    );
    return invitation.token ?? "";
  }

  async createApiKey(ownerId: string, resourceId: string, description = "Browser test key"): Promise<KeyPair> {
    const created = Keyward.data(
      await this.api.POST("/v1/api-keys", { body: { ownerId, resourceId, description } }),
      "create API key",
    );
    return { keyId: created.apiKey?.id ?? "", secret: created.secret ?? "" };
  }

  async getApiKey(id: string) {
    return this.api.GET("/v1/api-keys/{id}", { params: { path: { id } } });
  }
}
