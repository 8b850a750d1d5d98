// Live transcripts of both sides, built from realtime_event payloads: deltas extend the line of
// their item, "done" replaces it with the final text.
import type { RealtimeEventPayload } from '@shared/realtime'

export interface TranscriptLine {
  role: 'user' | 'assistant'
  itemId: string
  text: string
  done: boolean
}

const MAX_LINES = 200

export function applyTranscript(lines: TranscriptLine[], p: RealtimeEventPayload): TranscriptLine[] {
  let role: TranscriptLine['role']
  let text: string
  let done: boolean
  switch (p.kind) {
    case 'input_transcript_delta':
      ;[role, text, done] = ['user', p.delta, false]
      break
    case 'input_transcript_done':
      ;[role, text, done] = ['user', p.text, true]
      break
    case 'output_transcript_delta':
      ;[role, text, done] = ['assistant', p.delta, false]
      break
    case 'output_transcript_done':
      ;[role, text, done] = ['assistant', p.text, true]
      break
    default:
      return lines
  }
  const itemId = p.itemId ?? `${role}-${lines.length}`
  const at = lines.findIndex((l) => l.itemId === itemId && l.role === role)
  if (at < 0) return [...lines, { role, itemId, text, done }].slice(-MAX_LINES)
  const prev = lines[at]!
  const next = { ...prev, text: done ? text : prev.text + text, done }
  return [...lines.slice(0, at), next, ...lines.slice(at + 1)]
}
