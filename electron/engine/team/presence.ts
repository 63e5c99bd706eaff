// Who is on which call: listening, holding the take-over (one person at a time), having the call's
// detail open. Every change is published on the live feed (`presence`), so every console shows it at
// once; a new subscriber gets every call's presence to start with. A holder whose consoles all
// disconnect keeps the call for a grace period (a reload, a network blip), then it is released.
import type { LiveMessage } from '../../../shared/api.ts';
import { initialsOf, type Actor, type CallPresence } from '../../../shared/team.ts';

interface Person {
  name: string;
  listening: number;
  viewing: number;
}

export interface Holder {
  id: string;
  name: string;
  /** Since when (epoch ms). */
  since: number;
}

export interface PresenceDeps {
  publish: (message: LiveMessage) => void;
  /** How long a disconnected holder keeps the call (ms). */
  graceMs: number;
  /** The holder is gone for good: hand the call back (to the bot, since nobody else holds it). */
  expire: (callId: string, holder: Holder) => void;
  now?: () => number;
}

export class Presence {
  private readonly calls = new Map<string, Map<string, Person>>();
  private readonly holders = new Map<string, Holder>();
  /** Open live connections per person. */
  private readonly connections = new Map<string, number>();
  private readonly graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly deps: PresenceDeps;
  private readonly now: () => number;

  constructor(deps: PresenceDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  holder(callId: string): Holder | undefined {
    return this.holders.get(callId);
  }

  /** `actor` holds `callId` now (a take-over, or an administrator taking it); returns who held it before. */
  take(actor: Pick<Actor, 'id' | 'name'>, callId: string): Holder | undefined {
    const before = this.holders.get(callId);
    this.holders.set(callId, { id: actor.id, name: actor.name, since: this.now() });
    this.person(callId, actor);
    this.changed(callId);
    return before?.id === actor.id ? undefined : before;
  }

  /** Nobody holds `callId` any more; returns how long it was held (ms), if it was. */
  release(callId: string): number | undefined {
    const holder = this.holders.get(callId);
    if (!holder) return undefined;
    this.holders.delete(callId);
    this.changed(callId);
    return this.now() - holder.since;
  }

  listening(actor: Pick<Actor, 'id' | 'name'>, callId: string, on: boolean): void {
    const person = this.person(callId, actor);
    person.listening = Math.max(0, person.listening + (on ? 1 : -1));
    this.changed(callId);
  }

  viewing(actor: Pick<Actor, 'id' | 'name'>, callId: string, on: boolean): void {
    const person = this.person(callId, actor);
    person.viewing = on ? person.viewing + 1 : Math.max(0, person.viewing - 1);
    this.changed(callId);
  }

  /** A console of `actor` connected to the live feed. */
  connected(actor: Pick<Actor, 'id'>): void {
    this.connections.set(actor.id, (this.connections.get(actor.id) ?? 0) + 1);
    clearTimeout(this.graceTimers.get(actor.id));
    this.graceTimers.delete(actor.id);
  }

  /** A console of `actor` disconnected: with none left, what it had open closes, and its calls are released after the grace period. */
  disconnected(actor: Pick<Actor, 'id'>): void {
    const left = (this.connections.get(actor.id) ?? 1) - 1;
    if (left > 0) return void this.connections.set(actor.id, left);
    this.connections.delete(actor.id);
    for (const [callId, people] of this.calls) {
      const person = people.get(actor.id);
      if (person?.viewing) {
        person.viewing = 0;
        this.changed(callId);
      }
    }
    const timer = setTimeout(() => {
      this.graceTimers.delete(actor.id);
      for (const [callId, holder] of [...this.holders]) {
        if (holder.id !== actor.id) continue;
        this.release(callId);
        this.deps.expire(callId, holder);
      }
    }, this.deps.graceMs);
    timer.unref();
    this.graceTimers.set(actor.id, timer);
  }

  /** The call ended: nobody is on it any more. */
  forget(callId: string): void {
    if (!this.calls.has(callId) && !this.holders.has(callId)) return;
    this.calls.delete(callId);
    this.holders.delete(callId);
    this.deps.publish({ type: 'presence', calls: [{ callId, people: [] }] });
  }

  /** Every call's presence (what a new subscriber starts from); undefined when nobody is on any call. */
  opening(): LiveMessage | undefined {
    const calls = [...new Set([...this.calls.keys(), ...this.holders.keys()])].map((id) => this.of(id)).filter((c) => c.people.length);
    return calls.length ? { type: 'presence', calls } : undefined;
  }

  of(callId: string): CallPresence {
    const holder = this.holders.get(callId);
    const people = [...(this.calls.get(callId) ?? new Map<string, Person>())]
      .map(([id, p]) => ({ id, name: p.name, initials: initialsOf(p.name), listening: p.listening > 0, holding: holder?.id === id, viewing: p.viewing > 0 }))
      .filter((p) => p.listening || p.holding || p.viewing);
    return { callId, people };
  }

  stop(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  private person(callId: string, actor: Pick<Actor, 'id' | 'name'>): Person {
    let people = this.calls.get(callId);
    if (!people) this.calls.set(callId, (people = new Map()));
    let person = people.get(actor.id);
    if (!person) people.set(actor.id, (person = { name: actor.name, listening: 0, viewing: 0 }));
    return person;
  }

  private changed(callId: string): void {
    this.deps.publish({ type: 'presence', calls: [this.of(callId)] });
  }
}
