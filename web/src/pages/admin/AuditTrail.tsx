import { fetched } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageHeading } from "../../components/PageHeading";
import { Pager } from "../../components/Pager";
import { useSession } from "../../identity";
import { useLoad } from "../../useLoad";
import { AdminOnly } from "./AdminOnly";
import { AuditEventList } from "./AuditEventList";
import { AuditFilterForm } from "./AuditFilterForm";
import { auditQuery, NO_AUDIT_FILTERS } from "./auditQuery";
import { usePaging } from "./usePaging";
import "./admin.css";

const PAGE_SIZE = 50;

export function AuditTrail() {
  return (
    <AdminOnly title="Audit trail">
      <AuditTrailPage />
    </AdminOnly>
  );
}

function AuditTrailPage() {
  const { api } = useSession();
  const paging = usePaging(NO_AUDIT_FILTERS);
  const { filters, pageToken } = paging;
  const events = useLoad(
    () =>
      fetched(
        api.GET("/v1/audit-events", { params: { query: { ...auditQuery(filters), pageSize: PAGE_SIZE, pageToken } } }),
      ),
    [api, filters, pageToken],
  );
  const list = events.data?.auditEvents ?? [];
  return (
    <main id="main" className="wide">
      <PageHeading>Audit trail</PageHeading>
      <p className="hint">
        Every create, update and delete, allowed or denied, with the policy&apos;s decision — including dry runs
        (validate only), which change nothing.
      </p>
      <AuditFilterForm filters={filters} onApply={paging.setFilters} />
      <ErrorMessage error={events.error} />
      <div role="status" className="list-status">
        {events.loading ? "Loading…" : events.data && list.length === 0 ? "No events match these filters." : ""}
      </div>
      {list.length > 0 && <AuditEventList events={list} />}
      <Pager
        isFirst={pageToken === ""}
        hasNext={Boolean(events.data?.nextPageToken)}
        onFirst={paging.firstPage}
        onNext={() => paging.nextPage(events.data?.nextPageToken ?? "")}
      />
    </main>
  );
}
