// The project rule "no import cycles", checked: every runtime import (not `import type`) between
// the source files of main/, preload/, shared/ and renderer/src, resolved as the bundler does
// (relative paths and the `@shared` alias), must form no cycle.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DIRS = ['main', 'preload', 'shared', 'renderer/src']

function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

/** Runtime imports of a file's text: `import x from`, `import {a} from`, `export … from`, `import('…')`. */
export function runtimeSpecifiers(text: string): string[] {
  const out: string[] = []
  const re =
    /^\s*(?:import|export)\s+(?!type\s)([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm
  for (const m of text.matchAll(re)) {
    const clause = m[1]
    // `import { type A, type B } from` is type-only too.
    if (
      clause &&
      /^\{[^}]*\}$/.test(clause.trim()) &&
      clause
        .trim()
        .slice(1, -1)
        .split(',')
        .every((s) => !s.trim() || /^type\s/.test(s.trim()))
    )
      continue
    out.push((m[2] ?? m[3] ?? m[4])!)
  }
  return out
}

function resolve(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('@shared/')) base = path.join(ROOT, 'shared', spec.slice(8))
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else return null
  for (const c of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c
  return null
}

/** One cycle (as a list of files) in the graph, or null. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>()
  const stack: string[] = []
  const visit = (n: string): string[] | null => {
    state.set(n, 1)
    stack.push(n)
    for (const m of graph.get(n) ?? []) {
      const s = state.get(m)
      if (s === 1) return [...stack.slice(stack.indexOf(m)), m]
      if (s === undefined) {
        const c = visit(m)
        if (c) return c
      }
    }
    stack.pop()
    state.set(n, 2)
    return null
  }
  for (const n of graph.keys())
    if (!state.has(n)) {
      const c = visit(n)
      if (c) return c
    }
  return null
}

describe('import cycles', () => {
  it('the checker sees a cycle when there is one, and skips type-only imports', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ])
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a'])
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull()
    const text = `import type { X } from './x'\nimport { type Y } from './y'\nimport { z } from './z'\nexport { w } from './w'\nimport './side'\nconst m = import('./lazy')\nimport { typesetSlot } from './gate'\nimport {\n  a,\n  type B,\n} from './multi'\nexport * from './all'`
    expect(runtimeSpecifiers(text)).toEqual(['./z', './w', './side', './lazy', './gate', './multi', './all'])
  })

  it('main, preload, shared and the renderer have none', () => {
    const graph = new Map<string, string[]>()
    for (const f of DIRS.flatMap((d) => sources(path.join(ROOT, d)))) {
      const deps = runtimeSpecifiers(fs.readFileSync(f, 'utf8'))
        .map((s) => resolve(f, s))
        .filter((x): x is string => x !== null)
      graph.set(
        path.relative(ROOT, f),
        deps.map((d) => path.relative(ROOT, d)),
      )
    }
    expect(graph.size).toBeGreaterThan(200)
    expect(findCycle(graph)).toBeNull()
  })
})
