import crypto from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { CurrentUser } from '../auth/session';
import { documents, uploadLinks, users } from '../db/schema';
import { AppError, type ErrorCode } from '../errors';
import { moduleLogger } from '../log';
import type { UploadOutcome } from '../documents/manage';
import type { Services } from '../services';

const log = moduleLogger('uploads.links');

export type UploadLinkView = {
  id: string;
  url: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  createdByName: string | null;
  uploads: number;
};

type UploadLinkRow = typeof uploadLinks.$inferSelect;

/** Derives a key for upload links only from the auth secret, so it differs from better-auth's keys. */
function signingKey(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update('rma-advisor upload links v1').digest();
}

function signature(secret: string, linkId: string, expiresSeconds: number): string {
  return crypto.createHmac('sha256', signingKey(secret)).update(`${linkId}.${expiresSeconds}`).digest('base64url');
}

/** Returns the token of a link: its id, its expiry in Unix seconds and an HMAC-SHA256 over both. */
export function uploadToken(secret: string, link: Pick<UploadLinkRow, 'id' | 'expiresAt'>): string {
  const expiresSeconds = Math.floor(link.expiresAt.getTime() / 1000);
  return `${link.id}.${expiresSeconds}.${signature(secret, link.id, expiresSeconds)}`;
}

export function uploadUrl(services: Services, link: Pick<UploadLinkRow, 'id' | 'expiresAt'>): string {
  return new URL(`/upload/${uploadToken(services.authSecret, link)}`, services.config.APP_URL).toString();
}

const invalidLink = () => new AppError('not_found', 'This upload link is not valid. Ask your advisor for a new link.');

/**
 * Checks a token from a client's upload link and returns its link: the signature must match, the
 * link must exist, and it must be neither expired nor revoked. Only a valid token reveals anything.
 */
export async function verifyUploadToken(services: Services, token: string): Promise<UploadLinkRow> {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[0-9a-f-]{36}$/.test(parts[0]) || !/^\d{1,12}$/.test(parts[1])) throw invalidLink();
  const [linkId, expires, given] = parts;
  const expected = Buffer.from(signature(services.authSecret, linkId, Number(expires)));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) throw invalidLink();

  const [link] = await services.db.select().from(uploadLinks).where(eq(uploadLinks.id, linkId));
  if (!link || Math.floor(link.expiresAt.getTime() / 1000) !== Number(expires)) throw invalidLink();
  if (link.revokedAt) throw new AppError('link_revoked', 'This upload link has been cancelled. Ask your advisor for a new link.');
  if (link.expiresAt.getTime() <= Date.now()) throw new AppError('link_expired', 'This upload link has expired. Ask your advisor for a new link.');
  return link;
}

export async function createUploadLink(services: Services, clientId: string, creator: CurrentUser, days?: number): Promise<UploadLinkView> {
  const lifetimeDays = days ?? services.config.UPLOAD_LINK_DAYS;
  const expiresAt = new Date(Date.now() + lifetimeDays * 24 * 60 * 60 * 1000);
  const [link] = await services.db.insert(uploadLinks).values({ clientId, createdBy: creator.id, expiresAt }).returning();
  log.info({ linkId: link.id, clientId, userId: creator.id, days: lifetimeDays }, 'upload link created');
  return { ...toView(services, link, creator.name), uploads: 0 };
}

function toView(services: Services, link: UploadLinkRow, createdByName: string | null): Omit<UploadLinkView, 'uploads'> {
  return {
    id: link.id,
    url: uploadUrl(services, link),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
    createdByName,
  };
}

export async function listUploadLinks(services: Services, clientId: string): Promise<UploadLinkView[]> {
  const rows = await services.db
    .select({ link: uploadLinks, createdByName: users.name, uploads: count(documents.id) })
    .from(uploadLinks)
    .leftJoin(users, eq(users.id, uploadLinks.createdBy))
    .leftJoin(documents, eq(documents.uploadLinkId, uploadLinks.id))
    .where(eq(uploadLinks.clientId, clientId))
    .groupBy(uploadLinks.id, users.name)
    .orderBy(desc(uploadLinks.createdAt));
  return rows.map((row) => ({ ...toView(services, row.link, row.createdByName), uploads: row.uploads }));
}

