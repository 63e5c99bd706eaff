// How fast the bot answered, turn by turn, from the end of the caller's speech.
import { useTranslation } from 'react-i18next';
import type { TurnMetrics } from '../../../../shared/call.ts';
import { useFormats } from '../../i18n/use-formats.ts';

export function TurnMetricsTable({ turns }: { turns: readonly TurnMetrics[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (turns.length === 0) return null;
  const ms = (value: number | undefined) => (value === undefined ? '—' : f.unit(value, 'millisecond'));
  return (
    <table className="turns">
      <caption>{t('turns.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('turns.turn')}</th>
          <th scope="col">{t('turns.transcript')}</th>
          <th scope="col">{t('turns.llm')}</th>
          <th scope="col">{t('turns.tts')}</th>
          <th scope="col">{t('turns.firstAudio')}</th>
          <th scope="col">{t('turns.note')}</th>
        </tr>
      </thead>
      <tbody>
        {turns.map((turn, i) => (
          <tr key={i}>
            <td>{f.number(turn.turn)}</td>
            <td>{ms(turn.transcriptMs)}</td>
            <td>{ms(turn.llmFirstTokenMs)}</td>
            <td>{ms(turn.ttsFirstByteMs)}</td>
            <td>{ms(turn.firstAudioMs)}</td>
            <td>{turn.interrupted ? t('turns.interrupted') : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
