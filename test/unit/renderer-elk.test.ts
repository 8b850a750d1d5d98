// Mermaid's ELK, as the build hands it over (renderer/src/markdown/elk-worker.ts): one shared
// ELK behind `new ELK()`. Node has no Web Worker, so this exercises the fallback a page takes
// when its worker cannot start: the layout still comes back, computed on the page.
import { describe, expect, it } from 'vitest'
import SharedElk, { copyLayout, plainGraph } from '../../renderer/src/markdown/elk-worker'

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
    const [a, b] = out.children! as { y?: number }[]
    // Laid out top to bottom: b below a, the edge routed between them.
    expect(b!.y!).toBeGreaterThan(a!.y! + 20)
    expect(out.edges?.[0]).toMatchObject({
      sections: [expect.objectContaining({ startPoint: expect.any(Object) })],
    })
  })

  it('posts plain data only and copies the layout back onto the graph Mermaid passed', () => {
    const draw = () => 'shape'
    const graph = {
      id: 'root',
      children: [{ id: 'a', width: 40, height: 20, shape: draw, labels: [{ text: 'A' }] }],
      edges: [{ id: 'e', sources: ['a'], targets: ['a'], meta: new Map() }],
    }
    const posted = plainGraph(graph)
    // Functions and non-plain objects cannot be posted to a worker: they are left out.
    expect(posted).toEqual({
      id: 'root',
      children: [{ id: 'a', width: 40, height: 20, labels: [{ text: 'A' }] }],
      edges: [{ id: 'e', sources: ['a'], targets: ['a'] }],
    })
    expect(() => structuredClone(posted)).not.toThrow()
    // What the worker sends back: the posted graph plus positions and edge sections.
    const laidOut = structuredClone(posted) as {
      children: Record<string, unknown>[]
      edges: Record<string, unknown>[]
    }
    Object.assign(laidOut.children[0]!, { x: 12, y: 34 })
    laidOut.edges[0]!.sections = [{ id: 's', startPoint: { x: 1, y: 2 }, endPoint: { x: 3, y: 4 } }]
    copyLayout(graph, laidOut)
    expect(graph.children[0]).toMatchObject({ x: 12, y: 34, shape: draw })
    expect(graph.children[0]!.shape).toBe(draw)
    expect((graph.edges[0] as Record<string, unknown>).sections).toEqual([
      { id: 's', startPoint: { x: 1, y: 2 }, endPoint: { x: 3, y: 4 } },
    ])
    expect(graph.edges[0]!.meta).toBeInstanceOf(Map)
  })
})
