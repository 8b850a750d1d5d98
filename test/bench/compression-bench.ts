// zstd level 3 on realistic request bodies: a short chat (~30 KB) and a long one (~1 MB).
import { compress, decompress } from '@mongodb-js/zstd'
import { assistantMessage, userMessage, type ResponseItem } from '@shared/wire/items'

const PROSE = [
  'Here is how the retry loop works: each attempt waits 200 ms times two to the power of the attempt number.',
  'The function `parseRateLimitHeaders` reads every `x-<family>-primary-used-percent` header it finds.',
  '```ts\nexport function backoff(attempt: number) {\n  return 200 * 2 ** (attempt - 1)\n}\n```',
  'Could you also explain why the socket is reused across turns, and what happens on a 426?',
  '| header | meaning |\n|---|---|\n| openai-model | the model that answered |\n| x-codex-turn-state | sticky routing |',
]

function body(targetBytes: number): Buffer {
  const input: ResponseItem[] = []
  let i = 0
  let size = 0
  while (size < targetBytes) {
    const text = `${PROSE[i % PROSE.length]} (${i})`
    const item =
      i % 2 === 0
        ? userMessage(text)
        : assistantMessage(text + ' ' + PROSE[(i + 2) % PROSE.length], 'final_answer')
    input.push(item)
    size += JSON.stringify(item).length
    i++
  }
  return Buffer.from(
    JSON.stringify({
      model: 'gpt-5.3-codex',
      instructions: 'You are a helpful desktop assistant.',
      input,
      tools: [],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      reasoning: null,
      store: false,
      stream: true,
      include: [],
    }),
  )
}

export async function compressionBench() {
  const rows = []
  for (const [label, bytes] of [
    ['30 KB conversation', 30 * 1024],
    ['1 MB conversation', 1024 * 1024],
  ] as const) {
    const json = body(bytes)
    let out: Buffer = Buffer.alloc(0)
    const times: number[] = []
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now()
      out = await compress(json, 3)
      times.push(performance.now() - t0)
    }
    const back = await decompress(out)
    if (!back.equals(json)) throw new Error('zstd round trip changed the body')
    times.sort((a, b) => a - b)
    rows.push({
      label,
      before: json.length,
      after: out.length,
      ratio: json.length / out.length,
      ms: times[3]!,
    })
  }
  return rows
}
