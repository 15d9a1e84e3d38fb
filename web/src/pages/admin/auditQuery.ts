// The audit trail's filters as the page holds them (form values) and as the
// API takes them (ListAuditEvents' query).
export interface AuditFilters {
  actorId: string;
  targetId: string;
  subjectId: string;
  action: string;
  allowed: "any" | "allowed" | "denied";
  /** datetime-local values (the browser's time zone), or "". */
  start: string;
  end: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  actorId: "",
  targetId: "",
  subjectId: "",
  action: "",
  allowed: "any",
  start: "",
  end: "",
};

const VERBS = ["create", "update", "delete"];
/** The actions keywardd audits (AuditEvent.action). */
export const AUDIT_ACTIONS: readonly string[] = [
  ...["api_key"].flatMap((kind) => [...VERBS, "rotate", "disable", "enable"].map((verb) => `${kind}.${verb}`)),
  ...["service_account", "user_account", "resource", "environment", "role_binding"].flatMap((kind) =>
    VERBS.map((verb) => `${kind}.${verb}`),
  ),
  "invitation.create",
  "authentication.lockout",
];

export function auditQuery(filters: AuditFilters) {
  return {
    actorId: filters.actorId.trim() || undefined,
    targetId: filters.targetId.trim() || undefined,
    subjectId: filters.subjectId.trim() || undefined,
    action: filters.action || undefined,
    allowed: filters.allowed === "any" ? undefined : filters.allowed === "allowed",
    startTime: instant(filters.start),
    endTime: instant(filters.end),
  };
}

function instant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
