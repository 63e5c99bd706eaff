// Whisper to the bot: an instruction the caller does not hear ("offer a callback tomorrow
// morning"); the bot follows it from its next answer. The console API's `whisper` command.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/call.ts';
import { useBridge } from '../../bridge/context.ts';
import { runCommand } from '../../store/actions.ts';

export function WhisperForm({ call }: { call: Call }) {
  const { t } = useTranslation();
  const api = useBridge();
  const [text, setText] = useState('');
  const id = useId();
  const hasBot = call.bot !== undefined && call.bot.engine !== 'off';
  const send = () => {
    const words = text.trim();
    if (!words) return;
    void runCommand(api, call.id, { type: 'whisper', text: words }).then((ok) => ok && setText(''));
  };
  return (
    <form
      className="whisper-form"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={id}>{t('whisper.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {hasBot ? t('whisper.hint') : t('whisper.needsBot')}
      </p>
      <textarea
        id={id}
        rows={2}
        maxLength={1000}
        disabled={!hasBot}
        value={text}
        placeholder={t('whisper.placeholder')}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <button type="submit" className="btn" disabled={!hasBot || !text.trim()}>
        {t('whisper.button')}
      </button>
    </form>
  );
}
