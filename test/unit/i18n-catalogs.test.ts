// The catalogs stay complete: every locale has every English id with the same ICU arguments, every
// id the renderer uses exists, and no JSX shows a raw English literal (issue 16).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { en } from '../../renderer/src/i18n/messages/en'
import { es } from '../../renderer/src/i18n/messages/es'
import { zhCN } from '../../renderer/src/i18n/messages/zh-CN'
import { pickLocale } from '../../renderer/src/i18n/locales'
import { makeIntl } from '../../renderer/src/i18n/intl'
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../shared/bridge/settings'
import { migrateSettings } from '../../main/host/settings-migrate'
import { systemLocales } from '../../main/app/system-locales'

const LOCALES = { 'zh-CN': zhCN, es } as const
const ROOT = path.resolve(__dirname, '../../renderer/src')

function args(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue
    out.add(e.value)
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const o of Object.values(e.options)) args(o.value, out)
    if (e.type === TYPE.tag) args(e.children, out)
  }
  return out
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    if (statSync(p).isDirectory()) return f === 'i18n' ? [] : sources(p)
    return /\.tsx?$/.test(f) ? [p] : []
  })
}

describe('message catalogs', () => {
  const ids = Object.keys(en).sort()

  for (const [name, cat] of Object.entries(LOCALES))
    it(`${name} has exactly the English ids, with the same ICU arguments`, () => {
      expect(Object.keys(cat).sort()).toEqual(ids)
      for (const id of ids) {
        const want = [...args(parse(en[id as keyof typeof en]))].sort()
        const got = [...args(parse(cat[id as keyof typeof cat]))].sort()
        expect({ id, args: got }).toEqual({ id, args: want })
        expect(cat[id as keyof typeof cat].trim(), id).not.toBe('')
      }
    })

  it('every message id the renderer uses is defined', () => {
    const used = new Set<string>()
    for (const file of sources(ROOT)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\b(?:t|tr|rich)\(\s*'([^']+)'/g)) used.add(m[1]!)
      // Ids kept in tables (error codes, shortcut names).
      for (const m of text.matchAll(
        /(?<!query\()'((?:error|settings|voice|mcp|provider|tool|diag)\.[\w.]+)'/g,
      ))
        used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(50)
    const missing = [...used].filter((id) => !(id in en))
    expect(missing).toEqual([])
  })

  it('JSX has no raw user-visible English text or labels', () => {
    const offenders: string[] = []
    for (const file of sources(ROOT).filter((f) => f.endsWith('.tsx'))) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        const code = line.replace(/\{\/\*.*?\*\/\}/g, '').replace(/(^|\s)\/\/.*$/, '')
        // Elements passed as values of a catalog message (`rich('id', { cmd: <code>…</code> })`).
        // …and a code block's language name.
        if (/\brich\(|className="code-lang"/.test(code)) return
        const text =
          // A line of plain words (JSX text on its own line). Source lines are short, so no ReDoS.
          // eslint-disable-next-line security/detect-unsafe-regex
          /^\s*[A-Z][a-z]+(?: [a-z]+)+[.…]?\s*$/.test(code) ||
          /(?<![=-])>[^<>{}]*[A-Za-z]{3,}[^<>{}]*</.test(code)
        // URLs and identifiers (placeholder="http://…", "API_TOKEN") are not words to translate.
        const attr =
          /\b(?:title|aria-label|placeholder|alt|label)="(?![a-z]+:\/\/|[A-Z_]+")[^"]*[A-Za-z]{3,}/.test(code)
        if (text || attr) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(offenders).toEqual([])
  })

  it('formats plurals, numbers and dates per locale', () => {
    expect(makeIntl('es', es).formatMessage({ id: 'sidebar.found' }, { n: 1 })).toBe('1 encontrada')
    expect(makeIntl('es', es).formatMessage({ id: 'sidebar.found' }, { n: 3 })).toBe('3 encontradas')
    expect(makeIntl('zh-CN', zhCN).formatMessage({ id: 'sidebar.found' }, { n: 3 })).toBe('找到 3 个')
    expect(makeIntl('en', en).formatMessage({ id: 'context.title' }, { used: 12345, limit: 380000 })).toBe(
      '12,345 tokens used of an effective 380,000',
    )
    expect(
      makeIntl('es', es).formatMessage({ id: 'context.title' }, { used: 12345, limit: 380000 }),
    ).toContain('12.345')
  })
})

describe('pickLocale', () => {
  it('uses the setting, else the first supported OS/browser language, else English', () => {
    expect(pickLocale('es', ['zh-CN'])).toBe('es')
    expect(pickLocale('system', ['fr-FR', 'es-MX', 'en'])).toBe('es')
    expect(pickLocale('system', ['zh-Hans-CN'])).toBe('zh-CN')
    expect(pickLocale('system', ['zh-TW', 'en-GB'])).toBe('en')
    expect(pickLocale('system', ['de'])).toBe('en')
    expect(pickLocale(undefined, [])).toBe('en')
  })
})

describe('the language setting and the OS languages', () => {
  it('an existing settings file without `language` loads as `system`', () => {
    const { language: _dropped, ...old } = DEFAULT_SETTINGS
    const r = migrateSettings(old)
    expect(r.settings.language).toBe('system')
    expect(() => applySettingsPatch(r.settings, { language: 'fr' as 'es' })).toThrow(/language/)
  })

  it('Electron reports canonical, de-duplicated tags; a failing call gives none', () => {
    expect(
      systemLocales({
        getPreferredSystemLanguages: () => ['zh-hans-cn', 'en-US', 'bad tag!'],
        getLocale: () => 'en-US',
      }),
    ).toEqual(['zh-Hans-CN', 'en-US'])
    expect(
      systemLocales({
        getLocale: () => {
          throw new Error('not ready')
        },
      }),
    ).toEqual([])
  })
})
