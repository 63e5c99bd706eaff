// The briefing's deterministic facts (order and account numbers, dates, e-mails, phone numbers,
// names, in English and French) and the side request's answer as read whatever the model wrote;
// the demo models' answer to it.
import { describe, expect, it } from 'vitest';
import { factsIn } from '../../../../electron/engine/calls/briefing-facts.ts';
import { readUnderstanding } from '../../../../electron/engine/pipeline/understanding.ts';
import { understandingOf } from '../../../../electron/engine/demo-models/answers.ts';

const values = (text: string) => factsIn(text).map((f) => `${f.kind}:${f.value}`);

describe('facts a pattern finds in a caller line', () => {
  it('reads order and account numbers, names, e-mails, phone numbers and dates', () => {
    expect(values('I want to cancel my order number 4512.')).toEqual(['order:4512']);
    expect(values('My order is A-77-301 and my name is Jeanne Dupont')).toEqual(['order:A-77-301', 'name:Jeanne Dupont']);
    expect(values('account number: 99812345, call me on +33 6 12 34 56 78')).toEqual(['account:99812345', 'phone:+33 6 12 34 56 78']);
    expect(values('It was on 2025-03-12 or 12/03/2025, email jo@example.com')).toEqual(['email:jo@example.com', 'date:2025-03-12', 'date:12/03/2025']);
    expect(values('Delivery on March 3rd please')).toEqual(['date:March 3rd']);
  });

  it('reads French', () => {
    expect(values("je m'appelle Hugo, commande 88123, livraison le 12 mars")).toEqual(['order:88123', 'date:le 12 mars', 'name:Hugo']);
  });

  it('finds nothing where there is no identifier, and does not repeat a known fact', () => {
    expect(values("I'm calling about my order, it still hasn't arrived")).toEqual([]);
    expect(factsIn('order 4512 again', [{ kind: 'order', value: '4512', source: 'pattern' }])).toEqual([]);
  });
});

describe('the side request’s answer', () => {
  it('is read around prose, with wrong fields dropped or defaulted', () => {
    expect(readUnderstanding('Sure: {"wants": "cancel order", "facts": [{"kind": "order", "value": "4512"}, {"kind": "shoe", "value": "x"}, 3], "mood": "angry", "frustrated": true, "asks_for_person": "yes"}')).toEqual({
      wants: 'cancel order',
      facts: [
        { kind: 'order', value: '4512' },
        { kind: 'other', value: 'x' },
      ],
      promises: [],
      mood: 'angry',
      frustrated: true,
      asksForPerson: false,
    });
  });

  it('is nothing understood when it is not JSON', () => {
    for (const answer of ['garbage', '[1]', '{"facts": 5}', '']) expect(readUnderstanding(answer)).toEqual({ facts: [], promises: [], frustrated: false, asksForPerson: false });
  });

  it('is answered by the demo models from the script: the angry caller is frustrated, the one who wants a person says so', () => {
    expect(understandingOf("caller: This is the third time I'm calling, my internet is still down!\nbot: I have booked a technician for tomorrow morning.")).toMatchObject({
      mood: 'angry',
      frustrated: true,
      asks_for_person: false,
      promises: ['I have booked a technician for tomorrow morning.'],
    });
    expect(understandingOf("caller: Hi, I'd like to speak to a real person, please.")).toMatchObject({ asks_for_person: true, frustrated: false, mood: 'calm' });
  });
});
