// A small LRU of open history files. Appends come in bursts (one turn's items), so a handle is
// worth keeping while a conversation is active, but one per conversation forever ran a host out
// of descriptors (issue 11): at most `max` stay open, the least recently used is closed first.
import fs from 'node:fs'

export const MAX_OPEN_HISTORY_FILES = 16

export class FileHandles {
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly open = new Map<string, number>()

  constructor(private readonly max = MAX_OPEN_HISTORY_FILES) {}

  /** The descriptor for `key`, opening it with `openFile` when it is not open. */
  get(key: string, openFile: () => number): number {
    let fd = this.open.get(key)
    if (fd !== undefined) {
      this.open.delete(key)
      this.open.set(key, fd)
      return fd
    }
    fd = openFile()
    this.open.set(key, fd)
    while (this.open.size > this.max) {
      const oldest = this.open.keys().next().value as string
      this.close(oldest)
    }
    return fd
  }

  close(key: string): void {
    const fd = this.open.get(key)
    if (fd === undefined) return
    this.open.delete(key)
    try {
      fs.closeSync(fd)
    } catch {
      // Already closed (EBADF): nothing left to release.
    }
  }

  closeAll(): void {
    for (const key of [...this.open.keys()]) this.close(key)
  }

  get size(): number {
    return this.open.size
  }
}
