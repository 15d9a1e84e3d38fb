// Keyward's refusals, in words a person can act on. The gateway answers a
// failed call with the HTTP status of its gRPC code and a google.rpc.Status
// body whose details may carry keyward.v1.PolicyDecisionDetails.
import type { PolicyViolation } from "./client";

const POLICY_DETAILS_TYPE = "type.googleapis.com/keyward.v1.PolicyDecisionDetails";
const WARNING_HEADER = "Keyward-Policy-Warning";

/** gRPC codes, as google.rpc.Status carries them. */
export const Code = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

interface StatusBody {
  code?: number;
  message?: string;
  details?: Array<{ "@type"?: string; violations?: PolicyViolation[]; warnings?: PolicyViolation[] }>;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the gateway could not be reached. */
    readonly httpStatus: number,
    /** gRPC code; 0 when unknown. */
    readonly code: number,
    /** The server's message, as it wrote it (never shown raw for unknown shapes). */
    readonly serverMessage: string,
    readonly violations: PolicyViolation[] = [],
    readonly warnings: PolicyViolation[] = [],
  ) {
    super(serverMessage || `HTTP ${httpStatus}`);
    this.name = "ApiError";
  }

  static fromResponse(httpStatus: number, body: unknown): ApiError {
    const status = isStatusBody(body) ? body : {};
    const details = (status.details ?? []).find((d) => d["@type"] === POLICY_DETAILS_TYPE);
    return new ApiError(
      httpStatus,
      typeof status.code === "number" ? status.code : 0,
      typeof status.message === "string" ? status.message : "",
      details?.violations ?? [],
      details?.warnings ?? [],
    );
  }

  static unreachable(cause: unknown): ApiError {
    return new ApiError(0, Code.Unavailable, cause instanceof Error ? cause.message : "");
  }

  get isPolicyDenial(): boolean {
    return this.code === Code.PermissionDenied && this.violations.length > 0;
  }
}

function isStatusBody(body: unknown): body is StatusBody {
  return typeof body === "object" && body !== null;
}

/**
 * One sentence for the person at the screen: what happened and what to do.
 * Policy violations are listed separately (PolicyFindings), so a denial's
 * sentence does not repeat them.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return "Something went wrong in the portal. Reload the page and try again.";
  }
  const said = error.serverMessage ? `: ${firstLine(error.serverMessage)}` : ".";
  switch (error.code) {
    case Code.InvalidArgument:
    case Code.OutOfRange:
      return `Some input was not accepted${said}`;
    case Code.NotFound:
      return `Not found — it may have been deleted, or you may not have access to it${said}`;
    case Code.AlreadyExists:
      return `That already exists${said}`;
    case Code.PermissionDenied:
      return error.isPolicyDenial
        ? "The policy does not allow this. Each reason is listed below."
        : `You are not allowed to do this${said}`;
    case Code.ResourceExhausted:
      return `A limit was reached${said}`;
    case Code.FailedPrecondition:
      return `This cannot be done in the current state${said}`;
    case Code.Aborted:
      return "Someone else changed this at the same time. Reload and try again.";
    case Code.Unauthenticated:
      return "Your sign-in is no longer valid. Sign in again.";
    case Code.Unavailable:
      return error.httpStatus === 0
        ? "Keyward cannot be reached. Check your connection and try again."
        : "Keyward is temporarily unavailable. Nothing was changed; try again in a moment.";
    default:
      return error.httpStatus === 504
        ? "Keyward took too long to answer. Nothing may have changed; reload to check."
        : "Keyward could not complete the request. Try again; if it keeps failing, tell your administrator.";
  }
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? "";
  return line.endsWith(".") ? line : `${line}.`;
}

/**
 * The policy's warnings on a successful call: one Keyward-Policy-Warning
 * header "[rule] message" each, which fetch joins with ", ". The gateway
 * percent-encodes ",", "%" and every non-ASCII byte in the rule and message
 * (docs/http.md), so ", " separates warnings and nothing else.
 */
export function policyWarningsOf(headers: Headers): PolicyViolation[] {
  const joined = headers.get(WARNING_HEADER);
  if (!joined) return [];
  const decoded = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text; // not the gateway's encoding: shown as it came
    }
  };
  return joined
    .split(", ")
    .map((text) => /^\[([^\]]*)\] ?([\s\S]*)$/.exec(text))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ rule: decoded(match[1] ?? ""), message: decoded(match[2] ?? "") }));
}
