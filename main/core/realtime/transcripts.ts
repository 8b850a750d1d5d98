// Voice transcripts into the conversation history, in conversation order, so a voice session reads
// like a chat. Entries are written in the order their items appeared; an entry waits until it is
// final. An assistant entry stays open until the user has said something after it, because a
// barge-in truncate arrives after its transcript is already complete and must still cut it.
import { randomUUID } from 'node:crypto'
import type { RealtimeEventPayload } from '@shared/realtime'
import { assistantMessage, userMessage, type ResponseItem } from '@shared/wire/items'
import type { HistoryStore } from '../history/store'

interface Entry {
  role: 'user' | 'assistant'
  itemId: string | undefined
  text: string | null
  /** Deltas so far: what to keep if the conversation ends before the text is done. */
  deltas: string
  responseId: string | undefined
  audioSamples: number
  sampleRate: number
  truncatedMs: number | undefined
}

export interface TranscriptSink {
  store: HistoryStore
  conversationId: string
  provider: string
  /**
   * The conversation's chat model, recorded as its model: a typed turn that continues a voice
   * conversation must run on a Responses model, not the realtime one.
   */
  model: string
  /** The realtime model, recorded as the one that served the voice turns. */
  servedBy: string
  /** Every item written (Session keeps its in-memory history in step). */
  onItem?: ((conversationId: string, item: ResponseItem) => void) | undefined
}

export class TranscriptRecorder {
  private readonly entries: Entry[] = []
  /** Items already written: late duplicates (item.done after transcript.done) must not write twice. */
  private readonly written = new Set<string>()
  private turn: { id: string; assistant: boolean; interrupted: boolean; responseId: string | null } | null =
    null

  constructor(private readonly sink: TranscriptSink) {}

  /** The entry of `itemId`; without an id, the newest unfinished entry of that role (Gen 0 omits ids). */
  private entry(role: Entry['role'], itemId: string | undefined, fresh = false): Entry {
    for (let i = this.entries.length - 1; i >= 0 && !fresh; i--) {
      const e = this.entries[i]!
      if (
        itemId !== undefined
          ? e.itemId === itemId
          : e.role === role && e.itemId === undefined && e.text === null
      ) {
        return e
      }
    }
    const e: Entry = {
      role,
      itemId,
      text: null,
      deltas: '',
      responseId: undefined,
      audioSamples: 0,
      sampleRate: 24_000,
      truncatedMs: undefined,
    }
    // A detached entry absorbs events for an item already written.
    if (itemId === undefined || !this.written.has(itemId)) this.entries.push(e)
    return e
  }

  /** What a server event means for the history. */
  onEvent(p: RealtimeEventPayload): void {
    switch (p.kind) {
      case 'speech_started':
      case 'input_committed':
        return this.userItem(p.itemId)
      case 'input_transcript_delta':
        return this.userDelta(p.itemId, p.delta)
      case 'input_transcript_done':
        return this.userDone(p.itemId, p.text)
      case 'output_transcript_delta':
        return this.assistantDelta(p.itemId, p.responseId, p.delta)
      case 'output_transcript_done':
        return this.assistantDone(p.itemId, p.responseId, p.text)
      case 'item_added':
      case 'item_done': {
        // Gen 0 has no transcript events: the assistant's text comes as a message item.
        const text = assistantText(p.item)
        if (text) this.assistantDone(p.itemId, undefined, text)
        return
      }
      case 'item_truncated':
        return this.truncated(p.itemId, p.audioEndMs)
      case 'error':
        if (p.code === 'transcription_failed') this.userFailed(p.itemId)
        return
    }
  }

  /** The user's speech became an item (speech started or committed): reserve its place. */
  userItem(itemId: string | undefined): void {
    if (itemId !== undefined) this.entry('user', itemId)
  }

  userDelta(itemId: string | undefined, delta: string): void {
    this.entry('user', itemId).deltas += delta
  }

  userDone(itemId: string | undefined, text: string): void {
    const e = this.entry('user', itemId)
    e.text = text
    this.flush(false)
  }

  /** Transcription failed: the place stays empty rather than blocking what follows. */
  userFailed(itemId: string | undefined): void {
    if (itemId === undefined) return
    const e = this.entry('user', itemId)
    e.text ??= ''
    this.flush(false)
  }

