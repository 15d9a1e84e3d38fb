import { fetched } from "../../api/client";
import { PageHeading } from "../../components/PageHeading";
import { PagedList } from "../../components/PagedList";
import { useSession } from "../../identity";
import { usePagedList } from "../../usePagedList";
import { AdminOnly } from "./AdminOnly";
import { AuditEventList } from "./AuditEventList";
import { AuditFilterForm } from "./AuditFilterForm";
import { auditQuery, NO_AUDIT_FILTERS } from "./auditQuery";
import "./admin.css";

const PAGE_SIZE = 50;

export function AuditTrail() {
  return (
    <AdminOnly page="audit" title="Audit trail">
      <AuditTrailPage />
    </AdminOnly>
  );
}

function AuditTrailPage() {
  const { api } = useSession();
  const events = usePagedList(
    NO_AUDIT_FILTERS,
    async (filters, pageToken) => {
      const query = { ...auditQuery(filters), pageSize: PAGE_SIZE, pageToken };
      const page = await fetched(api.GET("/v1/audit-events", { params: { query } }));
      return { items: page.auditEvents ?? [], next: page.nextPageToken ?? "" };
    },
    [api],
  );
  return (
    <main id="main" className="wide">
      <PageHeading>Audit trail</PageHeading>
      <p className="hint">
        Every create, update and delete, allowed or denied, with the policy&apos;s decision — including dry runs
        (validate only), which change nothing.
      </p>
      <AuditFilterForm filters={events.filters} onApply={events.setFilters} />
      <PagedList list={events} empty="No events match these filters.">
        {(list) => <AuditEventList events={list} />}
      </PagedList>
    </main>
  );
}
