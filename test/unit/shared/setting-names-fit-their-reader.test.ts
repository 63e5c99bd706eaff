// One setting, named for whoever reads the message: the operator at the command line, the
// supervisor in the console, or anyone reading a peer's answer.
import { describe, expect, it } from 'vitest';
import { nameSetting, settingLabel } from '../../../shared/setting-names.ts';

describe('a setting’s name in a message', () => {
  it('is its flag or variable for the command line and the log', () => {
    expect(nameSetting('publicPort', 'cli')).toBe('--public-port');
    expect(nameSetting('ringoverWebhookSecret', 'cli')).toBe('RINGOVER_WEBHOOK_SECRET');
    // --ngrok takes no value: it cannot be how a value is named, unless it gave it.
    expect(nameSetting('publicAccess', 'cli')).toBe('RINGSIDE_PUBLIC_ACCESS');
    expect(nameSetting('publicAccess', 'flag')).toBe('--ngrok');
    expect(nameSetting('publicPort', 'env')).toBe('RINGSIDE_PUBLIC_PORT');
  });

  it('is its label in Settings for the console, and says where to set it', () => {
    expect(settingLabel('ringoverWebhookSecret')).toBe('“Webhook secret” (Ringover)');
    expect(nameSetting('ringyoWebhookSecret', 'console')).toBe('“Webhook secret” (Ringyo) in Settings');
    // Not in Settings: the console can only say which variable sets it.
    expect(nameSetting('ringoverWebsocketPort', 'console')).toBe('“Stream port” (Live audio) (RINGOVER_WEBSOCKET_PORT, where Ringside runs)');
  });

  it('is both for a peer’s answer, whose reader may have used either', () => {
    expect(nameSetting('ringotelApiToken', 'peer')).toBe('“API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)');
  });
});
