import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog, type AuditEntry } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';

/** What an audit row says; `at` is the service clock's. */
export interface AuditRecord {
  staffId: string | null;
  actor: string | null;
  action: string;
  siteId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

/** The insert of one audit row, to put in the same batch as the change it records. */
export function auditInsert(ctx: ServiceContext, record: AuditRecord) {
  return ctx.db.insert(auditLog).values({
    at: ctx.now(),
    staffId: record.staffId,
    actor: record.actor,
    action: record.action,
    siteId: record.siteId ?? null,
    targetType: record.targetType ?? null,
    targetId: record.targetId ?? null,
    detail: record.detail ?? null,
  });
}

/** Records something that happened on its own (a view, a sign-in). */
export async function audit(ctx: ServiceContext, record: AuditRecord): Promise<void> {
  await auditInsert(ctx, record);
}

/** The newest audit rows before `beforeId`, newest first. */
export async function listAudit(
  ctx: ServiceContext,
  options: { limit: number; beforeId?: number | undefined; siteId?: string | undefined },
): Promise<{ entries: AuditEntry[]; nextCursor: number | null }> {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        options.siteId ? eq(auditLog.siteId, options.siteId) : undefined,
        options.beforeId ? lt(auditLog.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit + 1);
  const entries = rows.slice(0, options.limit);
  return { entries, nextCursor: rows.length > options.limit ? (entries.at(-1)?.id ?? null) : null };
}
