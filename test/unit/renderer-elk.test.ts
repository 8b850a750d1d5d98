// Mermaid's ELK, as the build hands it over (renderer/src/markdown/elk-worker.ts): one shared
// ELK behind `new ELK()`. Node has no Web Worker, so this exercises the fallback a page takes
// when its worker cannot start: the layout still comes back, computed on the page.
import { describe, expect, it } from 'vitest'
import SharedElk from '../../renderer/src/markdown/elk-worker'

describe('ELK for Mermaid', () => {
  it('lays a graph out without a worker', async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined')
    const graph = {
      id: 'root',
      layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' },
      children: [
        { id: 'a', width: 40, height: 20 },
        { id: 'b', width: 40, height: 20 },
      ],
      edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
    }
    const out = await new SharedElk().layout(graph)
    const [a, b] = out.children!
    // Laid out top to bottom: b below a, the edge routed between them.
    expect(b!.y!).toBeGreaterThan(a!.y! + 20)
    expect(out.edges?.[0]).toMatchObject({
      sections: [expect.objectContaining({ startPoint: expect.any(Object) })],
    })
  })
})
