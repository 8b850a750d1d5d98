import type { Messages } from './en'
export const zhCN: Messages = {} as Messages
