import { eq } from 'drizzle-orm';
import { serviceSettings } from '../../../db/schema/index.ts';
import type { SlaTargets, TicketPriority } from '../../contract/constants.ts';
import type { ServiceContext } from '../context.ts';

/** A site's service settings. */
export interface ServiceSettings {
  /** Days after resolution in which a customer's reply reopens the ticket. */
  reopenDays: number;
  sla: SlaTargets;
  /** Days after an order before the satisfaction follow-up is made; 0 turns it off. */
  surveyDelayDays: number;
}

/** What a site has until it changes them. */
export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  reopenDays: 14,
  sla: {
    urgent: { firstResponseHours: 1, resolutionHours: 8 },
    high: { firstResponseHours: 4, resolutionHours: 24 },
    normal: { firstResponseHours: 24, resolutionHours: 72 },
    low: { firstResponseHours: 48, resolutionHours: 168 },
  },
  surveyDelayDays: 7,
};

/** The site's settings, or the defaults. */
export async function serviceSettingsOf(ctx: ServiceContext, siteId: string): Promise<ServiceSettings> {
  const [row] = await ctx.db.select().from(serviceSettings).where(eq(serviceSettings.siteId, siteId));
  return row
    ? { reopenDays: row.reopenDays, sla: row.sla, surveyDelayDays: row.surveyDelayDays }
    : DEFAULT_SERVICE_SETTINGS;
}

/** Saves a site's settings. */
export async function saveServiceSettings(ctx: ServiceContext, siteId: string, settings: ServiceSettings) {
  const values = { ...settings, updatedAt: ctx.now() };
  await ctx.db
    .insert(serviceSettings)
    .values({ siteId, ...values })
    .onConflictDoUpdate({ target: serviceSettings.siteId, set: values });
}

const HOUR = 3600 * 1000;

/** The due times of a ticket of `priority` opened at `openedAt`. */
export function slaDue(settings: ServiceSettings, priority: TicketPriority, openedAt: number) {
  const target = settings.sla[priority];
  return {
    firstResponseDueAt: openedAt + target.firstResponseHours * HOUR,
    resolutionDueAt: openedAt + target.resolutionHours * HOUR,
  };
}

/** The queue's sort key of a priority: 0 = urgent. */
export const PRIORITY_RANK: Record<TicketPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
