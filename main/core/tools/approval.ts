// Per-call approval: "allow once", "always for this tool" or "deny". The default for a tool is to
// ask; hosts answer with the `tool_approval` op. Scripted use (CLI) sets a fixed policy instead.
import type { ToolDecision } from '@shared/tools'
import { AbortedError } from '../responses/client'

/** `ask`: ask the user; `all`: allow every call; `none`: deny every call. */
export type ApprovalPolicy = 'ask' | 'all' | 'none'

export interface ApprovalSubject {
  /** Call ids come from the model and repeat across conversations: waits are keyed by both. */
  conversationId: string
  callId: string
  server: string
  tool: string
}

export class ApprovalGate {
  private readonly pending = new Map<string, (d: ToolDecision) => void>()
  /** Tools allowed for the rest of this session ("always"), as `server/tool`. */
  private readonly always = new Set<string>()

  constructor(
    private readonly policy: ApprovalPolicy,
    /** Whether settings say a tool needs no asking. */
    private readonly preAllowed: (server: string, tool: string) => boolean,
    /** "Always" was chosen: the host persists it. */
    private readonly onAlways: (server: string, tool: string) => void = () => {},
  ) {}

  /** Resolves 'allow' or 'deny'; `ask` is called when the user must be asked. */
  async decide(s: ApprovalSubject, ask: () => void, signal: AbortSignal): Promise<'allow' | 'deny'> {
    if (this.policy === 'all') return 'allow'
    if (this.policy === 'none') return 'deny'
    const key = `${s.server}/${s.tool}`
    if (this.always.has(key) || this.preAllowed(s.server, s.tool)) return 'allow'
    if (signal.aborted) throw new AbortedError()
    const wait = waitKey(s.conversationId, s.callId)
    const decision = await new Promise<ToolDecision>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(wait)
        reject(new AbortedError())
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.set(wait, (d) => {
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(wait)
        resolve(d)
      })
      ask()
    })
    if (decision === 'always') {
      this.always.add(key)
      this.onAlways(s.server, s.tool)
    }
    return decision === 'deny' ? 'deny' : 'allow'
  }

  /** A host's answer; false when no call with that id is waiting in that conversation. */
  resolve(conversationId: string, callId: string, decision: ToolDecision): boolean {
    const r = this.pending.get(waitKey(conversationId, callId))
    if (!r) return false
    r(decision)
    return true
  }
}

function waitKey(conversationId: string, callId: string): string {
  return `${conversationId}:${callId}`
}
