// Binary payloads on the bridge (audio frames for issue 6). Ops and events declare such a field
// with `BinaryFrame`; IPC carries it by structured clone and the browser host's socket as a binary
// WebSocket frame (shared/bridge/frames.ts), never as base64.
import { z } from 'zod'

/** 20 ms of 24 kHz mono PCM16 is 960 bytes; this leaves room for larger frames and other rates. */
export const MAX_BINARY_FRAME_BYTES = 64 * 1024

export const BinaryFrame = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_BINARY_FRAME_BYTES, `frame larger than ${MAX_BINARY_FRAME_BYTES} bytes`)
