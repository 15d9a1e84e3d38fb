// The new key as the user has filled in the form so far, and the request it makes.
import type { paths } from "../../api/schema";
import { expireTimeOf, type Expiry } from "./ExpiryField";

export type CreateRequest = paths["/v1/api-keys"]["post"]["requestBody"]["content"]["application/json"];

export interface Draft {
  resourceId: string;
  /** Unset: the caller. */
  ownerId?: string;
  displayName: string;
  description: string;
  expiry: Expiry;
}

export function requestOf(draft: Draft, now = new Date()): CreateRequest {
  return {
    resourceId: draft.resourceId,
    ownerId: draft.ownerId,
    displayName: draft.displayName.trim() || undefined,
    description: draft.description,
    expireTime: expireTimeOf(draft.expiry, now).time,
  };
}
