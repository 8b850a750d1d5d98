// Syntax highlighting, loaded lazily: highlight.js core on the first code block, then each
// grammar on first use (one small chunk per language), so none of it is in the initial bundle.
// Results are cached by language and code, so a block is highlighted once however often it shows.
import type { HLJSApi, LanguageFn } from 'highlight.js'
import { LruCache } from './block-cache'

type Loader = () => Promise<{ default: LanguageFn }>

// Vite turns each of these into its own chunk; only the languages people write are listed.
const LOADERS: Record<string, Loader> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  go: () => import('highlight.js/lib/languages/go'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  php: () => import('highlight.js/lib/languages/php'),
  python: () => import('highlight.js/lib/languages/python'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
}

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'bash',
  'c++': 'cpp',
  cs: 'csharp',
  docker: 'dockerfile',
  golang: 'go',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  kt: 'kotlin',
  md: 'markdown',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  ts: 'typescript',
  tsx: 'typescript',
  html: 'xml',
  svg: 'xml',
  yml: 'yaml',
  patch: 'diff',
}

/** The grammar name for a fence's info string, or null when we have none. */
export function languageOf(info: string): string | null {
  const word = info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  const name = ALIASES[word] ?? word
  return Object.prototype.hasOwnProperty.call(LOADERS, name) ? name : null
}

let core: Promise<HLJSApi> | null = null
const registered = new Map<string, Promise<void>>()
const results = new LruCache<string>(2000)

function loadCore(): Promise<HLJSApi> {
  core ??= import('highlight.js/lib/core').then((m) => m.default)
  return core
}

function loadLanguage(hljs: HLJSApi, name: string): Promise<void> {
  let p = registered.get(name)
  if (!p) {
    p = LOADERS[name]!().then((m) => hljs.registerLanguage(name, m.default))
    registered.set(name, p)
  }
  return p
}

/** Already highlighted (synchronous, for the first render of a block seen before). */
export function cachedHighlight(lang: string, code: string): string | undefined {
  return results.get(`${lang}\u0000${code}`)
}

/**
 * highlight.js escapes the code it is given and emits only `<span class="hljs-…">`, so its
 * output is safe to insert; the CSP (no inline script) is a second line of defence.
 */
export async function highlight(lang: string, code: string): Promise<string> {
  const key = `${lang}\u0000${code}`
  const hit = results.get(key)
  if (hit !== undefined) return hit
  const hljs = await loadCore()
  await loadLanguage(hljs, lang)
  const html = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
  results.set(key, html)
  return html
}
