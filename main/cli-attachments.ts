// `assistant exec --image FILE --file FILE` (repeatable): read each file, check it by content and
// store it in the data folder; the turn then refers to the stored attachments by hash.
import fs from 'node:fs'
import path from 'node:path'
import { MAX_ATTACHMENTS_PER_TURN, type TurnAttachment } from '@shared/attachments'
import { ReasoningEffort } from '@shared/wire/request'
import { AttachmentError, AttachmentStore } from './core/attachments/store'

export class CliInputError extends Error {}

export async function storeCliAttachments(
  dataDir: string,
  images: readonly string[],
  files: readonly string[],
): Promise<TurnAttachment[]> {
  const all = [...images.map((f) => ({ f, image: true })), ...files.map((f) => ({ f, image: false }))]
  if (all.length > MAX_ATTACHMENTS_PER_TURN)
    throw new CliInputError(`at most ${MAX_ATTACHMENTS_PER_TURN} attachments per turn (got ${all.length})`)
  const store = new AttachmentStore(dataDir)
  const out: TurnAttachment[] = []
  for (const { f, image } of all) {
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(f)
    } catch (e) {
      throw new CliInputError(
        `cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      )
    }
    try {
      const info = await store.put(path.basename(f), bytes)
      if (image && info.kind !== 'image')
        throw new CliInputError(`${f} is not a PNG, JPEG, WebP or GIF image (use --file for other files)`)
      out.push({ id: info.id, name: info.name })
    } catch (e) {
      if (e instanceof AttachmentError) throw new CliInputError(e.message)
      throw e
    }
  }
  return out
}

export function parseEffort(value: string | undefined): ReasoningEffort | undefined {
  if (value === undefined) return undefined
  const parsed = ReasoningEffort.safeParse(value)
  if (!parsed.success)
    throw new CliInputError(`unknown effort "${value}" (one of ${ReasoningEffort.options.join(', ')})`)
  return parsed.data
}
