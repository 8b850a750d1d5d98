// Backup archives (issue 13): a gzip'd tar whose first entry is `manifest.json` (this schema),
// listing every other entry with its size and SHA-256. Secrets are never in a backup.
import { z } from 'zod'

export const BACKUP_FORMAT = 'assistant.backup'
export const BACKUP_VERSION = 1

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string() })),
})
export type BackupManifest = z.infer<typeof BackupManifest>

export const RestoreSummary = z.object({
  conversations: z.object({ added: z.number(), updated: z.number(), kept: z.number() }),
  settings: z.enum(['restored', 'kept', 'absent']),
  attachments: z.object({ added: z.number(), kept: z.number() }),
})
export type RestoreSummary = z.infer<typeof RestoreSummary>

/**
 * How far a backup or restore is, in bytes: a backup reads every file (`reading`, for the
 * checksums) then writes the archive (`writing`); a restore checks the archive (`checking`, bytes
 * of the archive file) then puts its files in place (`restoring`, files).
 */
export const BackupProgress = z.object({
  task: z.enum(['backup', 'restore']),
  phase: z.enum(['reading', 'writing', 'checking', 'restoring']),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
})
export type BackupProgress = z.infer<typeof BackupProgress>
