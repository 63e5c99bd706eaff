// Joins this engine to the others over NATS: its feed goes to them and theirs comes here (a call
// another engine updated is tracked here too, so every console lists every live call), and it
// answers the commands for the calls whose media socket it holds, for as long as it holds them.
import { randomUUID } from 'node:crypto';
import type { Command, CommandResult } from '../../../shared/commands.ts';
import type { CallFeed } from '../calls/call-feed.ts';
import type { LiveCalls } from '../calls/live-calls.ts';
import type { SessionManager } from '../calls/sessions.ts';
import type { Logger } from '../log.ts';
import { startClusterBus, type ClusterBus } from './cluster-bus.ts';

export interface ClusterMember {
  bus: ClusterBus;
  /** Sends a command to the engine holding the call's media socket (ApiError 409/503 when none answers). */
  sendCommand(callId: string, command: Command): Promise<CommandResult>;
  close(): Promise<void>;
}

export interface JoinOptions {
  url: string;
  live: LiveCalls;
  feed: CallFeed;
  sessions: Pick<SessionManager, 'get'>;
  /** Runs a command here, on a call whose media socket this engine holds. */
  runHere: (callId: string, command: Command) => Promise<CommandResult>;
  logger: Logger;
  commandTimeoutMs?: number;
  /** The first token of the cluster's subjects (default `ringside`). */
  prefix?: string;
}

export async function joinCluster({ url, live, feed, sessions, runHere, logger, commandTimeoutMs, prefix }: JoinOptions): Promise<ClusterMember> {
  const bus = await startClusterBus({ url, engineId: randomUUID(), logger, ...(commandTimeoutMs !== undefined && { commandTimeoutMs }), ...(prefix !== undefined && { prefix }) });
  feed.relayTo((message) => bus.publishFeed(message));
  bus.onFeed((message) => {
    if (message.type !== 'call.updated') return feed.publishFromPeer(message);
    live.track(message.call);
    // As every view here shows it: what this engine knows of the call (its overlays) on top.
    feed.publishFromPeer({ type: 'call.updated', call: live.get(message.call.id) ?? message.call });
  });

  // Commands for a call are answered here while this engine holds its media socket: checked each
  // time the call changes (a stream connecting or going is a change of the call).
  const serving = new Map<string, () => void>();
  const holds = (callId: string) => sessions.get(callId)?.connected === true;
  const reconcile = (callId: string) => {
    const stop = serving.get(callId);
    if (holds(callId) && !stop) serving.set(callId, bus.serveCommands(callId, (command) => runHere(callId, command)));
    else if (!holds(callId) && stop) {
      stop();
      serving.delete(callId);
    }
  };
  const unsubscribe = feed.subscribe((message) => {
    if (message.type === 'call.updated') reconcile(message.call.id);
  });

  return {
    bus,
    async sendCommand(callId, command) {
      return bus.sendCommand(callId, command);
    },
    async close() {
      unsubscribe();
      feed.relayTo(() => undefined);
      for (const stop of serving.values()) stop();
      serving.clear();
      await bus.close();
    },
  };
}
