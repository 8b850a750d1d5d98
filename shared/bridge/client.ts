// The bridge client: the one `AssistantBridge` implementation, over any transport (Electron IPC
// in the preload, a WebSocket in the browser host). It validates both directions: ops and query
// inputs before they leave, query outputs and events before the page sees them.
import { Op } from '../ops'
import {
  BridgeEvent,
  QUERIES,
  isQueryName,
  type QueryInput,
  type QueryName,
  type QueryOutput,
  type Reply,
} from './contract'
import { describeIssue } from './settings'

export type EventListener = (event: BridgeEvent) => void

/** What a page sees as `window.assistant`. It cannot tell which host it runs in. */
export interface AssistantBridge {
  /** Resolves once the host accepted the op (not when a turn ends); rejects with a clear message. */
  submit(op: Op): Promise<void>
  /** Every event from the host; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void
  query<N extends QueryName>(name: N, input: QueryInput<N>): Promise<QueryOutput<N>>
}

/** The raw link to a host. Implementations do no validation; the client does it all. */
export interface BridgeTransport {
  op(op: Op): Promise<Reply>
  query(name: QueryName, input: unknown): Promise<Reply>
  /** Install the single underlying event listener; returns its removal. */
  listen(onEvent: (raw: unknown) => void): () => void
}

export class BridgeError extends Error {
  override name = 'BridgeError'
}

export interface BridgeOptions {
  /** Where listener exceptions and unreadable events are reported (console by default). */
  report?: (message: string, detail?: unknown) => void
}

/**
 * The hottest event (hundreds a second while an answer streams), checked inline: exactly what its
 * schema accepts and returns (a plain object: the three strings, unknown keys dropped). A unit
 * test holds the two equivalent. Anything else goes through the schema.
 */
export function fastDeltaEvent(raw: unknown): BridgeEvent | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (
    r.type !== 'agent_message_delta' ||
    typeof r.conversationId !== 'string' ||
    typeof r.turnId !== 'string' ||
    typeof r.delta !== 'string'
  )
    return null
  return { type: 'agent_message_delta', conversationId: r.conversationId, turnId: r.turnId, delta: r.delta }
}

export function createBridge(transport: BridgeTransport, opts: BridgeOptions = {}): AssistantBridge {
  const report = opts.report ?? ((m: string, d?: unknown) => console.error(`[bridge] ${m}`, d ?? ''))
  const listeners = new Set<EventListener>()
  // A copy to iterate (a listener may unsubscribe while being called), rebuilt only on change.
  let snapshot: EventListener[] = []
  let attached = false

  const read = (raw: unknown): BridgeEvent => {
    const parsed = BridgeEvent.safeParse(raw)
    if (parsed.success) return parsed.data
    // Surface it instead of dropping silently: the page shows it like any other non-fatal error.
    report('unreadable event from the host', describeIssue(parsed.error))
    return {
      type: 'error',
      message: `The host sent an event the app could not read (${describeIssue(parsed.error)}).`,
      code: 'malformed_event',
      fatal: false,
    }
  }

  const dispatch = (raw: unknown): void => {
    const event = fastDeltaEvent(raw) ?? read(raw)
    // A throwing listener must not starve the others.
    for (const l of snapshot) {
      try {
        l(event)
      } catch (e) {
        report('event listener threw', e)
      }
    }
  }

  const unwrap = (reply: Reply, what: string): unknown => {
    if (reply && reply.ok === true) return reply.value
    throw new BridgeError(reply && reply.ok === false ? reply.error : `${what}: no reply from the host`)
  }

  const bridge: AssistantBridge = {
    async submit(op) {
      const parsed = Op.safeParse(op)
      if (!parsed.success) throw new BridgeError(`invalid op: ${describeIssue(parsed.error)}`)
      unwrap(await transport.op(parsed.data), 'submit')
    },

    onEvent(listener) {
      if (typeof listener !== 'function') throw new BridgeError('onEvent needs a function')
      listeners.add(listener)
      snapshot = [...listeners]
      if (!attached) {
        // One underlying listener for the page's lifetime, then ask the host for the replay. It is
        // never removed: re-attaching would replay running turns a second time.
        attached = true
        transport.listen(dispatch)
        bridge.query('events.attach', {}).catch((e: unknown) => report('attach failed', e))
      }
      return () => {
        listeners.delete(listener)
        snapshot = [...listeners]
      }
    },

    async query(name, input) {
      if (!isQueryName(name)) throw new BridgeError(`unknown query "${String(name)}"`)
      const def = QUERIES[name]
      const parsedIn = def.input.safeParse(input ?? {})
      if (!parsedIn.success) throw new BridgeError(`${name}: ${describeIssue(parsedIn.error)}`)
      const value = unwrap(await transport.query(name, parsedIn.data), name)
      const parsedOut = def.output.safeParse(value)
      if (!parsedOut.success)
        throw new BridgeError(`${name}: unreadable reply (${describeIssue(parsedOut.error)})`)
      return parsedOut.data as never
    },
  }
  return Object.freeze(bridge)
}
