/**
 * How an error leaves the server: an HTTP status and the named body `{ error: { code, message,
 * field } }`. Only codes that describe the request are 4xx; a damaged artifact on the server's disk
 * is the server's 500 (its message names the file), and a failed service (the intel cache) is 503.
 * An unexpected fault is INTERNAL with a fixed message: no stack or absolute path leaves the process.
 */
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { ErrorCode } from '../errors/errorCodes.ts';

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    /** The path parameter, query key, header or `body` at fault; null when no one field is. */
    field: z.string().nullable(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The statuses a route may answer with besides its success (the OpenAPI document lists them). */
export const ERROR_STATUSES = { 400: 'bad request (named field)', 404: 'not found', 500: 'damaged artifact or internal fault', 503: 'a service the route needs is unavailable' } as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

const STATUS_BY_CODE: Partial<Record<ErrorCode, ErrorStatus>> = {
  HTTP_BAD_REQUEST: 400,
  HTTP_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  EPISODE_NOT_FOUND: 404,
  EXPERIMENT_NOT_FOUND: 404,
  EXPERIMENT_NO_REPORT: 404,
};

export function httpStatusOf(error: ClmmLabError): ErrorStatus {
  return STATUS_BY_CODE[error.code] ?? (error.kind === 'external' ? 503 : 500);
}

export function errorBody(error: ClmmLabError): ErrorBody {
  const field = error.details?.field;
  const message = error.code === 'INTERNAL' ? 'unexpected fault in the server; see its log' : error.message;
  return { error: { code: error.code, message, field: typeof field === 'string' ? field : null } };
}

/** A 400 naming the field, what it got and what was expected. */
export function badRequest(field: string, expected: string, got?: unknown): ClmmLabError {
  const shown = got === undefined ? '' : `, got ${JSON.stringify(got)}`;
  return new ClmmLabError('HTTP_BAD_REQUEST', `${field}: expected ${expected}${shown}`, { details: { field, expected, got } });
}

/**
 * Any thrown value as a ClmmLabError: a coded error as is; a Fastify client error (a malformed URL,
 * an unparsable header) as HTTP_BAD_REQUEST; anything else INTERNAL.
 */
export function asServerError(error: unknown): ClmmLabError {
  if (error instanceof ClmmLabError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ClmmLabError('HTTP_BAD_REQUEST', (error as Error).message, { details: { field: null }, cause: error });
  return new ClmmLabError('INTERNAL', (error as Error)?.message ?? String(error), { cause: error });
}
