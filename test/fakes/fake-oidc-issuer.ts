// A stand-in OpenID Connect issuer over real HTTPS (the test certificate), written from OpenID
// Connect Core 1.0 and Discovery 1.0 and RFC 7636 (PKCE): discovery, a JWKS with one RS256 key, an
// authorization endpoint that signs in the person the test chose (no page: it redirects straight
// back with a code, as a signed-in issuer does), and a token endpoint that checks the client's
// secret (Basic or POST), the code, its redirect URI and PKCE verifier, then answers an ID token
// signed with its key. `tamper` makes it sign with another key or for another audience.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { TestCertificate } from '../support/test-certificate.ts';

export interface IssuedPerson {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  person: IssuedPerson;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class FakeOidcIssuer {
  issuer = '';
  /** Who the next authorization signs in. */
  person: IssuedPerson = { sub: 'user-1', preferred_username: 'Alice Martin' };
  /** `wrong-key`: an ID token signed by a key not in the JWKS; `wrong-audience`: for another client. */
  tamper: 'wrong-key' | 'wrong-audience' | undefined;
  readonly tokenRequests: number[] = [];
  private server: Server | undefined;
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly grants = new Map<string, Grant>();
  private readonly client: { id: string; secret: string };

  constructor(client: { id: string; secret: string }) {
    this.client = client;
  }

  async start(tls: TestCertificate): Promise<this> {
    this.server = createServer({ cert: tls.cert, key: readFileSync(tls.keyFile) }, (req, res) => {
      const url = new URL(req.url ?? '/', this.issuer);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          scopes_supported: ['openid', 'profile', 'email'],
        });
      }
      if (url.pathname === '/jwks') return json(200, { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('client_id') !== this.client.id || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('redirect_uri')) return json(400, { error: 'invalid_request' });
        const code = b64url(randomBytes(16));
        this.grants.set(code, { clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? undefined, person: this.person });
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        back.searchParams.set('iss', this.issuer);
        res.writeHead(302, { location: back.href });
        return void res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          this.tokenRequests.push(Date.now());
          const form = new URLSearchParams(Buffer.concat(chunks).toString());
          const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
          if (id !== this.client.id || secret !== this.client.secret) return json(401, { error: 'invalid_client' });
          const grant = this.grants.get(form.get('code') ?? '');
          this.grants.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (!grant || form.get('grant_type') !== 'authorization_code' || grant.redirectUri !== form.get('redirect_uri') || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
            return json(400, { error: 'invalid_grant' });
          }
          const now = Math.floor(Date.now() / 1000);
          const claims = { iss: this.issuer, aud: this.tamper === 'wrong-audience' ? 'someone-else' : grant.clientId, iat: now, exp: now + 300, ...(grant.nonce && { nonce: grant.nonce }), ...grant.person };
          json(200, { access_token: b64url(randomBytes(16)), token_type: 'Bearer', expires_in: 300, id_token: this.idToken(claims) });
        });
        return;
      }
      json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private idToken(claims: Record<string, unknown>): string {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    const key = this.tamper === 'wrong-key' ? this.otherKey.privateKey : this.key.privateKey;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
  }
}
