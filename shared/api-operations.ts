// The console API as one table: for each operation, its arguments' schema (a zod tuple), its HTTP
// method and route (and where each argument travels), its IPC channel in the desktop app (none for
// what only a browser needs) and what it does. The HTTP router, the IPC wrapper, the preload and the
// browser's bridge iterate this table, so they cannot drift. Each boundary checks the arguments once,
// with these schemas and the same messages; the engine behind them trusts what it is given.
// Streams (live updates, listen-in) do not answer once, so each bridge carries them its own way: they
// are described below the table, with the desktop window's own operation.
import { z } from 'zod';
import { testEventRequestSchema } from './access.ts';
import { ApiError, callQuerySchema, ticketRequestSchema, type ConsoleApi } from './api.ts';
import { commandSchema, describeCommandIssue } from './commands.ts';
import { LANGUAGES } from './i18n/languages.ts';
import { legalHoldSchema, phoneNumberSchema } from './privacy.ts';
import { backfillRangeSchema, commentSchema, smsTextSchema, tagsSchema } from './ringover.ts';
import { settingsPatchSchema } from './settings.ts';
import { statsQuerySchema } from './stats.ts';
import type { Role } from './team.ts';

/** One problem found in an argument; its path starts inside the argument. */
export type ArgumentIssue = z.core.$ZodIssue;

/** Where an argument travels over HTTP: the route's `:id`, the whole query, the whole JSON body, or one field of it. */
export type HttpArgument = 'path' | 'query' | 'body' | { field: string };

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PATCH';
  /** The path; `:id` stands for an argument (percent-encoded there). */
  path: string;
  /** Where each argument travels, in order. */
  args: readonly HttpArgument[];
  /** The answer's status when it succeeds (default 200). */
  status?: 200 | 201 | 202;
}

/** Anything called with checked arguments: an operation of the table, a stream, the desktop window's own operation. */
export interface Checked {
  /** The arguments, in order. */
  args: z.ZodTuple;
  /** The message for a problem in argument `index` (default: where it is, then zod's words). */
  invalid?: (issue: ArgumentIssue, index: number) => string;
}

export interface Operation extends Checked {
  http: HttpRoute;
  /**
   * The least role that may call it, checked by the engine on every request of the team listener
   * (the loopback console and the desktop window act as the local administrator).
   */
  role: Role;
  /** The desktop app's channel (renderer → main, answered); absent for what only a browser needs. */
  ipc?: string;
  doc: string;
}

/** A call id as the engine makes them (`ringover-…`), kept exactly as given. */
export const callIdSchema = z
  .string({ error: 'a call id is a string' })
  .min(1, 'a call id is required')
  .max(1000, 'a call id has at most 1000 characters');

/** Operations that answer once; the streams (`subscribe`, `listen`) are below. */
export type OperationName = Exclude<keyof ConsoleApi, 'subscribe' | 'listen'>;

