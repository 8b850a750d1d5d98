// Formulas in React: the TeX source shows until KaTeX has loaded (the first formula loads it),
// then KaTeX draws into an element React leaves empty. Invalid TeX keeps its source, marked with
// a quiet error; it never breaks the message. Display blocks get "Source" and Copy.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { drawMath, katexNow, loadKatex } from './math-katex'
import { CopyButton } from './CodeBlock'
import { isStreaming, queueTypeset } from './render-gate'
import { useT } from '../i18n/use-t'

/**
 * KaTeX is there (the first formula loads it). A formula mounting while no answer streams (a
 * finished message, a row scrolled back into view) is drawn at once; one in a block that has just
 * completed in a streaming answer is queued and drawn in idle time a few milliseconds per task
 * (queueTypeset), each in its own small synchronous commit, so a block full of formulas never
 * makes a long task.
 */
function useKatexReady(): boolean {
  const [ready, setReady] = useState(() => katexNow() !== null && !isStreaming())
  useEffect(() => {
    if (ready) return
    let live = true
    let cancel = () => undefined as void
    loadKatex().then(
      () => {
        if (live) cancel = queueTypeset(() => flushSync(() => setReady(true)))
      },
      () => undefined, // stays as source
    )
    return () => {
      live = false
      cancel()
    }
  }, [ready])
  return ready
}

interface FormulaProps {
  tex: string
  /** As written, delimiters included: shown until KaTeX is there, and when the TeX is invalid. */
  raw: string
  display: boolean
}

export const Formula = memo(function Formula({ tex, raw, display }: FormulaProps) {
  const ready = useKatexReady()
  const ref = useRef<HTMLSpanElement>(null)
  const [error, setError] = useState<string | null>(null)
  const t = useT()
  useLayoutEffect(() => {
    const k = katexNow()
    if (!ready || !k || !ref.current) return
    const err = drawMath(k, ref.current, tex, display)
    if (err !== null) setError(err)
  }, [ready, tex, display])
  if (error !== null)
    return (
      <span
        className={display ? 'math-error math-display' : 'math-error'}
        title={t('math.notRendered', { error })}
      >
        <code>{raw}</code>
        <span className="math-error-note">{t('math.texError')}</span>
      </span>
    )
  if (!ready) return <code className={display ? 'math-source math-display' : 'math-source'}>{raw}</code>
  return <span ref={ref} className={display ? 'math math-display' : 'math'} />
})

/** A display formula on its own lines, with a source toggle and Copy (the TeX). */
export const MathBlock = memo(function MathBlock({ tex, raw }: { tex: string; raw: string }) {
  const [source, setSource] = useState(false)
  const t = useT()
  return (
    <div className="math-block">
      <div className="block-tools">
        <button type="button" className="copy" aria-pressed={source} onClick={() => setSource(!source)}>
          {source ? t('math.formula') : t('code.source')}
        </button>
        <CopyButton code={tex} />
      </div>
      {source ? (
        <pre tabIndex={0}>
          <code>{raw}</code>
        </pre>
      ) : (
        <Formula tex={tex} raw={raw} display />
      )}
    </div>
  )
})
