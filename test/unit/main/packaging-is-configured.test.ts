// The installer configuration, checked by electron-builder's own validator (unknown or misplaced
// options fail), plus what the issue requires of it: targets, fuses, hardened runtime, icons.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../../electron/engine/electron-binary.ts';
import { desktopArgs } from '../../../electron/main/engine-host.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util/out/DebugLogger.js');

type Targets = { target: string; arch: string[] }[];

describe('electron-builder.yml', async () => {
  const config = await getConfig(root, null, null);

  it('passes electron-builder’s validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, hardenedRuntim: true } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds NSIS for Windows, DMG and zip for macOS (both architectures), AppImage and deb', () => {
    const targets = (list: Targets) => list.map((t) => `${t.target}:${t.arch.join('+')}`);
    expect(targets(config.win.target)).toEqual(['nsis:x64+arm64']);
    expect(targets(config.mac.target)).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(targets(config.linux.target)).toEqual(['AppImage:x64', 'deb:x64']);
  });

  it('flips the fuses and hardens the macOS runtime with a microphone entitlement', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).toContain('com.apple.security.device.audio-input');
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon, 'resources/icons/tray.png', 'resources/icons/trayTemplate.png']) expect(existsSync(join(root, icon))).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/onnxruntime-node/bin/**');
  });
});

describe('the desktop command line', () => {
  it('takes Ringside’s flags and lets Chromium’s switches through', () => {
    expect(desktopArgs(['.', '--user-data-dir=/tmp/x', '--public-port', '0', '--demo', '--enable-logging'])).toEqual({ flags: { publicPort: '0' }, demo: true });
    expect(desktopArgs(['--config', 'c.json', '--console-port=9000'])).toEqual({ flags: { consolePort: '9000' }, configFile: 'c.json', demo: false });
    expect(desktopArgs(['--ngrok', '--public-url', 'https://x.example.com'])).toEqual({ flags: { publicAccess: 'ngrok', publicUrl: 'https://x.example.com' }, demo: false });
  });
});

describe('finding the Electron binary', () => {
  it('needs both the path file and the binary, and never loads the package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-'));
    expect(electronBinary({}, dir)).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary({}, dir)).toBeUndefined();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary({}, dir)).toBe(join(dir, 'dist', 'electron'));
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'elsewhere') }, dir)).toBeUndefined();
  });
});
