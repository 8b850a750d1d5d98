// The conversation of the branch benches (issue 13): `turns` turns on a main line, and at
// `branchPoints` evenly spaced turns (the last turn is one) an edited sibling one turn deep, made
// before the main line continues — so the main line is version 2/2 at each point. Written with the
// engine's own store, as the app writes it.
import { randomUUID } from 'node:crypto'
import { HistoryStore } from '../../main/core/history/store'
import { assistantMessage, userMessage } from '@shared/wire/items'

export interface BranchyConversation {
  id: string
  mainLeaf: string
  /** The edited siblings' turn ids, oldest first. */
  alternates: string[]
}

const done = {
  status: 'completed',
  model: 'gpt-5.2',
  serverModel: null,
  responseId: null,
  usage: null,
} as const
const ANSWER = 'The answer explains the steps in order, with an example and a short code block. '.repeat(8)

export const question = (t: number) => `Question ${t}: how do I do step ${t}?`
export const editedQuestion = (t: number) => `Edited question ${t}`

export function writeBranchyConversation(
  dataDir: string,
  turns: number,
  branchPoints: number,
  title = 'Branches everywhere',
): BranchyConversation {
  const store = new HistoryStore(dataDir)
  try {
    const id = randomUUID()
    store.create(id, 'openai', 'gpt-5.2')
    store.rename(id, title)
    const every = Math.floor(turns / branchPoints)
    const alternates: string[] = []
    let parent: string | null = null
    for (let t = 0; t < turns; t++) {
      if (t % every === every - 1 && alternates.length < branchPoints) {
        const alt = randomUUID()
        store.setLeaf(id, parent)
        store.beginTurn(id, alt)
        store.appendItem(id, alt, userMessage(editedQuestion(t)))
        store.appendItem(id, alt, assistantMessage(`Edited ${t}. ${ANSWER}`))
        store.appendTurn(id, { turnId: alt, ...done })
        alternates.push(alt)
        store.setLeaf(id, parent)
      }
      const turnId = randomUUID()
      store.beginTurn(id, turnId)
      store.appendItem(id, turnId, userMessage(t === 0 ? title : question(t)))
      store.appendItem(id, turnId, assistantMessage(`${t}. ${ANSWER}`))
      store.appendTurn(id, { turnId, ...done })
      parent = turnId
    }
    return { id, mainLeaf: parent!, alternates }
  } finally {
    store.close()
  }
}
