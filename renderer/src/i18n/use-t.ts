// `const t = useT()` then `t('id', {n})`: the component re-renders when the language changes.
import { useCallback, type ReactNode } from 'react'
import { useIntl } from 'react-intl'
import type { Values } from './intl'
import type { MessageId } from './messages/en'

export function useT() {
  const intl = useIntl()
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl])
}

/** Like `useT`, for messages whose values are elements (`Answered by {served}`). */
export function useTRich() {
  const intl = useIntl()
  return useCallback(
    (id: MessageId, values: Record<string, ReactNode>): ReactNode => intl.formatMessage({ id }, values),
    [intl],
  )
}
