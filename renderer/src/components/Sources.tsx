// The numbered sources list under an answer that cites web pages. Links go through safeHref like
// every other link in model output.
import type { Source } from '../state/citations'
import { safeHref } from '../markdown/safe-url'
import { useT } from '../i18n/use-t'

export function Sources({ sources }: { sources: Source[] }) {
  const t = useT()
  if (sources.length === 0) return null
  return (
    <nav className="sources" aria-label={t('sources.title')}>
      <p className="sources-title">{t('sources.title')}</p>
      <ol>
        {sources.map((s) => {
          const href = safeHref(s.url)
          return (
            <li key={s.n} value={s.n}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
                  {s.title}
                </a>
              ) : (
                <span>{s.title}</span>
              )}
              <span className="source-host">{href ? new URL(href).hostname : ''}</span>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
