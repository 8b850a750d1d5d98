// Tool approvals wait per conversation: the model's call ids repeat across conversations.
import { describe, expect, it } from 'vitest'
import { ApprovalGate } from '../../main/core/tools/approval'
import { ToolApprovalOp } from '@shared/tools'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'

describe('ApprovalGate', () => {
  it('an answer in one conversation never decides the same call id in another', async () => {
    const gate = new ApprovalGate('ask', () => false)
    const signal = new AbortController().signal
    const inA = gate.decide({ conversationId: A, callId: 'call_1', server: 's', tool: 't' }, () => {}, signal)
    const inB = gate.decide({ conversationId: B, callId: 'call_1', server: 's', tool: 't' }, () => {}, signal)
    expect(gate.resolve(B, 'call_1', 'deny')).toBe(true)
    expect(gate.resolve(B, 'call_1', 'allow_once')).toBe(false)
    expect(await inB).toBe('deny')
    expect(gate.resolve(A, 'call_1', 'allow_once')).toBe(true)
    expect(await inA).toBe('allow')
  })

  it('the op must name its conversation', () => {
    expect(ToolApprovalOp.safeParse({ type: 'tool_approval', callId: 'c', decision: 'deny' }).success).toBe(
      false,
    )
    expect(
      ToolApprovalOp.safeParse({ type: 'tool_approval', conversationId: A, callId: 'c', decision: 'deny' })
        .success,
    ).toBe(true)
  })
})
