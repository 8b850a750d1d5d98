// A tool result as text for `function_call_output`: text parts joined; other parts described
// in words (the model cannot see an image through a string output).
export interface ToolResultLike {
  content?: unknown
  structuredContent?: unknown
  isError?: unknown
}

const MAX_OUTPUT_CHARS = 100_000

export function resultText(res: ToolResultLike): string {
  const parts: string[] = []
  const content = Array.isArray(res.content) ? (res.content as Record<string, unknown>[]) : []
  for (const p of content) {
    if (p.type === 'text' && typeof p.text === 'string') parts.push(p.text)
    else if (p.type === 'image' || p.type === 'audio')
      parts.push(`[${String(p.type)} ${String(p.mimeType ?? '')} omitted]`)
    else if (p.type === 'resource_link') parts.push(`[resource ${String(p.uri ?? '')}]`)
    else if (p.type === 'resource') {
      const r = (p.resource ?? {}) as Record<string, unknown>
      parts.push(typeof r.text === 'string' ? r.text : `[resource ${String(r.uri ?? '')}]`)
    }
  }
  if (parts.length === 0 && res.structuredContent !== undefined)
    parts.push(JSON.stringify(res.structuredContent))
  const text = parts.join('\n')
  return text.length > MAX_OUTPUT_CHARS
    ? `${text.slice(0, MAX_OUTPUT_CHARS)}\n[output truncated at ${MAX_OUTPUT_CHARS} characters]`
    : text
}
