import { Hono, type Context } from 'hono';
import {
  acceptInviteRequest,
  auditQuery,
  idParam,
  inviteRequest,
  setupRequest,
  signInRequest,
  staffUpdateRequest,
  type ConsoleMe,
  type SetupStatus,
} from '../../contract/console.ts';
import { CONSOLE_PATH } from '../../contract/constants.ts';
import { emptyBody } from '../../contract/common.ts';
import { authorize } from '../../http/authorize.ts';
import { parseInput, readBody } from '../../http/body.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/console-guards.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import { conflict, forbidden, unauthorized } from '../../http/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import type { ServiceContext } from '../context.ts';
import { createSiteWithAudit, listSites } from '../sites/settings.ts';
import {
  acceptInvite,
  checkCredentials,
  createFirstOwner,
  inviteStaff,
  listStaff,
  staffCount,
  staffView,
  updateStaff,
} from './accounts.ts';
import { listAudit } from './audit.ts';
import { closeAllSessions, closeSession, openSession } from './sessions.ts';
import type { Staff } from '../../../db/schema/index.ts';

/** The signed-in member; console routes run behind the session guard. */
function signedIn(c: AppContext) {
  const principal = c.get('principal');
  if (principal.kind !== 'staff') throw unauthorized('sign_in_required', 'Sign in to the console');
  return principal;
}

async function consoleMe(ctx: ServiceContext, member: Staff): Promise<ConsoleMe> {
  return { member: staffView(member), sites: await listSites(ctx) };
}

async function signIn(ctx: ServiceContext, c: Context, member: Staff): Promise<ConsoleMe> {
  const session = await openSession(ctx, member, c.req.header('User-Agent'));
  setSessionCookie(c, session.token, session.expiresAt);
  return consoleMe(ctx, member);
}

/** Options of {@link setupRoutes}. */
export interface ConsoleEntryOptions {
  /** The one-time first-run token: printed by the Node server, a secret on Workers. */
  setupToken: string | undefined;
}

/** `/setup`: whether first-run setup is needed, and doing it with the one-time setup token. */
export function setupRoutes(ctx: ServiceContext, options: ConsoleEntryOptions) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json<SetupStatus>({ needed: (await staffCount(ctx)) === 0 }, 200))
    .post('/', async (c) => {
      const input = await readBody(c, setupRequest);
      const expected = options.setupToken;
      // Compared as hashes, so the comparison takes the same time however much of the token is right.
      if (!expected || (await sha256Hex(input.setupToken)) !== (await sha256Hex(expected))) {
        throw unauthorized('invalid_setup_token', 'The setup token is wrong');
      }
      const owner = await createFirstOwner(ctx, input.owner);
      if (!owner) throw conflict('setup_done', 'This installation is set up already: sign in');
      const keys = await createSiteWithAudit(ctx, owner, input.site, new URL(c.req.url).origin);
      await signIn(ctx, c, owner);
      return c.json(keys, 201);
    });
}

/** `POST /sign-in`: email and password open a session. */
export function signInRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const { email, password } = await readBody(c, signInRequest);
    const member = await checkCredentials(ctx, email, password);
    return c.json(await signIn(ctx, c, member), 200);
  });
}

/** `POST /invites/accept`: a one-time invitation becomes an account, signed in. */
export function inviteRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().post('/accept', async (c) => {
    const { token, name, password } = await readBody(c, acceptInviteRequest);
    const member = await acceptInvite(ctx, token, name, password);
    return c.json(await signIn(ctx, c, member), 201);
  });
}

/** `GET /me`: the signed-in member and the sites they can open. */
export function meRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await consoleMe(ctx, signedIn(c).member), 200));
}

/** `POST /sign-out` ends this session; `POST /sign-out/everywhere` ends all of the member's. */
export function signOutRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      await readBody(c, emptyBody);
      await closeSession(ctx, signedIn(c).sessionId);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .post('/everywhere', async (c) => {
      await readBody(c, emptyBody);
      const { member } = signedIn(c);
      await closeAllSessions(ctx, member.id);
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}

/** `/staff`: the owner's list of members, invitations, role changes and deactivation. */
export function staffRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .use(authorize('staff.manage'))
    .get('/', async (c) => c.json({ staff: await listStaff(ctx) }, 200))
    .post('/invites', async (c) => {
      const { email, role } = await readBody(c, inviteRequest);
      const invite = await inviteStaff(ctx, signedIn(c).member, email, role);
      // The token rides in the fragment, which browsers never send to servers or put in logs.
      const inviteUrl = `${new URL(c.req.url).origin}${CONSOLE_PATH}/invite#${invite.token}`;
      return c.json({ inviteUrl, expiresAt: invite.expiresAt }, 201);
    })
    .patch('/:id', async (c) => {
      const id = parseInput(idParam, c.req.param('id'));
      const change = await readBody(c, staffUpdateRequest);
      const { member } = signedIn(c);
      if (id === member.id && change.active === false) {
        throw forbidden('self_deactivation', 'Ask another owner to deactivate your account');
      }
      return c.json(await updateStaff(ctx, member, id, change), 200);
    });
}

/** `GET /audit`: who did what, newest first (owner). */
export function auditRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>().get('/', authorize('staff.manage'), async (c) => {
    const query = parseInput(auditQuery, c.req.query());
    return c.json(await listAudit(ctx, { limit: query.limit, beforeId: query.before }), 200);
  });
}
