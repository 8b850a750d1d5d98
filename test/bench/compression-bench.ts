// zstd level 3 on realistic request bodies: a short chat (~30 KB) and a long one (~1 MB).
import { compress, decompress } from '@mongodb-js/zstd'
import { assistantMessage, userMessage, type ResponseItem } from '@shared/wire/items'

// Varied text from a seeded generator: repeating a few sentences would compress unrealistically.
const WORDS = (
  'the a an of to in for on with by from request response stream socket model token window limit retry ' +
  'server client header event delta item message reasoning summary context history conversation error ' +
  'timeout fallback transport compression buffer frame parse validate schema render markdown table code ' +
  'function value array string number object promise async await return const let if else while break ' +
  'because however therefore which would could should might first second then finally also only just'
).split(' ')

function rng(seed: number) {
  let x = seed
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

function paragraph(r: () => number): string {
  const n = 20 + Math.floor(r() * 60)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]!)
  let text = words.join(' ') + '.'
  if (r() < 0.3) {
    const id = `fn${Math.floor(r() * 1e6).toString(36)}`
    text += `\n\n\`\`\`ts\nexport function ${id}(x: number): number {\n  return x * ${Math.floor(r() * 1000)} + ${Math.floor(r() * 97)}\n}\n\`\`\``
  }
  return text
}

function body(targetBytes: number): Buffer {
  const r = rng(42)
  const input: ResponseItem[] = []
  let size = 0
  for (let i = 0; size < targetBytes; i++) {
    const item =
      i % 2 === 0
        ? userMessage(paragraph(r))
        : assistantMessage(`${paragraph(r)}\n\n${paragraph(r)}`, 'final_answer')
    input.push(item)
    size += JSON.stringify(item).length
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
