// A complete ```mermaid block: drawn once by Mermaid (lazy), with a toggle to the source and Copy
// (the source), as soon as the block is complete. Until the diagram is ready, and when it is broken, the source shows; a broken one
// also says why. Never drawn per delta: the streaming tail shows an open fence as code.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { CopyButton } from './CodeBlock'
import { mountDiagram, renderDiagram, type Diagram } from './mermaid-render'
import { useT } from '../i18n/use-t'

function DiagramView({ diagram }: { diagram: Diagram }) {
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => (ref.current ? mountDiagram(ref.current, diagram) : undefined), [diagram])
  return <div ref={ref} className="diagram" tabIndex={0} />
}

export const MermaidBlock = memo(function MermaidBlock({ code }: { code: string }) {
  const [result, setResult] = useState<Diagram | { error: string } | null>(null)
  const [source, setSource] = useState(false)
  const t = useT()
  useEffect(() => {
    let live = true
    // Drawn in idle steps, one diagram at a time (see renderDiagram), as soon as the block is complete.
    renderDiagram(code, () => live).then(
      (r) => live && r !== null && setResult(r),
      (e: Error) => live && setResult({ error: e.message }),
    )
    return () => {
      live = false
    }
  }, [code])
  const error = result && 'error' in result ? result.error : null
  const diagram = result && 'svg' in result ? result : null
  return (
    <div className="code-block mermaid-block">
      <div className="code-head">
        <span className="code-lang">mermaid</span>
        {diagram && (
          <button type="button" className="copy" aria-pressed={source} onClick={() => setSource(!source)}>
            {source ? t('diagram.diagram') : t('code.source')}
          </button>
        )}
        <CopyButton code={code} />
      </div>
      {error !== null && (
        <p className="diagram-error" role="note">
          {t('diagram.notDrawn', { error: error.split('\n').slice(0, 4).join(' ').slice(0, 300) })}
        </p>
      )}
      {diagram && !source ? (
        <DiagramView diagram={diagram} />
      ) : (
        <pre tabIndex={0}>
          <code>{code}</code>
        </pre>
      )}
    </div>
  )
})