export async function getUploadLink(services: Services, clientId: string, linkId: string): Promise<UploadLinkRow> {
  const [link] = await services.db.select().from(uploadLinks).where(and(eq(uploadLinks.id, linkId), eq(uploadLinks.clientId, clientId)));
  if (!link) throw new AppError('not_found', `Upload link ${linkId} was not found for this client.`);
  return link;
}

export async function revokeUploadLink(services: Services, clientId: string, linkId: string): Promise<void> {
  await getUploadLink(services, clientId, linkId);
  await services.db.update(uploadLinks).set({ revokedAt: new Date() }).where(eq(uploadLinks.id, linkId));
  log.info({ linkId, clientId }, 'upload link revoked');
}

/** Returns a PNG QR code of the link's address, large enough to scan from paper. */
export async function uploadLinkQrPng(services: Services, link: UploadLinkRow): Promise<Buffer> {
  return QRCode.toBuffer(uploadUrl(services, link), { type: 'png', width: 512, margin: 2, errorCorrectionLevel: 'M' });
}

const PASSWORD_FAILURE = 'This PDF is protected by a password. Send a copy without a password, or tell your advisor the password.';
const DAMAGED_FAILURE = 'This file could not be opened: it may be damaged or incomplete. Send a new copy or a photo of the paper.';

/** The message a client sees for a failed document, by error code. The advisor's message may name server settings or steps only an advisor can take. */
const clientFailureMessages: Partial<Record<ErrorCode, string>> = {
  pdf_password_required: PASSWORD_FAILURE,
  pdf_password_incorrect: PASSWORD_FAILURE,
  pdf_too_many_pages: 'This PDF has too many pages to read in one go. Send it in smaller parts.',
  pdf_invalid: DAMAGED_FAILURE,
  pdf_timeout: DAMAGED_FAILURE,
  image_invalid: 'This picture could not be opened. Take the photo again and send it as PNG or JPEG.',
  unsupported_file_type: 'This kind of file cannot be read. Send a PDF, or a photo as PNG or JPEG.',
  file_empty: 'This file is empty. Send it again.',
  payload_too_large: 'This file is larger than this page accepts. Send it in smaller parts, or a photo of each page.',
  // The advisor's message names the earlier file and its date, which are not the client's to see.
  duplicate_document: 'This file was sent before, so it was not added again. Nothing more is needed.',
};

const CLIENT_FAILURE_DEFAULT = 'This file could not be read. Your advisor can see that it failed and will contact you if needed; you can also send a clearer copy.';

/** Returns the message a client sees for a failed document, never the advisor's own message. */
export function clientFailureMessage(errorCode: string | null): string {
  return (errorCode && clientFailureMessages[errorCode as ErrorCode]) || CLIENT_FAILURE_DEFAULT;
}

/** Rewrites the upload's rejected files with the client's wording, so the upload page shows nothing of the client's record. */
export function rejectionsForClient(rejected: UploadOutcome['rejected']): UploadOutcome['rejected'] {
  return rejected.map(({ filename, error }) => ({ filename, error: { ...error, message: clientFailureMessage(error.code) } }));
}

/** Lists the documents a link delivered, with their processing state and nothing else about the client; a failure gets the client's wording. */
export async function listLinkDocuments(services: Services, linkId: string) {
  const rows = await services.db
    .select({ id: documents.id, filename: documents.filename, status: documents.status, pagesDone: documents.pagesDone, pagesTotal: documents.pagesTotal, errorCode: documents.errorCode })
    .from(documents)
    .where(eq(documents.uploadLinkId, linkId))
    .orderBy(desc(documents.createdAt));
  return rows.map(({ errorCode, ...row }) => ({ ...row, failure: row.status === 'failed' ? clientFailureMessage(errorCode) : null }));
}
