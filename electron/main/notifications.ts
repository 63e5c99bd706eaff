// Desktop notifications for calls that need a supervisor; clicking one opens the call.
import type { Notification as NotificationType } from 'electron';
import type { LiveMessage } from '../../shared/api.ts';
import { AttentionWatcher, type Notice } from './attention.ts';

export interface NotificationDeps {
  Notification: typeof NotificationType;
  subscribe: (listener: (message: LiveMessage) => void) => () => void;
  /** Bring the window forward showing this call. */
  openCall: (callId: string) => void;
}

export function setupNotifications({ Notification, subscribe, openCall }: NotificationDeps): () => void {
  const watcher = new AttentionWatcher();
  const show = (notices: Notice[]) => {
    if (!Notification.isSupported()) return;
    for (const notice of notices) {
      const notification = new Notification({ title: notice.title, body: notice.body, urgency: 'critical' });
      notification.on('click', () => openCall(notice.callId));
      notification.show();
    }
  };
  const unsubscribe = subscribe((message) => {
    if (message.type === 'call.updated') show(watcher.update(message.call));
  });
  const timer = setInterval(() => show(watcher.tick()), 5000);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
