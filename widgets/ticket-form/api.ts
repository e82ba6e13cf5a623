import type { MeResponse } from '../../worker/contract/me.ts';
import type {
  AttachmentView,
  MyOrderOption,
  MyTicket,
  MyTicketSummary,
  TicketCreated,
  TicketCreateRequest,
  SurveyView,
  UploadLink,
} from '../../worker/contract/tickets.ts';
import type { CrmKit, KitError } from '../core/kit.ts';
import type { TICKET_TOKEN_HEADER } from '../../worker/contract/constants.ts';

/** Spelled here, checked against the contract: a runtime import would pull a chunk into crm.js. */
const TICKET_TOKEN: typeof TICKET_TOKEN_HEADER = 'X-Crm-Ticket-Token';

/** A ticket opened through its private link: its id and token. */
export interface PrivateLink {
  id: string;
  token: string;
}

const tokenHeaders = (link: PrivateLink | undefined) => (link ? { [TICKET_TOKEN]: link.token } : undefined);

/** Whether the visitor is signed in, and their orders (none for anonymous visitors). */
export async function fetchContext(
  kit: CrmKit,
  signal: AbortSignal,
): Promise<{ identified: boolean; orders: MyOrderOption[] }> {
  const me = await kit.request<MeResponse>('GET', 'v1/me', { signal });
  if (!me.identified) return { identified: false, orders: [] };
  const { orders } = await kit.request<{ orders: MyOrderOption[] }>('GET', 'v1/tickets/orders', { signal });
  return { identified: true, orders };
}

/** `POST /v1/tickets`; retries of one submission share its idempotency key. */
export function createTicket(kit: CrmKit, body: TicketCreateRequest, idempotencyKey: string) {
  return kit.request<TicketCreated>('POST', 'v1/tickets', {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** The visitor's tickets. */
export async function listTickets(kit: CrmKit, signal: AbortSignal): Promise<MyTicketSummary[]> {
  return (await kit.request<{ tickets: MyTicketSummary[] }>('GET', 'v1/tickets', { signal })).tickets;
}

/** One ticket with its thread. */
export function fetchTicket(kit: CrmKit, id: string, signal: AbortSignal, link?: PrivateLink) {
  const headers = tokenHeaders(link);
  return kit.request<MyTicket>('GET', `v1/tickets/${encodeURIComponent(id)}`, {
    signal,
    ...(headers ? { headers } : {}),
  });
}

/** The customer's reply. */
export function reply(kit: CrmKit, id: string, body: string, link?: PrivateLink) {
  const headers = tokenHeaders(link);
  return kit.request<MyTicket>('POST', `v1/tickets/${encodeURIComponent(id)}/messages`, {
    body: { body },
    ...(headers ? { headers } : {}),
  });
}

/** Rates a resolved ticket. */
export function rate(kit: CrmKit, id: string, stars: number, comment: string, link?: PrivateLink) {
  const headers = tokenHeaders(link);
  return kit.request<MyTicket>('POST', `v1/tickets/${encodeURIComponent(id)}/rating`, {
    body: { stars, comment },
    ...(headers ? { headers } : {}),
  });
}

/** An error shaped like the kit's, so the widget reads `code` the same way. */
function kitError(code: string, status: number): KitError {
  const error = new Error(code) as KitError;
  error.code = code;
  error.status = status;
  return error;
}

/**
 * Uploads one file: asks the API for a signed single-use link, then sends the bytes there
 * with XMLHttpRequest, the one browser API that reports upload progress.
 */
export async function uploadFile(
  kit: CrmKit,
  ticketId: string,
  file: File,
  onProgress: (fraction: number) => void,
  link?: PrivateLink,
): Promise<AttachmentView> {
  const headers = tokenHeaders(link);
  const { uploadUrl } = await kit.request<UploadLink>(
    'POST',
    `v1/tickets/${encodeURIComponent(ticketId)}/attachments`,
    {
      body: { fileName: file.name.slice(0, 200) || 'file', size: file.size },
      ...(headers ? { headers } : {}),
    },
  );
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as AttachmentView);
        return;
      }
      let code = 'upload_failed';
      try {
        code = (JSON.parse(xhr.responseText) as { error: { code: string } }).error.code;
      } catch {
        // Not the API's JSON: keep the generic code.
      }
      reject(kitError(code, xhr.status));
    };
    xhr.onerror = () => {
      reject(kitError('network_error', 0));
    };
    xhr.send(file);
  });
}

/** The satisfaction follow-up behind a signed link. */
export function fetchSurvey(kit: CrmKit, token: string, signal: AbortSignal) {
  return kit.request<SurveyView>('GET', `v1/surveys/${encodeURIComponent(token)}`, { signal });
}

/** Answers the follow-up. */
export function answerSurvey(kit: CrmKit, token: string, stars: number, suggestion: string) {
  return kit.request<undefined>('POST', `v1/surveys/${encodeURIComponent(token)}`, {
    body: { stars, suggestion },
  });
}