export const OPERATIONS = {
  listCalls: {
    role: 'viewer',
    args: z.tuple([callQuerySchema]),
    http: { method: 'GET', path: '/api/calls', args: ['query'] },
    ipc: 'calls.list',
    doc: 'Calls newest first, live ones (from memory) or ended ones (from the store), searched by `q`; pass `nextBefore` back as `before` for the next page.',
    invalid: (issue) =>
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? 'send the query as an object, e.g. {"state":"live"}'
        : `invalid query parameter ${issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.')}: ${issue.message}`,
  },
  getCall: {
    role: 'viewer',
    args: z.tuple([callIdSchema]),
    http: { method: 'GET', path: '/api/calls/:id', args: ['path'] },
    ipc: 'calls.get',
    doc: 'One call with its timeline (every stored event); 404 for an unknown id.',
  },
  health: {
    role: 'viewer',
    args: z.tuple([]),
    http: { method: 'GET', path: '/api/health', args: [] },
    ipc: 'engine.health',
    doc: 'Providers configured (or the missing setting), last event per provider, counts, streams, bot, public access.',
  },
  sendCommand: {
    role: 'supervisor',
    args: z.tuple([callIdSchema, commandSchema]),
    http: { method: 'POST', path: '/api/calls/:id/commands', args: ['path', 'body'], status: 202 },
    ipc: 'calls.command',
    doc: 'A command to a live call (break, digits, transfer, play, streamAudio, takeover, handback, say); 404 no call, 409 no live stream.',
    invalid: (issue, index) => (index === 1 ? describeCommandIssue(issue) : describeIssue(issue)),
  },
  settings: {
    role: 'administrator',
    args: z.tuple([]),
    http: { method: 'GET', path: '/api/settings', args: [] },
    ipc: 'settings.get',
    doc: 'Each console setting: whether it is set, its value (never a secret’s) and where it comes from.',
  },
  updateSettings: {
    role: 'administrator',
    args: z.tuple([settingsPatchSchema]),
    http: { method: 'PATCH', path: '/api/settings', args: ['body'] },
    ipc: 'settings.update',
    doc: 'Changes settings (null or "" goes back to the default); 409 for a setting locked by the file, the environment or a flag.',
    invalid: (issue) => describeSettingsPatchIssue(issue),
  },
  setDemo: {
    role: 'administrator',
    args: z.tuple([z.boolean({ error: 'running must be true or false' })]),
    http: { method: 'POST', path: '/api/demo', args: [{ field: 'running' }] },
    ipc: 'demo.set',
    doc: 'Starts or stops the built-in demo calls.',
  },
  testEvent: {
    role: 'administrator',
    args: z.tuple([testEventRequestSchema.shape.provider]),
    http: { method: 'POST', path: '/api/access/test', args: [{ field: 'provider' }] },
    ipc: 'access.test-event',
    doc: 'A signed sample event for the provider, posted to the public URL; says whether it arrived and was stored, or what failed.',
  },
  issueTicket: {
    role: 'viewer',
    args: z.tuple([ticketRequestSchema]),
    http: { method: 'POST', path: '/api/tickets', args: ['body'], status: 201 },
    doc: 'A short-lived ticket for a URL a browser opens without headers (a WebSocket, a recording); the desktop window opens none.',
  },
  stats: {
    role: 'viewer',
    args: z.tuple([statsQuerySchema]),
    http: { method: 'GET', path: '/api/stats', args: ['query'] },
    ipc: 'stats.get',
    doc: 'The wallboard’s figures from the store for calls that started in [from, to) (ISO times; default today so far, at most 31 days), and the calls live now.',
    invalid: (issue) =>
      issue.path.length === 0 && issue.code === 'invalid_type'
        ? 'send the query as an object, e.g. {"from":"2025-03-01T00:00:00Z"}'
        : `invalid query parameter ${issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.')}: ${issue.message}`,
  },
  ringoverStatus: {
    role: 'administrator',
    args: z.tuple([]),
    http: { method: 'GET', path: '/api/ringover', args: [] },
    ipc: 'ringover.status',
    doc: 'The Ringover API key: missing, refused or set, the base URL in use, each area of rights as last seen (ok, denied, unknown) and the last reconciliation.',
  },
  testRingoverKey: {
    role: 'administrator',
    args: z.tuple([]),
    http: { method: 'POST', path: '/api/ringover/test', args: [] },
    ipc: 'ringover.test',
    doc: 'Reads one page of calls, contacts, users, numbers and presences with the key; answers as GET /api/ringover.',
  },
  transferTargets: {
    role: 'supervisor',
    args: z.tuple([]),
    http: { method: 'GET', path: '/api/ringover/transfer-targets', args: [] },
    ipc: 'ringover.transfer-targets',
    doc: 'The team’s Ringover users with their availability (available, busy, in-call, offline) and numbers; `problems` says what could not be read.',
  },
  backfill: {
    role: 'administrator',
    args: z.tuple([backfillRangeSchema]),
    http: { method: 'POST', path: '/api/ringover/backfill', args: ['body'] },
    ipc: 'ringover.backfill',
    doc: 'Reads Ringover’s call log for {from, to} (ISO, at most 31 days) and creates the calls, and fills the fields, whose webhooks never arrived.',
  },
  callBack: {
    role: 'supervisor',
    args: z.tuple([callIdSchema]),
    http: { method: 'POST', path: '/api/calls/:id/callback', args: ['path'], status: 202 },
    ipc: 'calls.callback',
    doc: 'Ringover click-to-call: rings the API key’s Ringover user, then the call’s customer; stored on the call’s timeline with who asked.',
  },
  sendSms: {
    role: 'supervisor',
    args: z.tuple([callIdSchema, smsTextSchema]),
    http: { method: 'POST', path: '/api/calls/:id/sms', args: ['path', { field: 'text' }], status: 202 },
    ipc: 'calls.sms',
    doc: 'An SMS to the call’s customer from the configured SMS number, through Ringover; stored on the timeline with who sent it.',
  },
  tagCall: {
    role: 'supervisor',
    args: z.tuple([callIdSchema, tagsSchema]),
    http: { method: 'POST', path: '/api/calls/:id/tags', args: ['path', { field: 'tags' }] },
    ipc: 'calls.tags',
    doc: 'Adds tags to a call, stored on its timeline with who added them (Ringover’s public API takes no call tags).',
  },
  commentCall: {
    role: 'supervisor',
    args: z.tuple([callIdSchema, commentSchema]),
    http: { method: 'POST', path: '/api/calls/:id/comment', args: ['path', { field: 'comment' }] },
    ipc: 'calls.comment',
    doc: 'Adds a comment to a call, stored on its timeline with who wrote it (Ringover’s public API takes no call comments).',
  },
  ringoverInsights: {
    role: 'viewer',
    args: z.tuple([callIdSchema]),
    http: { method: 'GET', path: '/api/calls/:id/ringover-insights', args: ['path'] },
    ipc: 'calls.ringover-insights',
    doc: 'Ringover’s own AI data for a Ringover call (summary, transcript, moments) when the account has it.',
  },
  // Privacy: a supervisor pauses a recording while a caller gives a card number; the rest answers data
  // subjects' requests and legal holds, an administrator's work.
  pauseRecording: {
    role: 'supervisor',
    args: z.tuple([callIdSchema, z.boolean({ error: 'paused must be true or false' })]),
    http: { method: 'POST', path: '/api/calls/:id/recording-pause', args: ['path', { field: 'paused' }] },
    ipc: 'calls.recording-pause',
    doc: 'Pauses (true) or resumes (false) a live streamed call’s recording: it holds silence meanwhile, and the timeline says who paused it; 409 without a live stream.',
  },
  setLegalHold: {
    role: 'administrator',
    args: z.tuple([callIdSchema, legalHoldSchema]),
    http: { method: 'POST', path: '/api/calls/:id/legal-hold', args: ['path', 'body'] },
    ipc: 'calls.legal-hold',
    doc: 'Administrator: puts a call on legal hold ({"hold":true,"reason":…}: retention never deletes it, erasure keeps it) or lifts it; recorded in the audit trail.',
  },
  findNumber: {
    role: 'administrator',
    args: z.tuple([phoneNumberSchema]),
    http: { method: 'POST', path: '/api/privacy/find', args: [{ field: 'number' }] },
    ipc: 'privacy.find',
    doc: 'Administrator: every call whose caller or callee is this phone number, typed in any format (compared as E.164).',
  },
  exportNumber: {
    role: 'administrator',
    args: z.tuple([phoneNumberSchema]),
    http: { method: 'POST', path: '/api/privacy/export', args: [{ field: 'number' }] },
    ipc: 'privacy.export',
    doc: 'Administrator: a zip (base64) of the number’s calls, their events with the raw bodies, and recordings; recorded in the audit trail.',
  },
  eraseNumber: {
    role: 'administrator',
    args: z.tuple([phoneNumberSchema]),
    http: { method: 'POST', path: '/api/privacy/erase', args: [{ field: 'number' }] },
    ipc: 'privacy.erase',
    doc: 'Administrator: erases the number’s ended calls not on hold (events, raw bodies, recordings, search), leaving tombstones with nothing personal; recorded in the audit trail.',
  },
} as const satisfies Record<OperationName, Operation>;

