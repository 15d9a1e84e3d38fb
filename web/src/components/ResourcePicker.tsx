// Choosing what a key opens: one resource (environment first, then a
// resource of it) or the whole organization (Cloud). It lists only what the
// caller can read; a caller whose roles sit on single resources cannot read
// their environments, so those environments are named by id.
import { useId, useMemo, useState } from "react";
import { fetched, type Api, type Environment, type Resource } from "../api/client";
import { everyPage, noneIfRefused } from "../api/lists";
import { useSession } from "../identity";
import { useLoad } from "../useLoad";
import { ErrorMessage } from "./ErrorMessage";
import "./resource-picker.css";

/** What was picked: a resource with its environment, or Cloud. */
export type PickedResource = { id: "cloud" } | { id: string; resource: Resource; environment: EnvironmentOption };

export interface EnvironmentOption {
  id: string;
  /** Unset when the caller cannot read the environment itself. */
  displayName?: string;
  stage?: string;
}

export function ResourcePicker({
  onChange,
  allowCloud = true,
  legend = "The key opens",
}: {
  onChange: (picked: PickedResource | null) => void;
  allowCloud?: boolean;
  legend?: string;
}) {
  const { api } = useSession();
  const catalog = useLoad(() => loadCatalog(api), [api]);
  const [scope, setScope] = useState<"resource" | "cloud">("resource");
  const [environmentId, setEnvironmentId] = useState("");
  const [resourceId, setResourceId] = useState("");
  const ids = useId();

  const environment = catalog.data?.environments.find((e) => e.id === environmentId);
  const resources = useMemo(
    () => catalog.data?.resources.filter((r) => r.environmentId === environmentId) ?? [],
    [catalog.data, environmentId],
  );

  const chooseScope = (next: "resource" | "cloud") => {
    setScope(next);
    const resource = resources.find((r) => r.id === resourceId);
    onChange(next === "cloud" ? { id: "cloud" } : resource && environment ? picked(resource, environment) : null);
  };
  const chooseEnvironment = (id: string) => {
    setEnvironmentId(id);
    setResourceId("");
    onChange(null);
  };
  const chooseResource = (id: string) => {
    setResourceId(id);
    const resource = resources.find((r) => r.id === id);
    onChange(resource && environment ? picked(resource, environment) : null);
  };

  return (
    <fieldset className="resource-picker">
      <legend>{legend}</legend>
      {allowCloud && (
        <div className="resource-picker-scope">
          <label className="inline">
            <input
              type="radio"
              name={`${ids}-scope`}
              checked={scope === "resource"}
              onChange={() => chooseScope("resource")}
            />
            One resource
          </label>
          <label className="inline">
            <input
              type="radio"
              name={`${ids}-scope`}
              checked={scope === "cloud"}
              onChange={() => chooseScope("cloud")}
            />
            Cloud (whole organization)
          </label>
        </div>
      )}
      {scope === "resource" && (
        <>
          <ErrorMessage error={catalog.error} />
          {catalog.loading && !catalog.data && (
            <p className="hint" role="status">
              Loading the resources you can see…
            </p>
          )}
          {catalog.data && catalog.data.environments.length === 0 && (
            <p className="hint">You hold no role on any resource. Ask an administrator for one.</p>
          )}
          {catalog.data && catalog.data.environments.length > 0 && (
            <>
              <label>
                Environment
                <select value={environmentId} onChange={(e) => chooseEnvironment(e.target.value)}>
                  <option value="">Choose an environment</option>
                  {catalog.data.environments.map((e) => (
                    <option key={e.id} value={e.id}>
                      {environmentLabel(e)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Resource
                <select
                  value={resourceId}
                  onChange={(e) => chooseResource(e.target.value)}
                  disabled={!environmentId}
                  aria-describedby={environmentId ? undefined : `${ids}-resource-hint`}
                >
                  <option value="">Choose a resource</option>
                  {resources.map((r) => (
                    <option key={r.id} value={r.id}>
                      {resourceLabel(r)}
                    </option>
                  ))}
                </select>
              </label>
              {!environmentId && (
                <p id={`${ids}-resource-hint`} className="hint">
                  Choose an environment first.
                </p>
              )}
              {environmentId && resources.length === 0 && (
                <p className="hint">You can see no resources in this environment.</p>
              )}
            </>
          )}
        </>
      )}
    </fieldset>
  );
}

function picked(resource: Resource, environment: EnvironmentOption): PickedResource {
  return { id: resource.id ?? "", resource, environment };
}

export function environmentLabel(environment: EnvironmentOption): string {
  if (!environment.displayName) return environment.id;
  return environment.stage
    ? `${environment.displayName} (${environment.stage}, ${environment.id})`
    : `${environment.displayName} (${environment.id})`;
}

const KIND_LABELS: Record<string, string> = {
  RESOURCE_KIND_KAFKA_CLUSTER: "Kafka cluster",
  RESOURCE_KIND_SCHEMA_REGISTRY: "Schema Registry",
  RESOURCE_KIND_KSQLDB_APP: "ksqlDB app",
  RESOURCE_KIND_FLINK_REGION: "Flink region",
};

export function resourceLabel(resource: Resource): string {
  const kind = KIND_LABELS[resource.kind ?? ""] ?? "Resource";
  return `${resource.displayName ?? resource.id} — ${kind} (${resource.id})`;
}

interface Catalog {
  environments: EnvironmentOption[];
  resources: Resource[];
}

async function loadCatalog(api: Api): Promise<Catalog> {
  const [readable, resources] = await Promise.all([
    everyPage(async (pageToken, pageSize) => {
      const page = await fetched(api.GET("/v1/environments", { params: { query: { pageSize, pageToken } } }));
      return { items: page.environments ?? [], next: page.nextPageToken ?? "" };
    }).catch(noneIfRefused<Environment>),
    everyPage(async (pageToken, pageSize) => {
      const page = await fetched(api.GET("/v1/resources", { params: { query: { pageSize, pageToken } } }));
      return { items: page.resources ?? [], next: page.nextPageToken ?? "" };
    }).catch(noneIfRefused<Resource>),
  ]);
  const environments = new Map<string, EnvironmentOption>();
  for (const e of readable) {
    if (e.id) environments.set(e.id, { id: e.id, displayName: e.displayName, stage: e.stage });
  }
  for (const r of resources) {
    if (r.environmentId && !environments.has(r.environmentId)) {
      environments.set(r.environmentId, { id: r.environmentId });
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "base" });
  return {
    environments: [...environments.values()].sort((a, b) => byName(environmentLabel(a), environmentLabel(b))),
    resources: [...resources].sort((a, b) => byName(resourceLabel(a), resourceLabel(b))),
  };
}
