// OS notifications for reroutes and rate limits (main/app/notify-policy.ts decides which); a
// click opens the conversation the notification is about.
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
    this.onShown(spec)
    if (!Notification.isSupported()) {
      this.logger.log('info', 'notifications unsupported here', { title: spec.title })
      return
    }
    const n = new Notification({ title: spec.title, body: spec.body })
    this.live.add(n)
    n.on('click', () => this.onClick(spec.conversationId))
    n.on('close', () => this.live.delete(n))
    n.show()
  }
}
