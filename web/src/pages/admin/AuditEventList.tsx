import { Fragment, useState } from "react";
import type { AuditEvent, PolicyViolation } from "../../api/client";
import { formatTime } from "../../format";

/** Audit events as a table (cards at phone width); each row opens to its request summary. */
export function AuditEventList({ events }: { events: AuditEvent[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="cards audit-events">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Decision</th>
            <th scope="col">Validate only</th>
            <th scope="col">Policy findings</th>
            <th scope="col">Decision id</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const id = event.id ?? "";
            const expanded = open.has(id);
            const detailsId = `audit-event-${id}`;
            return (
              <Fragment key={id}>
                <tr>
                  <td data-label="Time">{formatTime(event.time)}</td>
                  <td data-label="Actor" className="id unbroken">
                    {event.actorId || "—"}
                  </td>
                  <td data-label="Action">{event.action}</td>
                  <td data-label="Target" className="id unbroken">
                    {event.targetId || "—"}
                  </td>
                  <td data-label="Decision">
                    <span className={event.allowed ? "decision decision-allowed" : "decision decision-denied"}>
                      {event.allowed ? "Allowed" : "Denied"}
                    </span>
                  </td>
                  <td data-label="Validate only">{event.validateOnly ? "Yes" : "No"}</td>
                  <td data-label="Policy findings">
                    <Rules kind="violation" findings={event.violations} />
                    <Rules kind="warning" findings={event.warnings} />
                    {!event.violations?.length && !event.warnings?.length && <span className="empty">None</span>}
                  </td>
                  <td data-label="Decision id" className="id decision-id">
                    {event.decisionId || "—"}
                  </td>
                  <td data-label="Details">
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      onClick={() => toggle(id)}
                    >
                      {expanded ? "Hide request" : "Show request"}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="audit-details">
                    <td colSpan={9} id={detailsId}>
                      <EventDetails event={event} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Rules({ kind, findings = [] }: { kind: "violation" | "warning"; findings?: PolicyViolation[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className={`rules rules-${kind}`} aria-label={kind === "violation" ? "Violations" : "Warnings"}>
      {findings.map((finding, i) => (
        <li key={i} title={finding.message}>
          <code className="rule">{finding.rule}</code>
        </li>
      ))}
    </ul>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  const findings = [...(event.violations ?? []), ...(event.warnings ?? [])];
  return (
    <div className="event-details">
      {findings.length > 0 && (
        <ul className="finding-messages">
          {findings.map((finding, i) => (
            <li key={i}>
              <code className="rule">{finding.rule}</code> {finding.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        Subjects: <span className="id">{event.subjectIds?.join(", ") || "—"}</span>
      </p>
      <p className="hint">Request summary (secrets are never recorded):</p>
      <pre>{prettySummary(event.requestSummary)}</pre>
    </div>
  );
}

/** The summary is a JSON object from the server; shown indented, or as sent if it is not JSON. */
function prettySummary(summary: string | undefined): string {
  if (!summary) return "(empty)";
  try {
    return JSON.stringify(JSON.parse(summary), null, 2);
  } catch {
    return summary;
  }
}
