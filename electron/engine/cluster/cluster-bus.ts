// The engines of a cluster talk over NATS (`--nats-url`): the live feed goes to every engine (so a
// console on any engine follows every call), and a command for a call goes to the one engine that
// holds its media socket (request/reply on a subject per call, answered only by that engine).
// Everything received is checked before use: a peer's message that does not parse is dropped.
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { ApiError, type LiveMessage } from '../../../shared/api.ts';
import type { Command, CommandResult } from '../../../shared/commands.ts';
import type { Logger } from '../log.ts';

/** The first token of every subject: one NATS may carry several clusters (or test runs) apart. */
export const DEFAULT_PREFIX = 'ringside';
/** How long a command waits for the engine holding its call (ms). */
export const COMMAND_TIMEOUT_MS = 5000;

/** A call id as one NATS subject token (ids may hold dots or other characters subjects reserve). */
const commandSubject = (prefix: string, callId: string) => `${prefix}.call.${Buffer.from(callId, 'utf8').toString('base64url')}.command`;

/** A feed message as it travels: which engine sent it, then the message. */
interface FeedEnvelope {
  from: string;
  message: LiveMessage;
}

/** A command's answer as it travels: the result, or the error with the status the console gets. */
type CommandReply = { result: CommandResult } | { error: { status: number; message: string } };

export interface ClusterBus {
  /** This engine's id on the bus (its feed messages carry it, so it ignores its own). */
  readonly engineId: string;
  publishFeed(message: LiveMessage): void;
  /** Hears every other engine's feed messages. */
  onFeed(handler: (message: LiveMessage) => void): void;
  /** Answers the commands for `callId` (this engine holds its media socket); returns the function that stops. */
  serveCommands(callId: string, run: (command: Command) => Promise<CommandResult>): () => void;
  /**
   * Sends a command to the engine holding the call's media socket. Throws ApiError 409 when no
   * engine holds it, 503 when the holder does not answer in time or NATS is down, and the holder's
   * own ApiError when it refused the command.
   */
  sendCommand(callId: string, command: Command): Promise<CommandResult>;
  close(): Promise<void>;
}

export interface ClusterBusOptions {
  url: string;
  engineId: string;
  logger: Logger;
  commandTimeoutMs?: number;
  /** The first token of the cluster's subjects (default `ringside`): a plain name. */
  prefix?: string;
}

export async function startClusterBus({ url, engineId, logger, commandTimeoutMs = COMMAND_TIMEOUT_MS, prefix = DEFAULT_PREFIX }: ClusterBusOptions): Promise<ClusterBus> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix)) throw new Error(`"${prefix}" cannot start a NATS subject: use letters, digits, - and _`);
  const FEED = `${prefix}.feed`;
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name: `ringside-${engineId}`, maxReconnectAttempts: -1 });
  } catch (error) {
    throw new Error(`NATS did not answer at ${url} (${(error as Error).message}); check --nats-url and that nats-server runs`, { cause: error });
  }
  const feedHandlers: ((message: LiveMessage) => void)[] = [];
  nc.subscribe(FEED, {
    callback: (error, msg) => {
      if (error) return logger.warn('cluster feed stopped', { error });
      const envelope = parseJson(msg.data) as Partial<FeedEnvelope> | undefined;
      if (!envelope || typeof envelope.from !== 'string' || envelope.from === engineId || !isLiveMessage(envelope.message)) return;
      for (const handler of feedHandlers) {
        try {
          handler(envelope.message);
        } catch (failure) {
          logger.error('a peer feed message could not be handled', { error: failure, type: envelope.message.type });
        }
      }
    },
  });

  return {
    engineId,
    publishFeed(message) {
      if (nc.isClosed()) return;
      try {
        nc.publish(FEED, JSON.stringify({ from: engineId, message } satisfies FeedEnvelope));
      } catch (error) {
        logger.warn('a feed message did not reach the cluster', { error, type: message.type });
      }
    },
    onFeed(handler) {
      feedHandlers.push(handler);
    },
    serveCommands(callId, run) {
      const subscription: Subscription = nc.subscribe(commandSubject(prefix, callId), {
        callback: (error, msg) => {
          if (error) return;
          const command = parseJson(msg.data) as Command | undefined;
          const answer = (reply: CommandReply) => msg.respond(JSON.stringify(reply));
          if (!command || typeof command !== 'object' || typeof command.type !== 'string') {
            answer({ error: { status: 400, message: 'a command must be a JSON object with a "type"' } });
            return;
          }
          run(command).then(
            (result) => answer({ result }),
            (failure: Error) => answer({ error: { status: failure instanceof ApiError ? failure.status : 500, message: failure instanceof ApiError ? failure.message : 'the engine holding this call could not run the command' } }),
          );
        },
      });
      return () => subscription.unsubscribe();
    },
    async sendCommand(callId, command) {
      let data: Uint8Array;
      try {
        data = (await nc.request(commandSubject(prefix, callId), JSON.stringify(command), { timeout: commandTimeoutMs })).data;
      } catch (error) {
        if (isNoResponders(error)) throw new ApiError(409, `call ${callId} has no live stream on any engine`);
        throw new ApiError(503, `the engine holding call ${callId} did not answer in time; try again`);
      }
      const reply = parseJson(data) as CommandReply | undefined;
      if (reply && 'result' in reply) return reply.result;
      if (reply && 'error' in reply) throw new ApiError(reply.error.status, reply.error.message);
      throw new ApiError(503, `the engine holding call ${callId} gave an answer that could not be read; try again`);
    },
    async close() {
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
}

const LIVE_TYPES = new Set<LiveMessage['type']>(['call.updated', 'event.appended', 'audio.peaks', 'transcript', 'presence', 'handover']);

/** The shape a peer's message must have before any engine code sees it (a call update names its call). */
function isLiveMessage(value: unknown): value is LiveMessage {
  if (typeof value !== 'object' || value === null || !LIVE_TYPES.has((value as { type: LiveMessage['type'] }).type)) return false;
  const message = value as LiveMessage;
  if (message.type === 'call.updated') return typeof message.call === 'object' && message.call !== null && typeof message.call.id === 'string';
  if (message.type === 'event.appended') return typeof message.event === 'object' && message.event !== null && typeof message.event.id === 'string';
  return true;
}

function isNoResponders(error: unknown): boolean {
  for (let e = error as (Error & { isNoResponders?: () => boolean }) | undefined; e; e = e.cause as typeof e) {
    if (e.name === 'NoRespondersError' || e.isNoResponders?.()) return true;
  }
  return false;
}
