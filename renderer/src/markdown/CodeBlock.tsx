// A fenced code block: a header with the language and a Copy button, the code highlighted once
// the block is complete (lazily loaded grammar; plain text until then and while streaming).
import { memo, useEffect, useState } from 'react'
import { cachedHighlight, highlight, languageOf } from './highlight'
import { useT } from '../i18n/use-t'

interface Props {
  code: string
  lang: string
  /** Still being written: no highlighting yet (it would redo the work on every frame). */
  streaming?: boolean
}

export function CopyButton({ code }: { code: string }) {
  const t = useT()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const t = setTimeout(() => setState('idle'), 1500)
    return () => clearTimeout(t)
  }, [state])
  return (
    <button
      type="button"
      className="copy"
      onClick={() =>
        navigator.clipboard.writeText(code).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied' ? t('code.copied') : state === 'failed' ? t('code.copyFailed') : t('code.copy')}
    </button>
  )
}

/** Highlighted once the grammar has loaded (plain until then); the effect runs once per code. */
function HighlightedCode({ code, grammar }: { code: string; grammar: string | null }) {
  const [html, setHtml] = useState<string | undefined>(() =>
    grammar ? cachedHighlight(grammar, code) : undefined,
  )
  useEffect(() => {
    if (!grammar || html !== undefined) return
    let live = true
    highlight(grammar, code).then(
      (h) => live && setHtml(h),
      () => undefined, // a grammar that fails to load leaves the code plain
    )
    return () => {
      live = false
    }
  }, [grammar, code, html])
  return html !== undefined ? (
    <pre tabIndex={0}>
      <code className={`hljs language-${grammar}`} dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  ) : (
    <pre tabIndex={0}>
      <code>{code}</code>
    </pre>
  )
}

export const CodeBlock = memo(function CodeBlock({ code, lang, streaming = false }: Props) {
  const label = lang.trim().split(/\s+/)[0] || 'text'
  return (
    <div className="code-block">
      <div className="code-head">
        <span className="code-lang">{label}</span>
        <CopyButton code={code} />
      </div>
      {streaming ? (
        // Still growing: plain text, no effects, so a streaming frame schedules no extra work.
        <pre tabIndex={0}>
          <code>{code}</code>
        </pre>
      ) : (
        <HighlightedCode code={code} grammar={languageOf(lang)} />
      )}
    </div>
  )
})
