// The demo models' language model: it answers from the script. The caller's last words are
// matched with the script's caller lines (by words, so a partly heard line still matches); the
// answer is that turn's bot line and tool calls, in the language the caller spoke. Anything else
// gets a short "tell me more". The after-call note comes from the scenario the transcript matches.
import type { Disposition } from '../../../shared/call.ts';
import { demoScript, DEMO_LANGUAGES, words, type DemoLanguage, type Scenario, type ScriptTurn } from './script.ts';

export interface Reply {
  text: string;
  toolCalls: { name: string; arguments: Record<string, string> }[];
}

interface Match {
  scenario: Scenario;
  turn: ScriptTurn;
  language: DemoLanguage;
  /** Share of words in common (0–1). */
  score: number;
}

/** A caller's line matches a script line when this share of the words agree. */
const MIN_SCORE = 0.5;

/** The script's turn whose caller line `said` is, if any. */
export function matchTurn(said: string): Match | undefined {
  const heard = new Set(words(said).split(' ').filter(Boolean));
  if (heard.size === 0) return undefined;
  let best: Match | undefined;
  for (const scenario of demoScript().scenarios) {
    for (const turn of scenario.turns) {
      for (const language of DEMO_LANGUAGES) {
        const line = turn.caller?.[language];
        if (!line) continue;
        const expected = words(line).split(' ');
        const common = expected.filter((word) => heard.has(word)).length;
        // Against the shorter of the two: a line heard in part, or said with a word more, still matches.
        const score = common / Math.min(expected.length, heard.size);
        if (!best || score > best.score) best = { scenario, turn, language, score };
      }
    }
  }
  return best && best.score >= MIN_SCORE ? best : undefined;
}

/** The bot's answer to the caller's last words; `tools`: whether the request offered tools. */
export function reply(said: string, tools: boolean, fallback: DemoLanguage): Reply {
  const match = matchTurn(said);
  if (!match) return { text: demoScript().bot.unsure[fallback], toolCalls: [] };
  const { turn, language } = match;
  const toolCalls = tools
    ? (turn.tools ?? []).map((tool) => ({
        name: tool.name,
        arguments: Object.fromEntries(Object.entries(tool.arguments).map(([key, value]) => [key, typeof value === 'string' ? value : value[language]])),
      }))
    : [];
  return { text: turn.bot?.[language] ?? '', toolCalls };
}

/** The after-call note of a transcript (`speaker: words` lines), as the summary prompt asks: JSON. */
export function summaryOf(transcript: string, fallback: DemoLanguage): { summary: string; disposition: Disposition } {
  const votes = new Map<Match['scenario'], { count: number; language: DemoLanguage }>();
  for (const line of transcript.split('\n')) {
    const said = /^caller:\s*(.*)$/i.exec(line.trim())?.[1];
    const match = said ? matchTurn(said) : undefined;
    if (!match) continue;
    const vote = votes.get(match.scenario) ?? { count: 0, language: match.language };
    vote.count++;
    votes.set(match.scenario, vote);
  }
  const [scenario, vote] = [...votes.entries()].sort((a, b) => b[1].count - a[1].count)[0] ?? [];
  if (!scenario || !vote) {
    return { summary: fallback === 'fr' ? "L'appelant a parlé avec le robot." : 'The caller spoke with the bot.', disposition: 'other' };
  }
  return { summary: scenario.summary[vote.language], disposition: scenario.disposition };
}

/**
 * The side request's answer for a live transcript (`speaker: words` lines), as its instructions ask:
 * what the caller wants (their first line the script knows), the mood of the scenario (the angry
 * caller is angry, and frustrated), a person asked for (the scenario that asks for one), what the
 * bot promised (its lines that say it did something) and the open question (the bot's last line,
 * when it asks one).
 */
export function understandingOf(transcript: string): Record<string, unknown> {
  const lines = transcript.split('\n').map((line) => /^(caller|bot|supervisor):\s*(.*)$/i.exec(line.trim())).filter((m) => m !== null);
  const matches = lines.filter((m) => m[1]!.toLowerCase() === 'caller').map((m) => ({ said: m[2]!, match: matchTurn(m[2]!) }));
  const known = matches.find((m) => m.match);
  const scenario = matches.findLast((m) => m.match)?.match?.scenario;
  const botLines = lines.filter((m) => m[1]!.toLowerCase() === 'bot').map((m) => m[2]!);
  const lastBot = botLines.at(-1);
  const angry = scenario?.name === 'angry';
  return {
    wants: known?.said ?? '',
    facts: [],
    promises: botLines.filter((line) => /\b(I have|I've|j'ai|je vous ai)\b/i.test(line)).slice(-3),
    open_question: lastBot?.trim().endsWith('?') ? lastBot : '',
    mood: angry ? 'angry' : 'calm',
    frustrated: angry,
    asks_for_person: scenario?.name === 'person',
  };
}
