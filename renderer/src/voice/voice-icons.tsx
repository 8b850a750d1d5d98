// Icons of the voice controls, drawn with the Svg wrapper of components/icons.tsx.
import { Svg } from '../components/icons'

export const MicIcon = () => (
  <Svg>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
  </Svg>
)
/** Dictation: a microphone writing lines. */
export const DictateIcon = () => (
  <Svg>
    <rect x="4" y="3" width="5" height="9" rx="2.5" />
    <path d="M2 10a4.5 4.5 0 0 0 9 0M13 7h8M13 12h8M4 17h17" />
  </Svg>
)
export const SpeakerIcon = () => (
  <Svg>
    <path d="M11 5 6 9H3v6h3l5 4V5Z" />
    <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" />
  </Svg>
)
export const PauseIcon = () => (
  <Svg>
    <path d="M8 5v14M16 5v14" />
  </Svg>
)
