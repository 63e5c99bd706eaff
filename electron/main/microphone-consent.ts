// The supervisor's answer to "may Ringside use the microphone?" on Windows and Linux, where the OS
// does not ask (macOS shows its own prompt). Asked the first time a take-over needs it, remembered
// in a small JSON file in the user-data folder, and changed from the menu (File → Use Microphone
// for Take Over). A refusal is remembered too: taking over without a voice (to silence the bot,
// then transfer) is a real use, and a dialog on every take-over would hold up a waiting caller.
import type { MessageBoxOptions } from 'electron';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { englishT } from './language.ts';

export type MicrophoneAnswer = 'allowed' | 'denied';

const fileSchema = z.object({ microphone: z.enum(['allowed', 'denied']) });

export interface MicrophoneConsentDeps {
  /** Where the answer is kept (`<userData>/permissions.json`). */
  file: string;
  /** Asks the supervisor (a native dialog over the window); true for "Allow". */
  prompt: () => Promise<boolean>;
  /** Told after every change of the answer (the menu shows it). */
  onChange?: (answer: MicrophoneAnswer) => void;
}

export interface MicrophoneConsent {
  /** The remembered answer; undefined until the supervisor has answered. */
  readonly answer: MicrophoneAnswer | undefined;
  /** For a microphone request: the remembered answer, else asks once (concurrent requests share the dialog) and remembers it. */
  request(): Promise<boolean>;
  /** Changes the answer (the menu item); it applies to the next take-over. */
  set(answer: MicrophoneAnswer): void;
}

export function createMicrophoneConsent({ file, prompt, onChange }: MicrophoneConsentDeps): MicrophoneConsent {
  let answer = readJsonFile(file, fileSchema)?.microphone;
  let asking: Promise<boolean> | undefined;
  const set = (next: MicrophoneAnswer) => {
    answer = next;
    writeJsonFile(file, { microphone: next });
    onChange?.(next);
  };
  return {
    get answer() {
      return answer;
    },
    request() {
      if (answer) return Promise.resolve(answer === 'allowed');
      asking ??= prompt()
        .then((allowed) => {
          set(allowed ? 'allowed' : 'denied');
          return allowed;
        })
        .finally(() => (asking = undefined));
      return asking;
    },
    set,
  };
}

/** The dialog's wording (in the console's language) and buttons (Electron's `dialog.showMessageBox` options); button 0 allows. */
export const microphoneDialog = (t: TFunction = englishT): MessageBoxOptions => ({
  type: 'question',
  buttons: [t('microphoneDialog.allow'), t('microphoneDialog.deny')],
  defaultId: 0,
  // Esc or closing the dialog is a refusal, never an "Allow".
  cancelId: 1,
  noLink: true,
  title: t('microphoneDialog.title'),
  message: t('microphoneDialog.message'),
  detail: t('microphoneDialog.detail'),
});
