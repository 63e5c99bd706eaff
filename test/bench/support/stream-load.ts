// A load generator in its own process: simulated media servers streaming 20 ms PCMU RTP at
// real-time pace. Reads "add N" lines on stdin; prints one JSON line per change on stdout.
import { createInterface } from 'node:readline';
import { loadClips } from '../../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../../electron/engine/simulator/simulate.ts';

const [target, token] = process.argv.slice(2) as [string, string];
const clips = loadClips();
const media: SimulatedMediaServer[] = [];

createInterface({ input: process.stdin }).on('line', async (line) => {
  const [command, count] = line.split(' ');
  if (command === 'add') {
    for (let i = 0; i < Number(count); i += 50) {
      const batch = Array.from({ length: Math.min(50, Number(count) - i) }, async () => {
        const server = await SimulatedMediaServer.connect({ target, token, callId: newCallId(), clips });
        server.startAudio();
        media.push(server);
      });
      await Promise.all(batch);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (command === 'stop') {
    for (const server of media) server.stop();
    process.exit(0);
  }
  process.stdout.write(JSON.stringify({ calls: media.length, sent: media.reduce((n, m) => n + m.sentAt.length, 0) }) + '\n');
});
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
