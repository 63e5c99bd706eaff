// The public listener: what a tunnel exposes. Webhooks and health only; no console route exists here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ingest } from '../calls/ingest.ts';
import type { Logger } from '../log.ts';
import { EventNotStoredError } from '../store/store-writer.ts';
import { ScreenedOutError, throwIfScreenedOut, type RejectedDelivery, type WebhookProvider } from '../webhooks/types.ts';
import type { Handler } from '../net/listener.ts';
import { parseRequestTarget } from '../net/request-target.ts';
import { BodiesBusyError, BodyBudget, BodyTooLargeError, readBody, sendBusy, sendError, sendErrorAndClose, sendJson, sendTooLarge } from '../net/respond.ts';

export const MAX_WEBHOOK_BODY = 1024 * 1024;

/** Webhook bodies read at once before their signature is checked: 64 MiB (64 full-size deliveries). */
const UNVERIFIED_BODIES = new BodyBudget(64 * 1024 * 1024);
const WEBHOOK_ALIASES: Record<string, string> = { '/api/v1/webhooks/ringover/event': 'ringover' };

export interface PublicRoutesDeps {
  /** The providers as configured now (settings can change while the engine runs). */
  providers: () => WebhookProvider[];
  /** The door to the store: a webhook is answered 200 only once its event is durable. */
  ingest: Ingest;
  logger: Logger;
  /** Handles paths owned by later features (e.g. the stream server's HTTP answers). */
  fallback?: Handler;
  /** False once the engine is stopping: `/readyz` then tells a load balancer to send nothing new here. */
  ready?: () => boolean;
}

export function publicRoutes({ providers, ingest, logger, fallback, ready = () => true }: PublicRoutesDeps): Handler {
  const providerFor = (path: string) => {
    const name = WEBHOOK_ALIASES[path] ?? path.match(/^\/webhooks\/([a-z]+)\/?$/)?.[1];
    return name ? providers().find((p) => p.name === name) : undefined;
  };

  return async (req, res) => {
    const target = parseRequestTarget(req.url);
    if (!target.ok) return sendError(res, target.status, target.error);
    const path = target.pathname;
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'use GET /healthz', { allow: 'GET, HEAD' });
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/readyz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'use GET /readyz', { allow: 'GET, HEAD' });
      return ready() ? sendJson(res, 200, { ready: true }) : sendJson(res, 503, { ready: false, reason: 'draining: this engine is stopping' });
    }
    const provider = providerFor(path);
    if (provider) {
      if (req.method !== 'POST') return sendError(res, 405, `webhooks are delivered with POST ${path}`, { allow: 'POST' });
      return receiveWebhook(provider, path, req, res, ingest, logger);
    }
    if (fallback) return fallback(req, res);
    return sendError(res, 404, `no such endpoint: ${path}; webhooks go to /webhooks/{ringover|ringotel|ringyo|ringg}`);
  };
}

async function receiveWebhook(
  provider: WebhookProvider,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  ingest: Ingest,
  logger: Logger,
): Promise<void> {
  const receivedAt = new Date().toISOString();
  // Anyone can send these, as fast as they like: one line per provider and status per interval.
  const rejected = (verdict: RejectedDelivery) =>
    logger.repeated('warn', 'webhook rejected', { provider: provider.name, status: verdict.status, reason: verdict.error }, `webhook rejected ${provider.name} ${verdict.status}`);
  // What can be refused from the headers, or the body's start, is refused without reading the rest.
  const screen = provider.screen;
  let rawBody: Buffer;
  try {
    rawBody = await readBody(req, MAX_WEBHOOK_BODY, screen && ((start) => throwIfScreenedOut(screen(req.headers, start))), UNVERIFIED_BODIES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendTooLarge(res, error);
    if (error instanceof BodiesBusyError) return sendBusy(res, error);
    if (!(error instanceof ScreenedOutError)) throw error;
    rejected(error.rejection);
    return sendErrorAndClose(res, error.rejection.status, error.rejection.error);
  }
  const verdict = provider.accept({ headers: req.headers, rawBody, path });
  if (!verdict.ok) {
    rejected(verdict);
    return sendError(res, verdict.status, verdict.error);
  }
  let result;
  try {
    result = await ingest.store({ dedupeKey: verdict.dedupeKey, event: verdict.event, storedBody: verdict.storedBody, receivedAt });
  } catch (error) {
    // This delivery alone (or its whole batch) was not stored: 400 when the event itself cannot be.
    if (error instanceof EventNotStoredError && error.status === 400) return sendError(res, 400, error.message);
    return sendError(res, 503, (error as Error).message, { 'retry-after': '5' });
  }
  if (result.duplicate) return sendJson(res, 200, { ok: true, duplicate: true });
  sendJson(res, 200, { ok: true, duplicate: false, eventId: result.event!.id, callId: result.event!.callId });
}
