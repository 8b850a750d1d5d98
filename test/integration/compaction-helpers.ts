// Fixtures of the compaction tests: long scripted answers, small models, request inspection.
import { textAnswer } from '../emulator/scripts'
import { DEFAULT_MODELS, type Emulator, type RecordedRequest } from '../emulator/index'
import type { Harness } from './harness'
import { COMPACT_PROMPT } from '../../main/core/compaction/prompt'

/** About 150 tokens as an input item: a conversation grows fast against a small window. */
export function answer(i: number): string {
  return `Answer ${i}: ` + 'the quick brown fox jumps over the lazy dog; '.repeat(11)
}

type Item = { type: string; role?: string; content?: { text?: string }[]; encrypted_content?: string }

export function inputOf(r: RecordedRequest | undefined): Item[] {
  return ((r?.body as { input?: Item[] } | undefined)?.input ?? []) as Item[]
}

export const textOf = (i: Item): string => (i.content ?? []).map((c) => c.text ?? '').join('')

export const isSummaryRequest = (body: unknown): boolean => {
  const last = inputOf({ body } as RecordedRequest).at(-1)
  return last !== undefined && textOf(last) === COMPACT_PROMPT
}

/** Script the answer of every request to come: the summary request gets `summary`. */
export function scriptAnswers(
  emu: Emulator,
  count: number,
  summary = 'SUMMARY: goal, progress, next steps.',
) {
  let turn = 0
  for (let i = 0; i < count; i++)
    emu.script((body) =>
      isSummaryRequest(body) ? { steps: textAnswer(summary) } : { steps: textAnswer(answer(++turn)) },
    )
}

/** Drive `n` turns; returns the conversation id. */
export async function drive(h: Harness, n: number, from = 1, model?: string): Promise<string> {
  let id = ''
  for (let i = from; i < from + n; i++) id = await h.turn(`Question ${i}`, model ? { model } : {})
  return id
}

/** Models with known windows, served by the emulator's `/models` (ChatGPT provider). */
export function smallModels(windows: Record<string, number>): unknown[] {
  const base = DEFAULT_MODELS[0] as Record<string, unknown>
  return Object.entries(windows).map(([slug, context_window], i) => ({
    ...base,
    slug,
    display_name: slug,
    priority: 100 - i,
    context_window,
    supports_reasoning_summaries: false,
  }))
}

/** Turn requests (not the summary requests of local compaction). */
export function turnRequests(h: Harness): RecordedRequest[] {
  return h.emu.responsesRequests().filter((r) => r.body && !isSummaryRequest(r.body))
}

export function fatalErrors(h: Harness) {
  return h.of('error').filter((e) => e.fatal)
}
