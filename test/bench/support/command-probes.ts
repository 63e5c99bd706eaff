// Probe calls streamed from the bench process itself (lightly loaded), carrying the command →
// wire latency: a `digits` command posted to the console API, timed until the probe's media server
// receives it on its stream.
import { loadClips } from '../../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../../electron/engine/simulator/simulate.ts';
import { CONSOLE_TOKEN, STREAM_TOKEN } from './processes.ts';

/** Opens `count` streamed probe calls; keyed by the engine's call id (`ringover-<id>`). */
export async function openProbes(publicUrl: string, count: number): Promise<Map<string, SimulatedMediaServer>> {
  const probes = new Map<string, SimulatedMediaServer>();
  for (let i = 0; i < count; i++) {
    const callId = newCallId();
    const probe = await SimulatedMediaServer.connect({ target: publicUrl, token: STREAM_TOKEN, callId, clips: loadClips() });
    probe.startAudio();
    probes.set(`ringover-${callId}`, probe);
  }
  return probes;
}

/** Sends a command to a random probe every 50 ms until `until` (performance.now()); ms per command that arrived. */
export async function commandLatencies(consoleUrl: string, probes: Map<string, SimulatedMediaServer>, until: number): Promise<number[]> {
  const commands: number[] = [];
  const ids = [...probes.keys()];
  while (performance.now() < until) {
    const id = ids[Math.floor(Math.random() * ids.length)]!;
    const next = probes.get(id)!.nextMessage(2000);
    const sentAt = performance.now();
    await fetch(`${consoleUrl}/api/calls/${id}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONSOLE_TOKEN}`, 'content-type': 'application/json' },
      body: '{"type":"digits","digits":"1"}',
    }).then((r) => r.arrayBuffer());
    const arrived = await next;
    if (arrived) commands.push(arrived.at - sentAt);
    await new Promise((r) => setTimeout(r, 50));
  }
  return commands;
}
