// Redaction finds payment card numbers however a caller says them (digits, groups, English and
// French words), IBANs, and on request e-mails and other phone numbers; ordinary numbers pass.
import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from '../../../../electron/engine/privacy/checksums.ts';
import { redact, redactText } from '../../../../electron/engine/privacy/redact.ts';
import { redactDelivery, redactJsonText } from '../../../../electron/engine/privacy/redact-event.ts';
import { redactHistory } from '../../../../electron/engine/privacy/history.ts';

const CARD = '[card number]';

describe('card numbers', () => {
  it.each([
    ['digits together', 'my card is 4532015112830366 ok', `my card is ${CARD} ok`],
    ['spaced digits', 'it is 4532 0151 1283 0366.', `it is ${CARD}.`],
    ['dashed digits', '4532-0151-1283-0366', CARD],
    ['a 15-digit Amex in 4-6-5', 'amex 3782 822463 10005 please', `amex ${CARD} please`],
    ['a Mastercard 2-series', '2223 0031 2200 3222', CARD],
    ['English words', 'four five three two zero one five one one two eight three zero three six six', CARD],
    ['English words with oh and double', 'four five three two oh one five double one two eight three oh three double six', CARD],
    ['English tens', 'forty-five thirty-two zero one fifty-one twelve eighty-three zero three sixty-six', CARD],
    ['French words', 'c’est quatre cinq trois deux zéro un cinq un un deux huit trois zéro trois six six merci', `c’est ${CARD} merci`],
    ['French tens', 'quarante-cinq trente-deux zéro un cinquante et un douze quatre-vingt-trois zéro trois soixante-six', CARD],
    // 4979917712345671: 49 79 91 77 12 34 56 71
    ['French seventies and nineties', 'quarante-neuf soixante-dix-neuf quatre-vingt-onze soixante-dix-sept douze trente-quatre cinquante-six soixante et onze', CARD],
    ['digits mixed with hesitations', '4532 euh 0151 um 1283 0366', CARD],
  ])('are found as %s', (_how, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('says what it found, and finds two cards in one line', () => {
    const { text, found } = redact('first 4532015112830366 then 5555 5555 5555 4444');
    expect(text).toBe(`first ${CARD} then ${CARD}`);
    expect([...found]).toEqual(['card']);
  });

  it.each([
    ['an order number', 'order 4512 shipped'],
    ['a date', 'on 12/03/2024 at 10:30'],
    ['a spoken date', 'the twelfth of March two thousand twenty four'],
    ['a phone number', 'call me on +33 6 12 34 56 78'],
    ['sixteen digits failing Luhn', '4532 0151 1283 0367'],
    ['a Luhn-valid number no network issues (starts with 9)', '9999 9999 9999 9995'],
    ['too short', '4532 0151 1283'],
    ['French prose with un and neuf', 'un client neuf a appelé deux fois'],
    ['an amount', 'it costs 1,234.56 euros'],
  ])('let %s through', (_what, text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('IBANs', () => {
  it.each([
    ['grouped', 'IBAN FR76 3000 6000 0112 3456 7890 189 merci', 'IBAN [IBAN] merci'],
    ['together', 'DE89370400440532013000', '[IBAN]'],
    ['lower case', 'gb82 west 1234 5698 7654 32', '[IBAN]'],
  ])('are found %s', (_how, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('pass when the check digits are wrong', () => {
    expect(redactText('FR76 3000 6000 0112 3456 7890 188')).toBe('FR76 3000 6000 0112 3456 7890 188');
  });

  it('are checked by MOD 97 and the country length; cards by Luhn', () => {
    expect(ibanValid('FR7630006000011234567890189')).toBe(true);
    expect(ibanValid('FR763000600001123456789018')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('e-mails and phone numbers, when asked', () => {
  const line = 'write to jo.martin@example.fr or call 06 12 34 56 78, I am on 01 23 45 67 89';

  it('stay unless the settings hide them', () => {
    expect(redactText(line)).toBe(line);
  });

  it('are hidden, except the call’s own number', () => {
    expect(redactText(line, { emails: true, phones: true, ownNumbers: ['+33123456789'] })).toBe('write to [e-mail] or call [phone number], I am on 01 23 45 67 89');
  });
});

describe('what the store keeps', () => {
  it('redacts an event’s free text and its raw body, never its ids or the parties’ numbers', () => {
    const body = '{"call_id":7215478212345678901,"uuid":"4532015112830366","from_number":"+33612345678","transcript":"card 4532 0151 1283 0366"}';
    const delivery = redactDelivery(
      {
        dedupeKey: 'k',
        storedBody: body,
        event: { provider: 'ringover', providerCallId: '7215478212345678901', type: 'transcript', providerEvent: 'x', occurredAt: '2025-01-01T00:00:00Z', from: { number: '+33612345678' }, transcript: 'card 4532 0151 1283 0366', detail: { utterance: { id: '4532015112830366', text: 'it is 4532015112830366' } } },
      },
      {},
    );
    expect(delivery.event.transcript).toBe(`card ${CARD}`);
    expect((delivery.event.detail!.utterance as { id: string; text: string })).toEqual({ id: '4532015112830366', text: `it is ${CARD}` });
    expect(delivery.event.from).toEqual({ number: '+33612345678' });
    expect(delivery.storedBody).toBe(`{"call_id":7215478212345678901,"uuid":"4532015112830366","from_number":"+33612345678","transcript":"card ${CARD}"}`);
  });

  it('leaves a delivery with nothing to hide as it is', () => {
    const delivery = { dedupeKey: 'k', storedBody: '{"a":"hello"}', event: { provider: 'ringg' as const, type: 'other' as const, providerEvent: 'x', occurredAt: 'now', summary: 'order 4512' } };
    expect(redactDelivery(delivery, {})).toBe(delivery);
    expect(redactJsonText('not json 4532015112830366', {})).toBe(`not json ${CARD}`);
  });

  it('keeps the LLM’s current turn and hides earlier ones', () => {
    const history = [
      { role: 'system' as const, content: 'prompt 4532015112830366' },
      { role: 'user' as const, content: 'my card is 4532015112830366' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: '1', type: 'function' as const, function: { name: 'pay', arguments: '{"card":"4532015112830366"}' } }] },
    ];
    redactHistory(history, {});
    expect(history[0]!.content).toBe('prompt 4532015112830366');
    expect(history[1]!.content).toBe(`my card is ${CARD}`);
    expect(history[2]!.tool_calls![0]!.function.arguments).toBe(`{"card":"${CARD}"}`);
  });
});
