import { z } from 'zod';
import { emptyBody } from './common.ts';

/**
 * `POST /v1/identify` with the visitor token as bearer and the identity token in
 * `X-Crm-Identity`. The body is empty JSON: who the customer is comes only from the
 * verified identity token, whose optional `email`, `name` and `phone` claims update the profile.
 */
export const identifyRequest = emptyBody;

/**
 * Subjects a host server signs when it has no customer at hand (`String(user?.id)` for a
 * signed-out user): accepting them would merge every such visitor into one shared profile.
 */
const PLACEHOLDER_SUBJECTS = new Set(['', 'null', 'undefined']);

/** Claims the host site's server may put in an identity token. */
export const identityClaims = z.object({
  sub: z
    .string()
    .min(1)
    .max(200)
    .refine((sub) => !PLACEHOLDER_SUBJECTS.has(sub.trim().toLowerCase()), {
      message: 'sub must name a customer: not empty, blank, "null" or "undefined"',
    }),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  email: z.email().max(320).optional(),
  name: z.string().max(200).optional(),
  phone: z.string().max(50).optional(),
});
export type IdentityClaims = z.infer<typeof identityClaims>;

/** How identify went: `merged` when anonymous history moved into an existing profile. */
export interface IdentifyResponse {
  status: 'promoted' | 'merged' | 'unchanged';
}
