// Reads an app.asar's file table (for the packaging test): the archive starts with a Pickle-encoded
// JSON header; file contents follow it at `offset`s relative to the header's end.
import fs from 'node:fs'

export interface AsarFile {
  path: string
  size: number
  /** Stored in app.asar.unpacked instead of the archive. */
  unpacked: boolean
}

interface Node {
  files?: Record<string, Node>
  size?: number
  offset?: string
  unpacked?: boolean
}

export class Asar {
  readonly files = new Map<string, AsarFile>()
  private readonly offsets = new Map<string, number>()
  private readonly dataStart: number
  private readonly fd: number

  constructor(readonly archive: string) {
    this.fd = fs.openSync(archive, 'r')
    const head = Buffer.alloc(16)
    fs.readSync(this.fd, head, 0, 16, 0)
    const headerSize = head.readUInt32LE(4)
    const jsonSize = head.readUInt32LE(12)
    const json = Buffer.alloc(jsonSize)
    fs.readSync(this.fd, json, 0, jsonSize, 16)
    this.dataStart = 8 + headerSize
    this.walk(JSON.parse(json.toString('utf8')) as Node, '')
  }

  private walk(node: Node, prefix: string): void {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name
      if (child.files) this.walk(child, p)
      else this.files.set(p, { path: p, size: child.size ?? 0, unpacked: child.unpacked === true })
      if (child.offset !== undefined) this.offsets.set(p, Number(child.offset))
    }
  }

  read(p: string): Buffer {
    const f = this.files.get(p)
    const offset = this.offsets.get(p)
    if (!f || f.unpacked || offset === undefined) throw new Error(`${p} is not stored in ${this.archive}`)
    const out = Buffer.alloc(f.size)
    fs.readSync(this.fd, out, 0, f.size, this.dataStart + offset)
    return out
  }

  close(): void {
    fs.closeSync(this.fd)
  }
}
