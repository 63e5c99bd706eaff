// Single sign-on with OpenID Connect (optional, configured by the operator: issuer, client id and
// secret), through openid-client: the authorization code flow with PKCE, state and nonce; the ID
// token's issuer, audience, expiry, nonce and signature are checked by the library. The person it
// names (preferred_username, else name, else email) must have an account of that name here: the
// issuer says who someone is; Ringside still decides what they may do (role, disabled).
// A login in progress is kept in memory for 10 minutes, bound to the browser that started it by a
// random value in a cookie of its own, so a link crafted by someone else cannot sign anyone in.
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { ApiError } from '../../../shared/api.ts';

/** How long a login may take at the issuer (ms). */
const PENDING_MS = 10 * 60_000;
/** At most this many logins in progress; the oldest are forgotten first. */
const MAX_PENDING = 1000;

export interface SsoSettings {
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecret?: string;
}

interface Pending {
  verifier: string;
  nonce: string;
  binding: string;
  redirectUri: string;
  expires: number;
}

export interface SingleSignOn {
  /** Configured (issuer, client id and secret set). */
  enabled(): boolean;
  /** Where to send the browser, and the value its binding cookie keeps. */
  start(redirectUri: string): Promise<{ url: string; binding: string }>;
  /** The issuer sent the browser back to `callbackUrl`: the name it vouches for. */
  finish(callbackUrl: URL, binding: string | undefined): Promise<string>;
}

export function singleSignOn(settings: () => SsoSettings, options: { fetch?: typeof fetch; now?: () => number } = {}): SingleSignOn {
  const now = options.now ?? Date.now;
  const pending = new Map<string, Pending>();
  let discovered: { key: string; config: Promise<oidc.Configuration> } | undefined;

  const configuration = (): Promise<oidc.Configuration> => {
    const { oidcIssuer, oidcClientId, oidcClientSecret } = settings();
    if (!oidcIssuer || !oidcClientId || !oidcClientSecret) throw new ApiError(404, 'single sign-on is not set up on this server: sign in with your name and password');
    const key = `${oidcIssuer}\n${oidcClientId}\n${oidcClientSecret}`;
    if (discovered?.key !== key) {
      const config = oidc
        .discovery(new URL(oidcIssuer), oidcClientId, oidcClientSecret, undefined, options.fetch ? { [oidc.customFetch]: options.fetch as oidc.CustomFetch } : undefined)
        .then((found) => {
          // The spec lets a client trust an ID token for coming straight from the token endpoint over
          // TLS; its signature is checked against the issuer's keys as well (a proxy or a
          // misconfigured endpoint cannot hand over a token the issuer never signed).
          oidc.enableNonRepudiationChecks(found);
          return found;
        });
      // A failed discovery (the issuer was down) is tried again at the next sign-in.
      config.catch(() => {
        if (discovered?.config === config) discovered = undefined;
      });
      discovered = { key, config };
    }
    return discovered.config.catch((error: unknown) => {
      throw new ApiError(502, `the single sign-on issuer ${oidcIssuer} could not be read (${(error as Error).message}): check the issuer URL, or sign in with your name and password`);
    });
  };

  const prune = () => {
    const at = now();
    for (const [state, login] of pending) if (login.expires <= at) pending.delete(state);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  };

  return {
    enabled() {
      const { oidcIssuer, oidcClientId, oidcClientSecret } = settings();
      return Boolean(oidcIssuer && oidcClientId && oidcClientSecret);
    },
    async start(redirectUri) {
      const config = await configuration();
      prune();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const binding = randomBytes(24).toString('base64url');
      pending.set(state, { verifier, nonce, binding, redirectUri, expires: now() + PENDING_MS });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, binding };
    },
    async finish(callbackUrl, binding) {
      const state = callbackUrl.searchParams.get('state') ?? '';
      const login = pending.get(state);
      pending.delete(state);
      if (!login || login.expires <= now() || binding === undefined || binding !== login.binding) {
        throw new ApiError(400, 'this single sign-on link is not from this browser, or is too old: start again from the sign-in page');
      }
      const config = await configuration();
      // The library checks the code against the verifier, and the ID token (signature, iss, aud, exp, nonce).
      const current = new URL(login.redirectUri);
      current.search = callbackUrl.search;
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: login.verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true });
        claims = tokens.claims();
      } catch (error) {
        throw new ApiError(401, `the single sign-on issuer refused this sign-in (${(error as Error).message}): start again from the sign-in page`);
      }
      const name = [claims?.preferred_username, claims?.name, claims?.email].find((value): value is string => typeof value === 'string' && value.length > 0);
      if (!name) throw new ApiError(401, 'the single sign-on issuer did not say who you are (no preferred_username, name or email): ask your administrator');
      return name;
    },
  };
}
