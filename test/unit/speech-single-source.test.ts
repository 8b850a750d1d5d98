// One copy of the voice list and of the icon wrapper, and no dead speech exports (review finding):
// a second copy drifts, dead code misleads.
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { SPEECH_VOICES } from '@shared/speech'
import { DEFAULT_SPEECH_VOICE } from '../../main/core/speech/speak'

const root = path.resolve(__dirname, '../..')
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8')

describe('speech: one source for each thing', () => {
  it('the voice list lives in shared/speech.ts and settings use it', () => {
    expect(SPEECH_VOICES).toContain(DEFAULT_SPEECH_VOICE)
    const settings = read('renderer/src/voice/SpeechSettings.tsx')
    expect(settings).toMatch(/import \{[^}]*\bSPEECH_VOICES\b[^}]*\} from '@shared\/speech'/)
    expect(settings).not.toMatch(/'shimmer'/)
    expect(read('main/core/speech/speak.ts')).not.toMatch(/'shimmer'/)
  })

  it('voice icons reuse the Svg wrapper of components/icons.tsx', () => {
    const icons = read('renderer/src/voice/voice-icons.tsx')
    expect(icons).toMatch(/import \{ Svg \} from '..\/components\/icons'/)
    expect(icons).not.toMatch(/function Svg/)
  })

  it('the unused CODE_BLOCK_RULES and useSpeechPrefs are gone', () => {
    expect(read('main/core/speech/speech-text.ts')).not.toContain('CODE_BLOCK_RULES')
    expect(read('renderer/src/voice/speech-prefs.ts')).not.toContain('useSpeechPrefs')
  })
})
