// The bridge between a page and its host, declared once: see shared/bridge/contract.ts for the
// channels, queries and events, and shared/bridge/client.ts for the `AssistantBridge` a page uses.
export * from './bridge/contract'
export * from './bridge/client'
export * from './bridge/settings'
export { BinaryFrame, MAX_BINARY_FRAME_BYTES } from './bridge/binary'
