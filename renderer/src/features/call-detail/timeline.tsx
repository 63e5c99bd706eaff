// A call's timeline: webhooks, stream connects, commands (and who sent them), bot changes.
import type { CallEvent } from '../../../../shared/call.ts';

function describe(event: CallEvent): string {
  const detail = event.detail ?? {};
  if (event.type === 'command') {
    const command = detail.command as { type: string; digits?: string; to?: string; url?: string; durationMs?: number } | undefined;
    const what = command ? `${command.type}${command.digits ? ` ${command.digits}` : ''}${command.to ? ` → ${command.to}` : ''}${command.durationMs ? ` (${(command.durationMs / 1000).toFixed(1)} s)` : ''}` : event.providerEvent;
    return `Command ${what}, by the ${String(detail.origin ?? 'supervisor')}`;
  }
  if (event.providerEvent === 'bot.mode') return `Mode: ${String(detail.mode)} (${String(detail.reason ?? '')})`;
  if (event.providerEvent === 'bot.needs-human') return detail.needsHuman ? `The bot asked for a person: ${(detail.needsHuman as { reason: string }).reason}` : 'A supervisor answered the request for a person';
  if (event.type === 'summary') return `Summary: ${event.summary ?? ''}`;
  return `${event.type === 'other' ? '' : `${event.type}: `}${event.providerEvent}`;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function Timeline({ events }: { events: readonly CallEvent[] }) {
  const shown = events.filter((e) => e.type !== 'utterance' && e.type !== 'turn').sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  if (shown.length === 0) return <p className="hint">No events yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {shown.map((event) => (
        <li key={event.id} className={`event ${event.type}`}>
          <time dateTime={event.occurredAt}>{time(event.occurredAt)}</time>
          <span>{describe(event)}</span>
          <span className="provider">{event.provider}</span>
        </li>
      ))}
    </ol>
  );
}