  /** A typed message: final at once. */
  userText(text: string): void {
    this.entry('user', undefined, true).text = text
    this.flush(false)
  }

  assistantDelta(itemId: string | undefined, responseId: string | undefined, delta: string): void {
    const e = this.entry('assistant', itemId)
    e.deltas += delta
    e.responseId ??= responseId
  }

  assistantDone(itemId: string | undefined, responseId: string | undefined, text: string): void {
    const e = this.entry('assistant', itemId)
    e.text ??= text
    e.responseId ??= responseId
    this.flush(false)
  }

  assistantAudio(itemId: string | undefined, samples: number, sampleRate: number): void {
    const e = this.entry('assistant', itemId)
    e.audioSamples += samples
    e.sampleRate = sampleRate
  }

  truncated(itemId: string, audioEndMs: number): void {
    const e = this.entries.find((x) => x.itemId === itemId && x.role === 'assistant')
    if (e) e.truncatedMs = Math.min(e.truncatedMs ?? Infinity, audioEndMs)
  }

  /** Write everything left (partial answers included) and close the open turn. */
  finish(): void {
    this.flush(true)
    this.closeTurn()
  }

  private final(i: number, ending: boolean): boolean {
    const e = this.entries[i]!
    if (ending) return true
    if (e.text === null) return false
    if (e.role === 'user') return true
    for (let j = i + 1; j < this.entries.length; j++) if (this.entries[j]!.text !== null) return true
    return false
  }

  private flush(ending: boolean): void {
    while (this.entries.length > 0 && this.final(0, ending)) this.write(this.entries.shift()!)
  }

  private write(e: Entry): void {
    if (e.itemId !== undefined) this.written.add(e.itemId)
    let text = e.text ?? e.deltas
    let partial = e.text === null
    if (e.role === 'assistant' && e.truncatedMs !== undefined) {
      partial = true
      text = heardPart(text, e.truncatedMs, (e.audioSamples / e.sampleRate) * 1000)
    }
    if (!text.trim()) return
    if (e.role === 'user') {
      this.closeTurn()
      this.append(userMessage(text), false)
    } else {
      this.append(assistantMessage(text), partial)
      const t = this.openTurn()
      t.assistant = true
      t.interrupted ||= partial
      t.responseId = e.responseId ?? t.responseId
    }
  }

  private openTurn(): NonNullable<TranscriptRecorder['turn']> {
    this.turn ??= { id: randomUUID(), assistant: false, interrupted: false, responseId: null }
    return this.turn
  }

  private append(item: ResponseItem, partial: boolean): void {
    const { store, conversationId, provider, model } = this.sink
    if (!store.exists(conversationId)) store.create(conversationId, provider, model)
    store.appendItem(conversationId, this.openTurn().id, item, partial)
    this.sink.onItem?.(conversationId, item)
  }

  private closeTurn(): void {
    const t = this.turn
    if (!t) return
    this.turn = null
    this.sink.store.appendTurn(this.sink.conversationId, {
      turnId: t.id,
      status: t.assistant && !t.interrupted ? 'completed' : 'interrupted',
      model: this.sink.model,
      serverModel: this.sink.servedBy,
      responseId: t.responseId,
      usage: null,
    })
  }
}

/**
 * The transcript arrives faster than the audio plays, and the server does not send the cut text;
 * estimate what was heard from the played share of the audio, ending on a word boundary.
 */
export function heardPart(text: string, playedMs: number, totalMs: number): string {
  if (!(totalMs > 0) || playedMs >= totalMs) return text
  const cut = Math.floor(text.length * Math.max(0, playedMs / totalMs))
  const space = text.lastIndexOf(' ', cut)
  return text.slice(0, space > 0 ? space : cut).trimEnd()
}

/** Text of an assistant message item, from text parts or audio transcripts. */
export function assistantText(item: Record<string, unknown>): string | null {
  if (item.type !== 'message' || item.role !== 'assistant' || !Array.isArray(item.content)) return null
  let out = ''
  for (const part of item.content as unknown[]) {
    if (typeof part !== 'object' || part === null) continue
    const p = part as { text?: unknown; transcript?: unknown }
    if (typeof p.text === 'string') out += p.text
    else if (typeof p.transcript === 'string') out += p.transcript
  }
  return out || null
}
