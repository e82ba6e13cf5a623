import type {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_TICKET,
  MAX_TICKET_BODY,
  MAX_TICKET_SUBJECT,
} from '../../worker/contract/constants.ts';
import type { TicketFormMessages } from './messages.ts';

/** The form's fields as typed. */
export interface FormValues {
  category: string;
  subject: string;
  body: string;
  orderId: string;
  email: string;
  name: string;
  postcode: string;
  /** The honeypot. */
  website: string;
}

/** A message per field in error. */
export type FieldErrors = Partial<Record<keyof FormValues, string | undefined>>;

/**
 * The API's limits, spelled here and checked against the contract's constants: importing them
 * at run time would make the build share a chunk with crm.js.
 */
export const LIMITS: {
  subject: typeof MAX_TICKET_SUBJECT;
  body: typeof MAX_TICKET_BODY;
  fileBytes: typeof MAX_ATTACHMENT_BYTES;
  files: typeof MAX_ATTACHMENTS_PER_TICKET;
} = { subject: 200, body: 5000, fileBytes: 10 * 1024 * 1024, files: 10 };

const ACCEPTED = /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the form the way the API will, so most mistakes are caught before sending. */
export function validate(v: FormValues, anonymous: boolean, t: TicketFormMessages): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.category) errors.category = t.required(t.category);
  if (!v.subject.trim()) errors.subject = t.required(t.subject);
  else if (v.subject.trim().length > LIMITS.subject) errors.subject = t.tooLong(t.subject, LIMITS.subject);
  if (!v.body.trim()) errors.body = t.required(t.description);
  else if (v.body.trim().length > LIMITS.body) errors.body = t.tooLong(t.description, LIMITS.body);
  if (anonymous && !EMAIL.test(v.email.trim())) errors.email = t.invalidEmail;
  return errors;
}

/** Why a picked file cannot be attached, or null. The server checks the bytes again. */
export function checkFile(file: File, t: TicketFormMessages): string | null {
  if (file.size > LIMITS.fileBytes) return t.fileTooBig(file.name);
  if (!ACCEPTED.test(file.type)) return t.fileType(file.name);
  return null;
}
