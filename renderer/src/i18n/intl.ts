// The current IntlShape, for code outside components (labels built in helpers). Components use
// `useT()`, which also re-renders them when the language changes.
import { createIntl, createIntlCache, type IntlShape } from 'react-intl'
import { en, type MessageId, type Messages } from './messages/en'
import type { Locale } from './locales'

const cache = createIntlCache()
export type Values = Record<string, string | number | Date | null | undefined>

export function makeIntl(locale: Locale, messages: Messages): IntlShape {
  return createIntl(
    {
      locale,
      messages: { ...en, ...messages },
      defaultLocale: 'en',
      // A missing id must fail the catalog test, not spam the console in use.
      onError: () => undefined,
    },
    cache,
  )
}

let current = makeIntl('en', en)
export const setCurrentIntl = (intl: IntlShape) => void (current = intl)
export const currentIntl = () => current

/** Formats a catalog message in the current language. */
export function tr(id: MessageId, values?: Values): string {
  return current.formatMessage({ id }, values)
}
