// Streaming Markdown: the block splitter (completed blocks never change, the tail grows), the
// block cache (a block is parsed once), and the URL policy for untrusted links.
import { describe, expect, it } from 'vitest'
import { BlockSplitter, splitBlocks } from '../../renderer/src/markdown/blocks'
import { LruCache, cached } from '../../renderer/src/markdown/block-cache'
import { decodeEntities, safeHref } from '../../renderer/src/markdown/safe-url'

const DOC = [
  '# Title',
  '',
  'A paragraph',
  'on two lines.',
  '',
  '```ts',
  'const a = 1',
  '',
  'const b = 2',
  '```',
  'After the fence.',
  '',
  '- item one',
  '',
  '    still item one (indented)',
  '- item two',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  'The end.',
].join('\n')

describe('block splitter', () => {
  it('splits at blank lines outside fences, keeps indented continuations, ends fences as blocks', () => {
    expect(splitBlocks(DOC)).toEqual([
      '# Title',
      'A paragraph\non two lines.',
      '```ts\nconst a = 1\n\nconst b = 2\n```',
      'After the fence.',
      '- item one\n\n    still item one (indented)\n- item two',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      'The end.',
    ])
  })

  it('streams the same blocks whatever the chunking, and completed blocks never change', () => {
    const whole = splitBlocks(DOC)
    for (const size of [1, 3, 7, 50]) {
      const s = new BlockSplitter()
      let text = ''
      let seen: string[] = []
      for (let i = 0; i < DOC.length; i += size) {
        text += DOC.slice(i, i + size)
        const { blocks, tail } = s.update(text)
        // Completed blocks are a growing prefix of the final ones.
        expect(blocks).toEqual(whole.slice(0, blocks.length))
        expect(blocks.slice(0, seen.length)).toEqual(seen)
        seen = blocks.slice()
        expect(blocks.join('').length + tail.length).toBeLessThanOrEqual(text.length)
      }
      const { blocks, tail } = s.update(text)
      expect([...blocks, tail.trim()].filter(Boolean)).toEqual(whole)
    }
  })

  it('follows an append-only chunk array and starts over when the array is replaced', () => {
    const s = new BlockSplitter()
    const chunks: string[] = []
    for (let i = 0; i < DOC.length; i += 5) {
      chunks.push(DOC.slice(i, i + 5))
      s.pushChunks(chunks, chunks.length)
    }
    // Then the final text arrives whole: it extends what streamed, nothing is re-split.
    const before = s.blocks.length
    const { blocks, tail } = s.update(`${DOC}\n`)
    expect(blocks.slice(0, before)).toEqual(splitBlocks(DOC).slice(0, before))
    expect([...blocks, tail.trim()].filter(Boolean)).toEqual(splitBlocks(DOC))
    const other = ['Other.\n\nText']
    expect(s.pushChunks(other, 1)).toMatchObject({ blocks: ['Other.'], tail: 'Text' })
  })

  it('an unfinished fence stays in the tail, however long', () => {
    const s = new BlockSplitter()
    const { blocks, tail } = s.update('Intro.\n\n```py\nprint(1)\n\nprint(2)\n')
    expect(blocks).toEqual(['Intro.'])
    expect(tail).toBe('```py\nprint(1)\n\nprint(2)\n')
  })

  it('starts over when the text is replaced (agent_message_reset)', () => {
    const s = new BlockSplitter()
    s.update('First.\n\nSecond')
    const { blocks, tail } = s.update('Other.\n\nText')
    expect(blocks).toEqual(['Other.'])
    expect(tail).toBe('Text')
  })

  it('resumes where it stopped: 5,000 appends keep every completed block', () => {
    const s = new BlockSplitter()
    let text = ''
    for (let i = 0; i < 5000; i++) {
      text += `para ${i} words words words\n\n`
      s.update(text)
    }
    // The last paragraph waits for the next line to know it is complete.
    const { blocks, tail } = s.update(text)
    expect(blocks).toHaveLength(4999)
    expect(blocks[4998]).toBe('para 4998 words words words')
    expect(tail).toBe('para 4999 words words words\n\n')
  })
})

describe('block cache', () => {
  it('renders a block once and evicts the least recently used', () => {
    const cache = new LruCache<string>(2)
    let renders = 0
    const render = (s: string) => {
      renders++
      return s.toUpperCase()
    }
    expect(cached(cache, 'a', render)).toBe('A')
    expect(cached(cache, 'a', render)).toBe('A')
    expect(renders).toBe(1)
    cached(cache, 'b', render)
    cached(cache, 'a', render) // a is now the most recent
    cached(cache, 'c', render) // evicts b
    expect(cache.size).toBe(2)
    cached(cache, 'b', render)
    expect(renders).toBe(4)
    expect(cache.hits).toBe(2)
  })
})

describe('untrusted links', () => {
  it('allows only https without credentials', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull()
    expect(safeHref('data:text/html,<script>')).toBeNull()
    expect(safeHref('http://example.com')).toBeNull()
    expect(safeHref('file:///etc/passwd')).toBeNull()
    expect(safeHref('https://user:pw@example.com')).toBeNull()
    expect(safeHref('/relative')).toBeNull()
  })

  it('decodes only the common entities', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &copy;')).toBe(
      `a & b <c> "d" 'e' &copy;`,
    )
  })
})
