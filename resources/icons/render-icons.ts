// Renders the app and tray icons from their SVG sources with Chromium (run after editing an SVG:
// `node resources/icons/render-icons.ts`). electron-builder turns icon.png into .icns and .ico.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function render(svg: string, size: number, out: string, recolor?: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  let source = readFileSync(here + svg, 'utf8');
  if (recolor) source = source.replaceAll('#000', recolor);
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${source}`);
  await page.screenshot({ path: here + out, omitBackground: true });
  await page.close();
}

await render('icon.svg', 1024, '../icon.png');
// macOS: a black "template" image the menu bar recolours; elsewhere a light icon for dark trays.
await render('tray.svg', 16, 'trayTemplate.png');
await render('tray.svg', 32, 'trayTemplate@2x.png');
await render('tray.svg', 32, 'tray.png', '#e6edf3');
await browser.close();
