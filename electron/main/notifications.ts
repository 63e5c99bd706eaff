// Desktop notifications for calls that need a supervisor; clicking one opens the call.
import type { Notification as NotificationType } from 'electron';
import type { TFunction } from 'i18next';
import type { LiveMessage } from '../../shared/api.ts';
import { AttentionWatcher, type Notice } from './attention.ts';

export interface NotificationDeps {
  Notification: typeof NotificationType;
  subscribe: (listener: (message: LiveMessage) => void) => () => void;
  /** Bring the window forward showing this call. */
  openCall: (callId: string) => void;
  /** The current language's translator (English by default). */
  t?: () => TFunction;
}

export function setupNotifications({ Notification, subscribe, openCall, t }: NotificationDeps): () => void {
  const watcher = new AttentionWatcher(t);
  const show = (notices: Notice[]) => {
    if (!Notification.isSupported()) return;
    for (const notice of notices) {
      const notification = new Notification({ title: notice.title, body: notice.body, urgency: 'critical' });
      notification.on('click', () => openCall(notice.callId));
      notification.show();
    }
  };
  // The live calls that come first are learned, not announced: they were live before the app
  // started (a notice for one is due only once something about it changes, as for any call).
  let learning = true;
  const unsubscribe = subscribe((message) => {
    if (message.type !== 'call.updated') return;
    const notices = watcher.update(message.call);
    if (!learning) show(notices);
  });
  learning = false;
  const timer = setInterval(() => show(watcher.tick()), 5000);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
