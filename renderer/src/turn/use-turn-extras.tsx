// Everything a turn carries besides its text (issue 14), for App to wire in with a few lines:
// attachments (picker, paste, drop, screenshot), reasoning effort and verbosity (remembered per
// conversation), the conversation's instructions and, for a new chat, a preset.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Capabilities, Settings } from '@shared/bridge'
import type { Conversation } from '@shared/history'
import type { UserTurnOp } from '@shared/ops'
import type { ReasoningEffort, Verbosity } from '@shared/wire/request'
import { ATTACHMENT_LIMITS_TEXT } from '@shared/attachments'
import { refusalReason } from '@shared/attachment-policy'
import { bridge } from '../bridge'
import type { ModelsState } from '../components/ModelPicker'
import { Thumb } from '../attachments/Thumbs'
import { usePendingAttachments, useWindowFileInput } from '../attachments/use-pending'
import type { AttachmentChip } from '../attachments/chips'
import { EffortPicker, effortLevels } from './EffortPicker'
import { InstructionsButton, PresetPicker } from './Instructions'
import { ScreenshotPicker, type SourceList } from './ScreenshotPicker'
import { useT } from '../i18n/use-t'

interface Options {
  effort: ReasoningEffort | ''
  verbosity: Verbosity | ''
  instructions: string
  preset: string
}
const NONE: Options = { effort: '', verbosity: '', instructions: '', preset: '' }
const ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,application/pdf,text/*,.md,.txt,.json,.csv,.ts,.js,.py'

interface Args {
  cid: string | null
  models: ModelsState | null
  modelSlug: string
  settings: Settings | undefined
  caps: Capabilities | null
  setPicked: (slug: string) => void
  onError: (message: string) => void
}

export function useTurnExtras({ cid, models, modelSlug, settings, caps, setPicked, onError }: Args) {
  const t = useT()
  const key = cid ?? 'new'
  const [opts, setOpts] = useState<Record<string, Options>>({})
  const o = opts[key] ?? NONE
  const set = useCallback(
    (k: string, p: Partial<Options>) => setOpts((m) => ({ ...m, [k]: { ...(m[k] ?? NONE), ...p } })),
    [],
  )
  const pending = usePendingAttachments(key)
  const over = useWindowFileInput(pending.add, true)
  const fileInput = useRef<HTMLInputElement>(null)
  const info = models?.models.find((m) => m.slug === modelSlug)
  const presets = useMemo(() => settings?.presets ?? [], [settings?.presets])

  const applyPreset = useCallback(
    (id: string) => {
      const p = presets.find((x) => x.id === id)
      set('new', p ? { preset: id, instructions: p.instructions, effort: p.effort } : { ...NONE })
      setPicked(p?.model ?? settings?.model ?? '')
    },
    [presets, set, setPicked, settings?.model],
  )

  const { clear } = pending
  /** A new chat starts from the default preset. */
  const newChat = useCallback(() => {
    setOpts((m) => ({ ...m, new: NONE }))
    clear('new')
    if (settings?.defaultPreset) applyPreset(settings.defaultPreset)
  }, [applyPreset, clear, settings?.defaultPreset])

  // The first new chat after start also gets the default preset, once settings are known.
  const presetApplied = useRef(false)
  useEffect(() => {
    if (presetApplied.current || !settings) return
    presetApplied.current = true
    if (settings.defaultPreset && !cid) applyPreset(settings.defaultPreset)
  }, [settings, cid, applyPreset])

  const loaded = useCallback(
    (c: Conversation) => {
      const last = [...c.turns].reverse()
      set(c.summary.id, {
        effort: last.find((t) => t.effort)?.effort ?? '',
        verbosity: last.find((t) => t.verbosity)?.verbosity ?? '',
        instructions: c.instructions ?? '',
      })
    },
    [set],
  )

  const infos = pending.list.flatMap((p) => (p.info ? [p.info] : []))
  const refusal = info ? refusalReason(infos, info, settings?.provider.kind !== 'custom') : null

  /** The op fields for a turn sent now; moves a new chat's state to its id. Stable (reads `latest`). */
  const takeNow = useCallback(
    (conversationId: string): { fields: Partial<UserTurnOp>; chips: AttachmentChip[] } => {
      const levels = effortLevels(info)
      const fields: Partial<UserTurnOp> = {}
      if (pending.ready.length > 0) fields.attachments = pending.ready
      if (o.effort && levels.includes(o.effort)) fields.effort = o.effort
      if (o.verbosity && info?.support_verbosity) fields.verbosity = o.verbosity
      if (!cid && o.instructions) fields.instructions = o.instructions
      const chips = infos.map((i) => ({ id: i.id, kind: i.kind, name: i.name }))
      pending.clear()
      if (!cid) set(conversationId, { ...o, preset: '' })
      return { fields, chips }
    },
    [cid, info, infos, o, pending, set],
  )
  const latestTake = useRef(takeNow)
  latestTake.current = takeNow
  const take = useCallback((conversationId: string) => latestTake.current(conversationId), [])

  const saveInstructions = (text: string) => {
    set(key, { instructions: text })
    if (cid)
      void bridge
        .query('conversations.setInstructions', { id: cid, instructions: text })
        .catch((e: Error) => onError(e.message))
  }

  // The screenshot hotkey's capture arrives as an event; the shown conversation's composer takes it.
  const { addInfo } = pending
  useEffect(() => bridge.onEvent((e) => e.type === 'attachment_added' && addInfo(e.attachment)), [addInfo])

  // The button asks main which screens and windows it can capture, the user picks one in a small
  // picker, and main captures that one (the hotkey still takes the screen under the pointer).
  const [sources, setSources] = useState<SourceList | null>(null)
  const screenshot = () =>
    void bridge.query('screenshot.sources', {}).then(setSources, (e: Error) => onError(e.message))
  const pickSource = (id: string) => {
    setSources(null)
    void bridge
      .query('screenshot.captureSource', { id })
      .then(pending.addInfo, (e: Error) => onError(e.message))
  }

  const header: ReactNode = (
    <span className="turn-tools">
      {!cid && <PresetPicker presets={presets} value={o.preset} onPick={applyPreset} />}
      <InstructionsButton value={o.instructions} onSave={saveInstructions} />
    </span>
  )

  const tools: ReactNode = (
    <span className="turn-tools">
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        accept={ACCEPT}
        aria-label={t('attach.files')}
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          pending.add(Array.from(e.target.files ?? []))
          e.target.value = ''
        }}
      />
      <button
        type="button"
        className="btn ghost"
        onClick={() => fileInput.current?.click()}
        title={ATTACHMENT_LIMITS_TEXT}
      >
        {t('attach.attach')}
      </button>
      {caps?.screenshots && (
        <button
          type="button"
          className="btn ghost"
          onClick={screenshot}
          title={t('attach.screenshotTitle')}
          aria-expanded={sources !== null}
        >
          {t('attach.screenshot')}
        </button>
      )}
      {sources && <ScreenshotPicker list={sources} onPick={pickSource} onCancel={() => setSources(null)} />}
      <EffortPicker
        info={info}
        effort={o.effort}
        verbosity={o.verbosity}
        onEffort={(effort) => set(key, { effort })}
        onVerbosity={(verbosity) => set(key, { verbosity })}
      />
    </span>
  )

  const strip: ReactNode =
    pending.list.length > 0 || over ? (
      <div className="attach-strip" aria-label={t('attach.toSend')}>
        <div className="thumbs">
          {pending.list.map((p) =>
            p.info ? (
              <Thumb
                key={p.key}
                chip={{ id: p.info.id, kind: p.info.kind, name: p.info.name }}
                onRemove={() => pending.remove(p.key)}
              />
            ) : p.error ? (
              <p key={p.key} className="attach-error" role="alert">
                {p.error}{' '}
                <button type="button" className="btn ghost" onClick={() => pending.remove(p.key)}>
                  Dismiss
                </button>
              </p>
            ) : (
              <span
                key={p.key}
                className="thumb thumb-wait"
                aria-label={t('attach.adding', { name: p.name })}
              />
            ),
          )}
        </div>
        {refusal && (
          <p className="refusal" role="alert">
            {refusal}
          </p>
        )}
        <p className="limits">
          {over ? t('attach.drop') : ''}
          {ATTACHMENT_LIMITS_TEXT}
        </p>
      </div>
    ) : null

  return {
    header,
    tools,
    strip,
    dropping: over,
    blocked: pending.busy || refusal !== null,
    /** Attachments are ready to go: a message may then be sent without text. */
    hasAttachments: pending.ready.length > 0,
    take,
    loaded,
    newChat,
  }
}
