// Types by content (issue 14), and the transcript's attachment chips read from history parts.
import { describe, expect, it } from 'vitest'
import { sniff } from '../../main/core/attachments/sniff'
import { historyRows } from '../../renderer/src/state/rows'
import type { Conversation } from '@shared/history'

const bytes = (...xs: (number | string)[]) =>
  Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))))

describe('sniff', () => {
  it('knows each accepted type by its signature, whatever the name', () => {
    expect(sniff(bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0))).toBe('image/png')
    expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
    expect(sniff(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp')
    expect(sniff(bytes('GIF89a', 1, 0))).toBe('image/gif')
    expect(sniff(bytes('%PDF-1.7\n'))).toBe('application/pdf')
    expect(sniff(Buffer.from('\ufeffplain text, ünïcode\n\ttabbed\r\n'))).toBe('text/plain')
  })

  it('refuses binary that is none of them, and empty files', () => {
    expect(sniff(bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBeNull()
    expect(sniff(bytes('text', 0, 'with a NUL'))).toBeNull()
    expect(sniff(bytes(0xc3, 0x28))).toBeNull() // invalid UTF-8
    expect(sniff(new Uint8Array())).toBeNull()
  })
})

describe('transcript chips', () => {
  it('a user row lists its images and files; references stay references', () => {
    const id = 'a'.repeat(64)
    const conv: Conversation = {
      summary: { id: 'c', title: 't', createdAt: '', updatedAt: '', model: 'm', provider: 'p', turns: 0 },
      turns: [],
      items: [
        {
          kind: 'item',
          turnId: 't1',
          at: '',
          item: {
            type: 'message',
            role: 'user',
            content: [
              { type: 'input_text', text: 'look' },
              { type: 'input_image', image_url: `attachment:${id}`, detail: 'auto' },
              { type: 'input_file', filename: 'r.pdf', file_data: `attachment:${'b'.repeat(64)}` },
            ],
          },
        },
      ],
    }
    expect(historyRows(conv)).toEqual([
      {
        kind: 'user',
        id: 't1:0',
        text: 'look',
        attachments: [
          { id, kind: 'image', name: 'Image' },
          { id: 'b'.repeat(64), kind: 'file', name: 'r.pdf' },
        ],
      },
    ])
  })
})
