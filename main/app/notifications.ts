// OS notifications for reroutes and rate limits (main/app/notify-policy.ts decides which); a
// click opens the conversation the notification is about. The tray's "attention" follows only a
// notification the OS really showed: unsigned macOS builds and some Windows setups emit 'failed'.
import { Notification } from 'electron'
import type { BridgeEvent } from '@shared/bridge'
import type { Logger } from '../core/log'
import type { SettingsService } from '../host/settings-service'
import { NotificationPolicy, type NotificationSpec } from './notify-policy'

export class Notifier {
  private readonly policy = new NotificationPolicy()
  // Electron drops click handlers of garbage-collected notifications: keep them until closed.
  private readonly live = new Set<Notification>()

  constructor(
    private readonly settings: SettingsService,
    private readonly onClick: (conversationId: string | null) => void,
    private readonly onShown: (spec: NotificationSpec) => void,
    private readonly logger: Logger,
  ) {}

  onEvent(event: BridgeEvent): void {
    if (event.type !== 'model_reroute' && event.type !== 'warning' && event.type !== 'rate_limits') return
    for (const spec of this.policy.onEvent(event, this.settings.get().notifications)) this.show(spec)
  }

  private show(spec: NotificationSpec): void {
    if (!Notification.isSupported()) {
      // No OS notifications at all: the tray icon is where this shows.
      this.onShown(spec)
      this.logger.log('info', 'notifications unsupported here', { title: spec.title })
      return
    }
    const n = new Notification({ title: spec.title, body: spec.body })
    this.live.add(n)
    n.on('click', () => this.onClick(spec.conversationId))
    n.on('close', () => this.live.delete(n))
    n.once('show', () => this.onShown(spec))
    n.on('failed', (_e, error: string) => {
      this.live.delete(n)
      this.logger.log('warn', 'the OS did not show a notification', { title: spec.title, error })
    })
    n.show()
  }
}
