import { useCallback, useState, type FormEvent } from "react";
import { answer, fetched, type RoleBinding } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageHeading } from "../../components/PageHeading";
import { useFocusWhenShown } from "../../components/useFocusWhenShown";
import { PagedList } from "../../components/PagedList";
import { useSession } from "../../identity";
import { usePagedList } from "../../usePagedList";
import { AdminOnly } from "./AdminOnly";
import { ConfirmRemoval } from "./ConfirmRemoval";
import { GrantRoleForm } from "./GrantRoleForm";
import { principalToGrant } from "./grantLink";
import { RoleBindingList } from "./RoleBindingList";
import { useDirectory } from "./useDirectory";
import "./admin.css";

const PAGE_SIZE = 25;

export function RoleBindings() {
  return (
    <AdminOnly page="role-bindings" title="Role bindings">
      <RoleBindingsPage />
    </AdminOnly>
  );
}

interface Filters {
  principalId: string;
  scope: string;
}

function RoleBindingsPage() {
  const { api } = useSession();
  // Arriving from "Grant a role" on an account: its bindings, and the form filled in for it.
  const [linkedPrincipal] = useState(() => principalToGrant());
  const bindings = usePagedList<Filters, RoleBinding>(
    { principalId: linkedPrincipal, scope: "" },
    async (filters, pageToken) => {
      const query = { principalId: filters.principalId, scope: filters.scope, pageSize: PAGE_SIZE, pageToken };
      const page = await fetched(api.GET("/v1/role-bindings", { params: { query } }));
      return { items: page.roleBindings ?? [], next: page.nextPageToken ?? "" };
    },
    [api],
  );
  const directory = useDirectory(api);
  const describe = directory.data?.describe ?? ((id: string) => id);

  const [removing, setRemoving] = useState<RoleBinding | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useFocusWhenShown<HTMLDivElement>(outcome);

  return (
    <main id="main">
      <PageHeading>Role bindings</PageHeading>
      <div ref={outcomeRef} tabIndex={-1} role="status" className="outcome">
        {outcome && <p>{outcome}</p>}
      </div>

      <GrantRoleForm
        directory={directory.data}
        initialPrincipal={linkedPrincipal}
        onGranted={(binding) => {
          const principal = describe(binding.principalId ?? "");
          setOutcome(`Granted ${binding.role} to ${principal} at ${describe(binding.scope ?? "")}.`);
          bindings.reload();
        }}
      />

      <section aria-labelledby="role-binding-list" aria-busy={bindings.loading}>
        <h2 id="role-binding-list">Who holds which role</h2>
        <BindingFilters filters={bindings.filters} onApply={bindings.setFilters} />
        {directory.error !== null && <ErrorMessage error={directory.error} />}
        <PagedList list={bindings} empty="No role bindings match.">
          {(list) => <RoleBindingList bindings={list} describe={describe} onRemove={setRemoving} />}
        </PagedList>
      </section>

      {removing && (
        <RemoveRoleBinding
          binding={removing}
          describe={describe}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null);
            setOutcome(`Removed ${removing.role} from ${describe(removing.principalId ?? "")}.`);
            bindings.reload();
          }}
        />
      )}
    </main>
  );
}

function BindingFilters({ filters, onApply }: { filters: Filters; onApply: (filters: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({ principalId: draft.principalId.trim(), scope: draft.scope.trim() });
  };
  const clear = () => {
    const none = { principalId: "", scope: "" };
    setDraft(none);
    onApply(none);
  };
  return (
    <form className="filters admin-filters" onSubmit={apply} aria-label="Filter role bindings">
      <label>
        Principal id
        <input
          value={draft.principalId}
          onChange={(e) => setDraft({ ...draft, principalId: e.target.value })}
          placeholder="u-… or sa-…"
          spellCheck={false}
        />
      </label>
      <label>
        Scope
        <input
          value={draft.scope}
          onChange={(e) => setDraft({ ...draft, scope: e.target.value })}
          placeholder="organization, env-… or a resource id"
          spellCheck={false}
        />
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

function RemoveRoleBinding({
  binding,
  describe,
  onCancel,
  onRemoved,
}: {
  binding: RoleBinding;
  describe: (id: string) => string;
  onCancel: () => void;
  onRemoved: () => void;
}) {
  const { api } = useSession();
  const id = binding.id ?? "";
  const check = useCallback(
    () => answer(api.DELETE("/v1/role-bindings/{id}", { params: { path: { id }, query: { validateOnly: true } } })),
    [api, id],
  );
  return (
    <ConfirmRemoval
      heading={`Remove ${binding.role}`}
      check={check}
      actionLabel="Remove role binding"
      remove={() => fetched(api.DELETE("/v1/role-bindings/{id}", { params: { path: { id } } }))}
      onRemoved={onRemoved}
      onCancel={onCancel}
    >
      <p>
        {describe(binding.principalId ?? "")} loses {binding.role} at {describe(binding.scope ?? "")}, on every replica
        within a second.
      </p>
    </ConfirmRemoval>
  );
}