type Operations = typeof OPERATIONS;

/** The operations the desktop window calls over IPC (all but the HTTP-only ones). */
export type IpcOperationName = { [K in OperationName]: Operations[K] extends { ipc: string } ? K : never }[OperationName];

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export const IPC_OPERATION_NAMES = OPERATION_NAMES.filter((name): name is IpcOperationName => 'ipc' in OPERATIONS[name]);

/**
 * One method per operation of `names`, each handing its name and arguments, as given, to `call`:
 * how a bridge carries every operation of the table the same way (a request, an IPC invoke).
 */
export function methodsFor<K extends OperationName, R>(names: readonly K[], call: (name: K, args: unknown[]) => R): Record<K, (...args: unknown[]) => R> {
  return Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => call(name, args)])) as Record<K, (...args: unknown[]) => R>;
}

/** The arguments of `name` as checked: exactly what the console API takes. */
export type OperationArgs<K extends OperationName> = z.output<Operations[K]['args']>;

// The table and the contract agree (checked when compiling): each operation's checked arguments
// are what the console API takes.
type Assert<T extends true> = T;
export type TableMatchesTheApi = Assert<
  { [K in OperationName]: OperationArgs<K> extends Parameters<ConsoleApi[K]> ? true : false }[OperationName] extends true ? true : false
>;

/**
 * Checks `raw` against what `entry` takes; throws `ApiError` 400 with one sentence about the first
 * problem (the same sentence over HTTP and IPC). `label` names it when the count is wrong.
 */
export function checkArguments<C extends Checked>(label: string, entry: C, raw: readonly unknown[]): z.output<C['args']> {
  const parsed = entry.args.safeParse(raw);
  if (parsed.success) return parsed.data as z.output<C['args']>;
  const issue = parsed.error.issues[0]!;
  if (issue.path.length === 0) {
    const count = entry.args.def.items.length;
    throw new ApiError(400, `${label} takes ${count === 0 ? 'no arguments' : count === 1 ? 'one argument' : `${count} arguments`}`);
  }
  const [index, ...inside] = issue.path;
  const relative = { ...issue, path: inside } as ArgumentIssue;
  throw new ApiError(400, (entry.invalid ?? describeIssue)(relative, index as number));
}

