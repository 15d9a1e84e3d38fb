import { useId } from "react";
import { fetched, type UsageDay } from "../api/client";
import { useSession } from "../identity";
import { useLoad } from "../useLoad";
import { ErrorMessage } from "./ErrorMessage";

const DAYS = 30;

// Every verification outcome the usage counts, in the order the table lists them.
const OUTCOMES = [
  { field: "valid", label: "Valid" },
  { field: "invalidCredentials", label: "Wrong secret" },
  { field: "expired", label: "Expired" },
  { field: "disabled", label: "Disabled" },
  { field: "wrongResource", label: "Wrong resource" },
] as const;

type Outcome = (typeof OUTCOMES)[number]["field"];

// Counts are int64, which the JSON mapping writes as strings.
const count = (day: UsageDay, outcome: Outcome) => Number(day[outcome] ?? 0) || 0;

/**
 * A key's successful verifications per day as a bar chart, with the totals
 * and a table of every outcome per day as its text alternative.
 */
export function UsageChart({ keyId }: { keyId: string }) {
  const { api } = useSession();
  const usage = useLoad(
    () => fetched(api.GET("/v1/api-keys/{id}/usage", { params: { path: { id: keyId }, query: { days: DAYS } } })),
    [api, keyId],
  );
  if (usage.error !== null) return <ErrorMessage error={usage.error} />;
  if (!usage.data) {
    return (
      <p className="loading" role="status">
        Loading usage…
      </p>
    );
  }
  const days = usage.data.days ?? [];
  if (days.every((day) => OUTCOMES.every((o) => count(day, o.field) === 0))) {
    return <p className="empty">{`No verifications in the last ${DAYS} days.`}</p>;
  }
  return (
    <>
      <UsageTotals days={days} />
      <UsageBars days={days} />
      <details className="usage-table">
        <summary>Usage per day as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Verifications per day, by outcome</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                {OUTCOMES.map((o) => (
                  <th scope="col" key={o.field}>
                    {o.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{day.date}</th>
                  {OUTCOMES.map((o) => (
                    <td key={o.field}>{count(day, o.field)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function UsageTotals({ days }: { days: UsageDay[] }) {
  return (
    <ul className="usage-totals" aria-label={`Totals over ${DAYS} days`}>
      {OUTCOMES.map((o) => (
        <li key={o.field}>
          {o.label}: <strong>{days.reduce((sum, day) => sum + count(day, o.field), 0)}</strong>
        </li>
      ))}
    </ul>
  );
}

const BAR = 12;
const GAP = 4;
const HEIGHT = 120;
const LABELS = 16;

function UsageBars({ days }: { days: UsageDay[] }) {
  const titleId = useId();
  const highest = Math.max(1, ...days.map((day) => count(day, "valid")));
  const width = days.length * (BAR + GAP);
  const first = days[0]?.date ?? "";
  const last = days[days.length - 1]?.date ?? "";
  return (
    <svg className="usage-chart" viewBox={`0 0 ${width} ${HEIGHT + LABELS}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>
        {`Valid verifications per day from ${first} to ${last}; at most ${highest} in a day. ` +
          "The table below lists every outcome."}
      </title>
      <line className="axis" x1={0} y1={HEIGHT} x2={width} y2={HEIGHT} />
      {days.map((day, i) => {
        const valid = count(day, "valid");
        const height = (valid / highest) * (HEIGHT - 4);
        return (
          <rect key={day.date} className="bar" x={i * (BAR + GAP)} y={HEIGHT - height} width={BAR} height={height}>
            <title>{`${day.date}: ${valid} valid`}</title>
          </rect>
        );
      })}
      <text x={0} y={HEIGHT + LABELS - 3}>
        {first}
      </text>
      <text x={width} y={HEIGHT + LABELS - 3} textAnchor="end">
        {last}
      </text>
    </svg>
  );
}
