import type { ApiKeyState, Resource } from "../api/client";
import { CLOUD } from "./keyResources";
import { MAX_UNUSED_DAYS, type KeyFilters } from "./keyFilters";

const STATE_OPTIONS: Array<{ value: ApiKeyState | ""; label: string }> = [
  { value: "", label: "Any" },
  { value: "API_KEY_STATE_ACTIVE", label: "Active" },
  { value: "API_KEY_STATE_DISABLED", label: "Disabled" },
  { value: "API_KEY_STATE_EXPIRED", label: "Expired" },
];

/** My keys' filters: resource, state, and "unused for N days". Each change applies at once. */
export function KeyFiltersForm({
  filters,
  resources,
  unusedDaysValid,
  onChange,
}: {
  filters: KeyFilters;
  resources: Resource[];
  unusedDaysValid: boolean;
  onChange: (change: Partial<KeyFilters>) => void;
}) {
  // A resource from the address that the caller cannot list still shows as chosen.
  const unlisted =
    filters.resourceId !== "" && filters.resourceId !== CLOUD && !resources.some((r) => r.id === filters.resourceId);
  return (
    <form className="filters key-filters" aria-label="Filter keys" onSubmit={(e) => e.preventDefault()}>
      <label>
        Resource
        <select value={filters.resourceId} onChange={(e) => onChange({ resourceId: e.target.value })}>
          <option value="">Any resource</option>
          <option value={CLOUD}>Cloud</option>
          {unlisted && <option value={filters.resourceId}>{filters.resourceId}</option>}
          {resources.map((resource) => (
            <option key={resource.id} value={resource.id}>
              {resource.displayName} ({resource.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        State
        <select value={filters.state} onChange={(e) => onChange({ state: e.target.value as ApiKeyState | "" })}>
          {STATE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Unused for days
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_UNUSED_DAYS}
          step={1}
          value={filters.unusedDays}
          aria-invalid={!unusedDaysValid}
          aria-describedby="unused-days-hint"
          onChange={(e) => onChange({ unusedDays: e.target.value })}
        />
        <span id="unused-days-hint" className="hint">
          {unusedDaysValid
            ? "Keys not used for this many days, or never used."
            : `Enter a whole number of days, from 1 to ${MAX_UNUSED_DAYS}.`}
        </span>
      </label>
    </form>
  );
}
