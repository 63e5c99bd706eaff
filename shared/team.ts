// Team mode: the people who share one engine, what each role may do, who is on which call, and the
// audit trail. Shared by the engine (which checks every role server-side) and the console (which
// hides what a role cannot do). No node module here.
import { z } from 'zod';

/** Roles, weakest first: a role may do what any weaker one may. */
export const ROLES = ['viewer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what needs `needed`. */
export const allows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/**
 * The team API's version: a desktop app connecting to a server compares it with its own, and says
 * what to do when they differ (the console API and the live messages change together with it).
 */
export const TEAM_API_VERSION = 1;

/** Who acts: an account of the team, or the local administrator of the loopback console (id `local`). */
/**
 * The id of the loopback console's person (the desktop window's): the local administrator. The
 * engine names it in English for API clients; the console words it itself (`personName`).
 */
export const LOCAL_ACTOR_ID = 'local';

export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** Where the request came from: the peer's address (or `loopback`). */
  address: string;
}

export interface Account {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** The account must choose a new password at its next sign-in (an invite or a reset). */
  mustChangePassword: boolean;
}

export interface SessionInfo {
  id: string;
  accountId: string;
  accountName: string;
  /** `cookie`: a browser; `token`: the desktop app (a bearer token it keeps). */
  kind: 'cookie' | 'token';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string;
  userAgent: string;
  /** The session asking (so the console can mark it "this session"). */
  current?: boolean;
}

export interface Me {
  account: Pick<Account, 'id' | 'name' | 'role' | 'mustChangePassword'>;
  /** Send it back as `x-csrf-token` with every request a cookie session makes. */
  csrfToken?: string;
  /** The team API's version (TEAM_API_VERSION of the server). */
  apiVersion: number;
  version: string;
}

/** What anyone may ask before signing in: is this a Ringside team server, which version, is an administrator set up. */
export interface TeamHello {
  ringside: true;
  apiVersion: number;
  version: string;
  /** No account yet: the first sign-in page creates the administrator. */
  needsAdmin: boolean;
  /** Single sign-on (OpenID Connect) is set up: the sign-in page offers it beside the password. */
  sso?: boolean;
}

/** What someone does with a call right now. */
export interface PresencePerson {
  id: string;
  name: string;
  /** Two letters for the chip (the name's initials). */
  initials: string;
  listening: boolean;
  /** Has the call taken over. At most one person per call. */
  holding: boolean;
  /** Has the call's detail open. */
  viewing: boolean;
}

export interface CallPresence {
  callId: string;
  people: PresencePerson[];
}

/** Initials of a name: the first letters of its first two words ("Alice Martin" → "AM", "bob" → "BO"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length >= 2) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  return (words[0] ?? '?').slice(0, 2).toUpperCase();
}

/** The audit trail's actions. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'listen-start',
  'listen-stop',
  'take-over',
  'hand-back',
  'take-from',
  'ask-handover',
  'command',
  'whisper',
  'say',
  'transfer',
  'settings-change',
  'secret-change',
  'account-create',
  'account-change',
  'account-disable',
  'account-enable',
  'password-reset',
  'session-revoke',
  'demo',
  'recording-playback',
  'transcript-export',
  'call-back',
  'sms',
  'tag',
  'comment',
  'erasure',
  'data-export',
  'legal-hold',
  'legal-hold-lift',
  'recording-pause',
  'recording-resume',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  address: string;
  action: AuditAction;
  callId?: string;
  /** What the action was about, in few words: a command's type, setting names (never values), a duration in ms. */
  detail?: Record<string, string | number | boolean | string[]>;
}

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(200).optional(),
  callId: z.string().max(1000).optional(),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO time' }).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Account names: letters, digits and a few separators, 2–64 characters (what a colleague types). */
export const accountNameSchema = z
  .string({ error: 'a name is a string' })
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]{1,63}$/u, 'a name has 2 to 64 letters, digits, spaces or . _ @ -');

/** At least 10 characters (NIST SP 800-63B asks for 8 at least; 10 costs little), at most 256. */
export const passwordSchema = z.string({ error: 'a password is a string' }).min(10, 'a password has at least 10 characters').max(256, 'a password has at most 256 characters');

export const signInSchema = z.strictObject({
  name: accountNameSchema,
  password: z.string().min(1, 'a password is required').max(256),
  /** `token`: the desktop app wants a bearer token instead of a cookie. */
  client: z.enum(['browser', 'desktop']).default('browser'),
});
export type SignIn = z.infer<typeof signInSchema>;

export const inviteSchema = z.strictObject({ name: accountNameSchema, role: z.enum(ROLES), password: passwordSchema });
export const accountPatchSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export const passwordChangeSchema = z.strictObject({ current: z.string().max(256), next: passwordSchema });

/** The team's own routes on the team listener (beside the console API's, which the operations table lists). */
export const TEAM_ROUTES = {
  hello: '/api/team/hello',
  signIn: '/api/team/sign-in',
  signOut: '/api/team/sign-out',
  setup: '/api/team/setup',
  me: '/api/team/me',
  password: '/api/team/me/password',
  accounts: '/api/team/accounts',
  account: '/api/team/accounts/:id',
  sessions: '/api/team/sessions',
  session: '/api/team/sessions/:id',
  audit: '/api/team/audit',
  presence: '/api/team/presence',
  viewing: '/api/team/calls/:id/viewing',
  ask: '/api/team/calls/:id/ask',
  takeFrom: '/api/team/calls/:id/take-from',
  /** Single sign-on: the browser goes to the issuer from here, and comes back to the callback. */
  ssoStart: '/api/team/sso/start',
  ssoCallback: '/api/team/sso/callback',
} as const;

/** The role each team route needs (sign-in, setup and hello need none). */
export const TEAM_ROUTE_ROLES: Record<Exclude<keyof typeof TEAM_ROUTES, 'hello' | 'signIn' | 'setup' | 'ssoStart' | 'ssoCallback'>, Role> = {
  signOut: 'viewer',
  me: 'viewer',
  password: 'viewer',
  accounts: 'administrator',
  account: 'administrator',
  sessions: 'viewer',
  session: 'viewer',
  audit: 'administrator',
  presence: 'viewer',
  viewing: 'viewer',
  ask: 'supervisor',
  takeFrom: 'administrator',
};

/** The cookie of a browser session: `__Host-` binds it to this host, path / and Secure. */
export const SESSION_COOKIE = '__Host-ringside-session';
/** The same cookie's name on a plain-http team listener (behind a TLS reverse proxy), where `__Host-` is refused. */
export const SESSION_COOKIE_PLAIN = 'ringside-session';
export const CSRF_HEADER = 'x-csrf-token';
/** The cookie that binds a single sign-on in progress to the browser that started it (SameSite=Lax: the issuer sends the browser back). */
export const SSO_COOKIE = '__Host-ringside-sso';
