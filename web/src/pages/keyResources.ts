// Naming the resources that keys open, for the key pages: a resource's display
// name where the caller may read it, else its id; "Cloud" for Cloud keys.
import { answer, type Api, type Resource } from "../api/client";
import { ApiError } from "../api/errors";

export const CLOUD = "cloud";

/** Resource id → display name, for the resources the caller could read. */
export type ResourceNames = ReadonlyMap<string, string>;

// A select with more resources than this is not usable anyway.
const MAX_LISTED_PAGES = 5;

/**
 * The resources the caller may list (a few pages of them), or none if
 * listing is refused: the filter then offers only Cloud.
 */
export async function listReadableResources(api: Api): Promise<Resource[]> {
  const resources: Resource[] = [];
  let pageToken = "";
  try {
    for (let page = 0; page < MAX_LISTED_PAGES; page++) {
      const { data } = await answer(api.GET("/v1/resources", { params: { query: { pageSize: 100, pageToken } } }));
      resources.push(...(data.resources ?? []));
      pageToken = data.nextPageToken ?? "";
      if (!pageToken) break;
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  return resources;
}

/**
 * Display names for `ids`: from `known` where present, else read one by one;
 * an id the caller may not read is left out (it shows as its id).
 */
export async function resourceNamesOf(api: Api, ids: Iterable<string>, known: ResourceNames): Promise<ResourceNames> {
  const names = new Map(known);
  const missing = [...new Set(ids)].filter((id) => id !== CLOUD && id !== "" && !names.has(id));
  const read = await Promise.all(
    missing.map((id) =>
      answer(api.GET("/v1/resources/{id}", { params: { path: { id } } })).then(
        ({ data }) => data,
        () => null,
      ),
    ),
  );
  for (const resource of read) {
    if (resource?.id && resource.displayName) names.set(resource.id, resource.displayName);
  }
  return names;
}

export function namesOf(resources: Resource[]): ResourceNames {
  return new Map(resources.filter((r) => r.id && r.displayName).map((r) => [r.id ?? "", r.displayName ?? ""]));
}

export function resourceLabel(id: string | undefined, names: ResourceNames): string {
  if (!id) return "—";
  if (id === CLOUD) return "Cloud";
  return names.get(id) ?? id;
}
