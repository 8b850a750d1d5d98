// Whether a model and provider can take some attachments, in plain words. Shared, so the composer
// says it before sending and the engine refuses with the same reason if a turn gets through.
import type { AttachmentInfo } from './attachments'
import type { ModelInfo } from './wire/models'

/**
 * Why this model (and provider) cannot take these attachments, in plain words; null when it can.
 * Images need `image` among the model's input modalities; PDFs need a provider that takes files
 * (text files can be inlined instead).
 */
export function refusalReason(
  infos: readonly AttachmentInfo[],
  model: ModelInfo,
  providerTakesFiles: boolean,
): string | null {
  const images = infos.filter((i) => i.kind === 'image')
  if (images.length > 0 && !model.input_modalities.includes('image'))
    return `${model.display_name ?? model.slug} does not accept images (${images.map((i) => i.name).join(', ')}). Remove them or pick a model that does.`
  const pdfs = infos.filter((i) => i.mime === 'application/pdf')
  if (pdfs.length > 0 && !providerTakesFiles)
    return `This provider does not accept PDF files (${pdfs.map((i) => i.name).join(', ')}). Remove them or use OpenAI's service.`
  return null
}
