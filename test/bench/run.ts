// `npm run bench -- <name>`: runs one benchmark (or all) and prints its table.
const BENCHES: Record<string, () => Promise<void>> = {
  webhooks: async () => (await import('./webhooks.ts')).run(),
  streamer: async () => (await import('./streamer.ts')).run(),
  pipeline: async () => {
    await (await import('./pipeline.ts')).run();
    await (await import('./tts-providers.ts')).run();
  },
  ui: async () => (await import('./ui.ts')).run(),
  flood: async () => (await import('./webhook-flood.ts')).run(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = names.length ? names : Object.keys(BENCHES);
for (const name of selected) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"; choose from: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(2);
  }
  await bench();
}
