import { surveyPage } from '../modules/tickets/surveys.ts';
import type { Job } from './job.ts';

/**
 * The satisfaction follow-up: some days after an order (`surveyDelayDays` of the site's
 * service settings, 7 by default), the customer gets a survey whose signed link the site can
 * email (`GET /v1/satisfaction-surveys` with the secret key) or show (`#crm-survey=` on the page with the ticket form).
 */
export const satisfactionSurveysJob: Job = {
  name: 'satisfaction-surveys',
  description: 'Make the post-purchase satisfaction surveys of orders placed some days ago',
  intervalMs: 3600 * 1000,
  page: surveyPage,
};