/** Checks the arguments of operation `name` (see `checkArguments`). */
export function parseArguments<K extends OperationName>(name: K, raw: readonly unknown[]): OperationArgs<K> {
  return checkArguments(name, OPERATIONS[name] as Operation, raw) as OperationArgs<K>;
}

/** Calls operation `name` of `api` with arguments already checked. */
export function callOperation<K extends OperationName>(api: ConsoleApi, name: K, args: OperationArgs<K>): ReturnType<ConsoleApi[K]> {
  return (api[name] as (...args: unknown[]) => ReturnType<ConsoleApi[K]>)(...(args as unknown[]));
}

/** The HTTP request that carries `name(...args)`: its method, its path (with the query) and its JSON body. */
export function httpRequestOf(name: OperationName, args: readonly unknown[]): { method: HttpRoute['method']; path: string; body?: unknown } {
  const route: HttpRoute = OPERATIONS[name].http;
  let path = route.path;
  let query = '';
  let body: unknown;
  route.args.forEach((where, i) => {
    const value = args[i];
    if (where === 'path') path = path.replace(':id', encodeURIComponent(String(value)));
    else if (where === 'query') {
      const params = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== '');
      query = new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString();
    } else if (where === 'body') body = value;
    else body = { ...(body as object | undefined), [where.field]: value };
  });
  return { method: route.method, path: query ? `${path}?${query}` : path, ...(body !== undefined && { body }) };
}

/** Where the problem is inside its argument, then zod's words (or the schema's own message). */
function describeIssue(issue: ArgumentIssue): string {
  const where = issue.path.join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function describeSettingsPatchIssue(issue: ArgumentIssue): string {
  if (issue.code === 'unrecognized_keys') return `not a setting the console can change: ${issue.keys.join(', ')}`;
  if (issue.path.length === 0) return 'send the settings to change as a JSON object, e.g. {"botLanguage":"fr"}';
  return issue.message; // the settings schema words it with the setting's label
}

/** The role a call's recording needs (it is not an operation of the table: a file, with Range requests). */
export const RECORDING_ROLE: Role = 'supervisor';

/** The URLs a browser opens without headers, so with `?ticket=` (or a script's `?token=`): the two WebSockets and a call's recording. */
export const CONSOLE_URLS = {
  live: '/api/live',
  listen: (id: string) => `/api/calls/${encodeURIComponent(id)}/listen`,
  /** The call's own WAV recording (Range requests supported). */
  recording: (id: string) => `/api/calls/${encodeURIComponent(id)}/recording`,
} as const;

interface Stream {
  doc: string;
  /** The least role that may open it (see `Operation.role`). */
  role: Role;
  /** Its WebSocket on the console listener (`:id` as in a route). */
  websocket: string;
  /** Its channels in the desktop app. */
  ipc: Record<string, string>;
}

/**
 * The two streams of the console API. Over HTTP each is a WebSocket; over IPC, channels of their own:
 * main sends live messages once the page said it is ready, and listen-in audio per listen session.
 */
export const STREAMS = {
  subscribe: {
    role: 'viewer',
    doc: 'Live messages (call.updated, event.appended, transcript, audio.peaks); first a call.updated for each live call.',
    websocket: CONSOLE_URLS.live,
    ipc: { ready: 'renderer.ready', message: 'live.message' },
  },
  listen: {
    role: 'supervisor',
    doc: 'A call’s audio as it is recorded: 16-bit PCM, interleaved stereo (caller left, bot or supervisor right).',
    websocket: '/api/calls/:id/listen',
    args: z.tuple([callIdSchema]),
    ipc: { start: 'calls.listen.start', stop: 'calls.listen.stop', audio: 'calls.listen.audio', ended: 'calls.listen.ended' },
    /** What `listen.stop` takes: the listen session's id, from `listen.start`. */
    stop: { args: z.tuple([z.uuid({ error: 'a listen session id (a UUID) is required' })]) },
  },
} as const satisfies { subscribe: Stream; listen: Stream & Checked & { stop: Checked } };

/** What only the desktop window asks of its app (not part of the console API). */
export const DESKTOP_OPERATIONS = {
  openExternal: {
    args: z.tuple([z.string({ error: 'a link is a string' }).max(2000, 'a link has at most 2000 characters')]),
    ipc: 'app.open-external',
    doc: 'Opens an allow-listed https page (the providers’ dashboards, docs) in the user’s browser.',
  },
  setLanguage: {
    args: z.tuple([z.enum(LANGUAGES, { error: `a language is one of ${LANGUAGES.join(', ')}` })]),
    ipc: 'app.language',
    doc: 'The console now speaks this language: the menus, tray and notifications follow (one-way, remembered for the next start).',
  },
} as const satisfies Record<string, Checked & { ipc: string; doc: string }>;
