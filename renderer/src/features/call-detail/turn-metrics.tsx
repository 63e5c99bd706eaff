// How fast the bot answered, turn by turn, from the end of the caller's speech.
import type { TurnMetrics } from '../../../../shared/call.ts';

const ms = (value: number | undefined) => (value === undefined ? '—' : `${value} ms`);

export function TurnMetricsTable({ turns }: { turns: readonly TurnMetrics[] }) {
  if (turns.length === 0) return null;
  return (
    <table className="turns">
      <caption>Bot turns (from the end of the caller’s speech)</caption>
      <thead>
        <tr>
          <th scope="col">Turn</th>
          <th scope="col">Transcript</th>
          <th scope="col">LLM first token</th>
          <th scope="col">TTS first byte</th>
          <th scope="col">First audio</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {turns.map((turn, i) => (
          <tr key={i}>
            <td>{turn.turn}</td>
            <td>{ms(turn.transcriptMs)}</td>
            <td>{ms(turn.llmFirstTokenMs)}</td>
            <td>{ms(turn.ttsFirstByteMs)}</td>
            <td>{ms(turn.firstAudioMs)}</td>
            <td>{turn.interrupted ? 'interrupted' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
