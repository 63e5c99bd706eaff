// The supervisor's answer to "may Ringside use the microphone?" on Windows and Linux, where the OS
// does not ask (macOS shows its own prompt). Asked the first time a take-over needs it, remembered
// in a small JSON file in the user-data folder, and changed from the menu (File → Use Microphone
// for Take Over). A refusal is remembered too: taking over without a voice (to silence the bot,
// then transfer) is a real use, and a dialog on every take-over would hold up a waiting caller.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MessageBoxOptions } from 'electron';
import { z } from 'zod';

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
  let answer = load(file);
  let asking: Promise<boolean> | undefined;
  const set = (next: MicrophoneAnswer) => {
    answer = next;
    save(file, next);
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

/** The saved answer, or undefined when there is none or it is unreadable (asked again then). */
function load(file: string): MicrophoneAnswer | undefined {
  try {
    return fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).microphone;
  } catch {
    return undefined;
  }
}

function save(file: string, microphone: MicrophoneAnswer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ microphone }));
  renameSync(`${file}.tmp`, file);
}

/** The dialog's wording and buttons (Electron's `dialog.showMessageBox` options); button 0 allows. */
export const MICROPHONE_DIALOG: MessageBoxOptions = {
  type: 'question',
  buttons: ['Allow', 'Don’t Allow'],
  defaultId: 0,
  // Esc or closing the dialog is a refusal, never an "Allow".
  cancelId: 1,
  noLink: true,
  title: 'Microphone',
  message: 'Allow Ringside to use your microphone?',
  detail: 'Taking over a call sends your voice to the caller. Ringside remembers your answer; change it any time in File → Use Microphone for Take Over.',
};
