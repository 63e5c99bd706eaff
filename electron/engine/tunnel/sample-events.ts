// A correctly signed sample event per provider, as that provider sends it: a short call that is
// already over (so it lands in history, not on the live board), from "Ringside test event".
import { createHmac, randomInt } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { SettingKey } from '../../../shared/setting-catalog.ts';
import type { Provider } from '../../../shared/call.ts';
import type { EngineConfig } from '../config/schema.ts';

export interface SampleDelivery {
  headers: Record<string, string>;
  body: string;
  providerCallId: string;
}

export const TEST_CALLER = 'Ringside test event';

/** The signed sample, or the setting that must be set first. */
export function sampleDelivery(provider: Provider, config: EngineConfig, webhookUrl: string): SampleDelivery | { missing: SettingKey } {
  const json = { 'content-type': 'application/json' };
  const missing = (key: SettingKey) => ({ missing: key });
  const stamp = Date.now();
  switch (provider) {
    case 'ringover': {
      const key = config.ringoverWebhookKeyCall ?? config.ringoverWebhookSecret;
      if (!key) return missing('ringoverWebhookSecret');
      // Ringover's call ids are large numbers, written bare.
      const providerCallId = `9${stamp}${randomInt(1000, 9999)}`;
      const body = `{"resource":"call","event":"hangup","timestamp":${(stamp / 1000).toFixed(3)},"attempt":1,"data":{"call_id":${providerCallId},"id":"test-${providerCallId}","direction":"in","from_number":"+33100000000","from_name":"${TEST_CALLER}","to_number":"+33100000001","duration_in_seconds":0}}`;
      const signature = createSigner({ key, algorithm: 'HS512' })({ url: webhookUrl, payload: body });
      return { headers: { ...json, 'x-ringover-webhook-signature': signature }, body, providerCallId };
    }
    case 'ringotel': {
      if (!config.ringotelApiToken) return missing('ringotelApiToken');
      const providerCallId = `ringside-test-${stamp}`;
      // The documented StopCallActivity fields; `caller_name` is not documented, and is read when sent.
      const params = { call_id: providerCallId, activity_type: 'inbound', caller_number: '+33100000000', caller_name: TEST_CALLER, called_number: '100', call_start: stamp, call_end: stamp, call_duration: 0, call_cause: '0' };
      return { headers: json, body: JSON.stringify({ method: 'StopCallActivity', api_token: config.ringotelApiToken, params }), providerCallId };
    }
    case 'ringyo': {
      if (!config.ringyoWebhookSecret) return missing('ringyoWebhookSecret');
      const providerCallId = `ringside-test-${stamp}`;
      const body = JSON.stringify({ event: 'call.completed', timestamp: new Date(stamp).toISOString(), webhook_id: 'ringside-test', data: { call_id: providerCallId, from: '+33100000000', from_name: TEST_CALLER, to: '+33100000001', duration: 0 } });
      return { headers: { ...json, 'x-ringyo-signature': createHmac('sha256', config.ringyoWebhookSecret).update(body).digest('hex') }, body, providerCallId };
    }
    case 'ringg': {
      if (!config.ringgWebhookToken) return missing('ringgWebhookToken');
      const providerCallId = `ringside-test-${stamp}`;
      const body = JSON.stringify({ event_type: 'call_completed', call_id: providerCallId, from_number: '+33100000000', to_number: '+33100000001', name: TEST_CALLER });
      return { headers: { ...json, [config.ringgWebhookHeader.toLowerCase()]: config.ringgWebhookToken }, body, providerCallId };
    }
  }
}
