import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebhookRequest } from '../../electron/engine/webhooks/types.ts';
import type { SignedRequest } from './webhook-signers.ts';

/** The engine-side view of a signed request, as the public listener would hand it over. */
export const toWebhookRequest = (signed: SignedRequest): WebhookRequest => ({
  path: signed.path,
  rawBody: Buffer.from(signed.body),
  headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
});

/** A throwaway self-signed certificate for 127.0.0.1 (openssl), as a TLS server's options. */
export function selfSignedCert(): { key: Buffer; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}
