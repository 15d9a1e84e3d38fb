// The accounts, environments and resources the admin can see: options for the
// grant form's pickers, and names for the ids in the role bindings list.
import { fetched, type Account, type Api, type Environment, type Resource } from "../../api/client";
import { useLoad, type Loaded } from "../../useLoad";
import { everyPage } from "../../api/lists";

export interface Directory {
  accounts: Account[];
  environments: Environment[];
  resources: Resource[];
  /** "name (id)" for an account, environment or resource id; the id alone if unknown. */
  describe: (id: string) => string;
}

export function useDirectory(api: Api): Loaded<Directory> {
  return useLoad(async () => {
    const [accounts, environments, resources] = await Promise.all([
      everyPage(async (pageToken, pageSize) => {
        const page = await fetched(api.GET("/v1/accounts", { params: { query: { pageToken, pageSize } } }));
        return { items: page.accounts ?? [], next: page.nextPageToken ?? "" };
      }),
      everyPage(async (pageToken, pageSize) => {
        const page = await fetched(api.GET("/v1/environments", { params: { query: { pageToken, pageSize } } }));
        return { items: page.environments ?? [], next: page.nextPageToken ?? "" };
      }),
      everyPage(async (pageToken, pageSize) => {
        const page = await fetched(api.GET("/v1/resources", { params: { query: { pageToken, pageSize } } }));
        return { items: page.resources ?? [], next: page.nextPageToken ?? "" };
      }),
    ]);
    const names = new Map<string, string>();
    for (const item of [...accounts, ...environments, ...resources]) {
      if (item.id) names.set(item.id, item.displayName ?? "");
    }
    const describe = (id: string) => {
      const name = names.get(id);
      return name ? `${name} (${id})` : id;
    };
    return { accounts, environments, resources, describe };
  }, [api]);
}
