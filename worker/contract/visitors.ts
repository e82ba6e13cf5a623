import { z } from 'zod';

/** `POST /v1/visitors`: new anonymous visitor, or rotate the token of an existing one. */
export const visitorRequest = z.strictObject({
  /** A token issued earlier; when valid, the same visitor gets a fresh token. */
  visitorToken: z.string().max(1000).optional(),
});
export type VisitorRequest = z.infer<typeof visitorRequest>;

/** The token the browser keeps first-party and sends as `Authorization: Bearer …`. */
export interface VisitorResponse {
  visitorToken: string;
  /** Epoch ms after which the token must be refreshed. */
  expiresAt: number;
  /** True when a new visitor was created rather than an existing one refreshed. */
  created: boolean;
}
