// When a new key stops working: never, a number of days from now, or a
// chosen date and time (in the browser's time zone).
import { useId } from "react";
import { formatTime } from "../../format";

export type Expiry = { mode: "never" } | { mode: "in-days"; days: number } | { mode: "at"; local: string };

const PRESET_DAYS = [7, 30, 90, 365];

/** The expire_time to send, or the reason there is none yet. */
export function expireTimeOf(expiry: Expiry, now = new Date()): { time?: string; missing?: string } {
  switch (expiry.mode) {
    case "never":
      return {};
    case "in-days":
      return { time: new Date(now.getTime() + expiry.days * 24 * 60 * 60 * 1000).toISOString() };
    case "at": {
      // datetime-local gives "YYYY-MM-DDTHH:mm", which Date reads as local time.
      const at = new Date(expiry.local);
      if (Number.isNaN(at.getTime())) return { missing: "Enter the date and time the key expires." };
      return { time: at.toISOString() };
    }
  }
}

export function ExpiryField({ value, onChange }: { value: Expiry; onChange: (expiry: Expiry) => void }) {
  const hintId = useId();
  const choice = value.mode === "in-days" ? String(value.days) : value.mode;
  const choose = (next: string) => {
    if (next === "never") onChange({ mode: "never" });
    else if (next === "at") onChange({ mode: "at", local: "" });
    else onChange({ mode: "in-days", days: Number(next) });
  };
  const { time } = expireTimeOf(value);
  return (
    <div className="field">
      <label>
        Expires
        <select value={choice} onChange={(e) => choose(e.target.value)} aria-describedby={hintId}>
          <option value="never">Never</option>
          {PRESET_DAYS.map((days) => (
            <option key={days} value={days}>
              In {days} days
            </option>
          ))}
          <option value="at">On a date…</option>
        </select>
      </label>
      {value.mode === "at" && (
        <label>
          Expiry date and time
          <input
            type="datetime-local"
            value={value.local}
            onChange={(e) => onChange({ mode: "at", local: e.target.value })}
            aria-describedby={hintId}
          />
        </label>
      )}
      <p id={hintId} className="hint">
        {time
          ? `The key stops working ${formatTime(time)}.`
          : value.mode === "never"
            ? "The key works until it is deleted or disabled."
            : "Choose when the key stops working."}
      </p>
    </div>
  );
}
