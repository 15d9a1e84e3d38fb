import { useState, type FormEvent } from "react";
import { AUDIT_ACTIONS, NO_AUDIT_FILTERS, type AuditFilters } from "./auditQuery";

/** The audit trail's filters; they apply when submitted. */
export function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const set = (change: Partial<AuditFilters>) => setDraft({ ...draft, ...change });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    setDraft(NO_AUDIT_FILTERS);
    onApply(NO_AUDIT_FILTERS);
  };
  return (
    <form className="filters admin-filters" onSubmit={apply} aria-label="Filter audit events">
      <label>
        Actor id
        <input value={draft.actorId} onChange={(e) => set({ actorId: e.target.value })} spellCheck={false} />
      </label>
      <label>
        Target id
        <input value={draft.targetId} onChange={(e) => set({ targetId: e.target.value })} spellCheck={false} />
      </label>
      <label>
        Subject id
        <input
          value={draft.subjectId}
          onChange={(e) => set({ subjectId: e.target.value })}
          spellCheck={false}
          title="Any id the request named or touched: owner, resource, environment, principal or target"
        />
      </label>
      <label>
        Action
        <select value={draft.action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label>
        Decision
        <select value={draft.allowed} onChange={(e) => set({ allowed: e.target.value as AuditFilters["allowed"] })}>
          <option value="any">Allowed or denied</option>
          <option value="allowed">Allowed only</option>
          <option value="denied">Denied only</option>
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" value={draft.start} onChange={(e) => set({ start: e.target.value })} />
      </label>
      <label>
        Until
        <input type="datetime-local" value={draft.end} onChange={(e) => set({ end: e.target.value })} />
      </label>
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
