// What read aloud says and how it is cut into `/audio/speech` requests.
import { describe, expect, it } from 'vitest'
import { sentences, speechChunks, speechText } from '../../main/core/speech/speech-text'
import { MAX_SPEECH_INPUT_CHARS } from '../../shared/speech'

describe('speechText', () => {
  it('reads Markdown as plain sentences', () => {
    const md = '# Title\n\nSome **bold** and `code` with a [link](https://x.y).\n\n- one\n- two'
    expect(speechText(md, 'skip').text).toBe('Title.\n\nSome bold and code with a link.\n\none\ntwo')
  })
  it('summarizes or skips fenced code blocks, counting them', () => {
    const md = 'Before.\n\n```ts\nconst a = 1\n```\n\n~~~\nx\ny\nz\n~~~\nAfter.'
    expect(speechText(md, 'summarize')).toEqual({
      text: 'Before.\n\nA code block in ts, 1 line.\n\nA code block, 3 lines.\n\nAfter.',
      codeBlocks: 2,
    })
    expect(speechText(md, 'skip')).toEqual({ text: 'Before.\n\nAfter.', codeBlocks: 2 })
  })
  it('an unclosed fence runs to the end (a streaming answer cut short)', () => {
    expect(speechText('Look:\n```js\nlet x', 'summarize').text).toBe('Look:\n\nA code block in js, 1 line.')
  })
})

describe('speechChunks', () => {
  it('the first request is one sentence; later ones join sentences', () => {
    const text = 'One. Two is here! Three? Four. Five.'
    expect(sentences(text)).toEqual(['One.', 'Two is here!', 'Three?', 'Four.', 'Five.'])
    expect(speechChunks(text)).toEqual(['One.', 'Two is here! Three? Four. Five.'])
  })
  it('a 2,000-word answer: short first request, none over the API limit, nothing lost', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog again and again today. '
    const text = sentence.repeat(154).trim() // ~2,000 words
    const chunks = speechChunks(text)
    expect(chunks[0]!.length).toBeLessThanOrEqual(200)
    expect(chunks.every((c) => c.length <= MAX_SPEECH_INPUT_CHARS)).toBe(true)
    expect(chunks.join(' ')).toBe(text)
    expect(chunks.length).toBeLessThan(20)
  })
  it('a sentence longer than a request is split at commas or spaces', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i},`).join(' ') + ' end.'
    const chunks = speechChunks(long)
    expect(chunks[0]!.length).toBeLessThanOrEqual(200)
    expect(chunks.join(' ')).toBe(long)
  })
})
