// The browser host over real sockets, driven from Node: the access gate (token once, cookie,
// Host and Origin checks), static files with the CSP, and the bridge over the WebSocket against
// the emulator. The same flows in Chromium are in test/e2e/web-host.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import { createBridge, type BridgeEvent } from '@shared/bridge'
import { createWsTransport, type WebSocketLike } from '@shared/bridge/ws-transport'
import { encodeMessage } from '@shared/bridge/frames'
import { HostCore } from '../../main/host/core'
import { browserHostServices } from '../../main/host/web/services'
import { startWebServer, type WebServer } from '../../main/host/web/server'
import { APP_CSP } from '../../main/host/csp'
import { silentLogger } from '../../main/core/log'
import { startEmulator, type Emulator } from '../emulator/index'

let emu: Emulator
let server: WebServer
let core: HostCore
let dataDir: string
let cookie = ''
const TOKEN = 'test-token-0123456789abcdef'

function get(
  p: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${p}`, { headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
  })
}

function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/bridge`, { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => resolve(-1))
  })
}

beforeAll(async () => {
  emu = await startEmulator()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-host-'))
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'))
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Assistant</title>')
  fs.mkdirSync(path.join(rendererDir, 'assets'))
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const services = browserHostServices({
    dataDir,
    env: {},
    logger: silentLogger,
    version: 't',
    demo: { baseUrl: emu.openaiBase, apiKey: 'sk-test-emulator' },
  })
  core = new HostCore(services, silentLogger)
  server = await startWebServer({ core, rendererDir, logger: silentLogger, token: TOKEN })
})

afterAll(async () => {
  await server.close()
  await core.close()
  await emu.close()
})

describe('browser host access', () => {
  it('prints a link on 127.0.0.1 with the token', () => {
    expect(server.link).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`)
  })

  it('refuses requests without the token, with a wrong one, or from another Host', async () => {
    expect((await get('/')).status).toBe(403)
    expect((await get('/assets/app.js')).status).toBe(403)
    expect((await get('/?token=wrong')).status).toBe(403)
    expect((await get(`/?token=${TOKEN}`, { Host: 'evil.example' })).status).toBe(403)
    expect((await get(`/?token=${TOKEN}`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await get(`/?token=${TOKEN}`, { Origin: 'http://evil.example' })).status).toBe(403)
  })

  it('trades the token once for an HttpOnly session cookie, then serves files with the CSP', async () => {
    const first = await get(`/?token=${TOKEN}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const setCookie = String(first.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly; SameSite=Strict/)
    cookie = setCookie.split(';')[0]!
    expect((await get(`/?token=${TOKEN}`)).status).toBe(403) // the link works once
    const page = await get('/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(APP_CSP)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await get('/assets/app.js', { Cookie: cookie })).headers['content-type']).toMatch(/javascript/)
    // Paths cannot leave the renderer directory: this is the page again, not the file.
    const escape = await get('/../../../etc/passwd', { Cookie: cookie })
    expect(escape.body).toBe('<!doctype html><title>Assistant</title>')
    expect((await get('/assets/nope.js', { Cookie: cookie })).status).toBe(404)
  })

  it('opens the socket only for our page: cookie and our Origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`
    expect(await upgrade({ Origin: origin })).toBe(403)
    expect(await upgrade({ Cookie: cookie })).toBe(403)
    expect(await upgrade({ Cookie: cookie, Origin: 'http://evil.example' })).toBe(403)
    expect(await upgrade({ Cookie: cookie, Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403)
    expect(await upgrade({ Cookie: 'assistant_session=forged', Origin: origin })).toBe(403)
    expect(await upgrade({ Cookie: cookie, Origin: origin })).toBe(101)
  })
})

describe('the bridge over the socket', () => {
  const connect = () => {
    const origin = `http://127.0.0.1:${server.port}`
    const factory = (u: string) =>
      new WebSocket(u, { headers: { Cookie: cookie, Origin: origin } }) as unknown as WebSocketLike
    const transport = createWsTransport(`${server.url.replace('http', 'ws')}/bridge`, factory)
    return { transport, bridge: createBridge(transport, { report: () => undefined }) }
  }

  it('an op reaches the engine (and the emulator) and the events come back', async () => {
    const { bridge, transport } = connect()
    const events: BridgeEvent[] = []
    bridge.onEvent((e) => events.push(e))
    const caps = await bridge.query('host.capabilities', {})
    expect(caps).toMatchObject({
      host: 'browser',
      demo: true,
      tray: false,
      hotkeys: false,
      notifications: false,
    })
    emu.script({ steps: (await import('../emulator/scripts')).textAnswer('Round trip OK', { chunks: 4 }) })
    const id = randomUUID()
    await bridge.submit({ type: 'user_turn', conversationId: id, text: 'ping through the browser host' })
    await expect.poll(() => events.some((e) => e.type === 'turn_complete'), { timeout: 10_000 }).toBe(true)
    const text = events
      .filter((e) => e.type === 'agent_message_delta')
      .map((e) => (e as { delta: string }).delta)
      .join('')
    expect(text).toBe('Round trip OK')
    expect(
      events.every(
        (e) => !('conversationId' in e) || e.conversationId === undefined || e.conversationId === id,
      ),
    ).toBe(true)
    expect(JSON.stringify(emu.responsesRequests().at(-1)?.body)).toContain('ping through the browser host')
    const convs = await bridge.query('conversations.list', {})
    expect(convs.map((c) => c.id)).toContain(id)
    transport.close()
  })

  it('rejects bad ops with a clear error and carries binary frames without base64', async () => {
    const { bridge, transport } = connect()
    await expect(bridge.submit({ type: 'user_turn', text: '' })).rejects.toThrow(/invalid op: text/)
    // A binary frame decodes back into bytes that the realtime_audio op schema accepts…
    expect(await transport.op({ type: 'realtime_audio', frame: new Uint8Array(960) } as never)).toEqual({
      ok: true,
    })
    // …and a binary op of an unknown type is still refused by the host.
    const refused = await transport.op({ type: 'speak_binary', frame: new Uint8Array(960) } as never)
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^invalid op/) })
    expect(encodeMessage({ t: 'op', id: 1, op: { frame: new Uint8Array(960) } })).toBeInstanceOf(Uint8Array)
    transport.close()
  })

  it('uploads an attachment as binary, sends it with a turn, and returns its bytes and thumbnail', async () => {
    const { bridge, transport } = connect()
    const sharp = (await import('sharp')).default
    const png = new Uint8Array(
      await sharp(Buffer.alloc(600 * 400 * 3, 0x30), { raw: { width: 600, height: 400, channels: 3 } })
        .png()
        .toBuffer(),
    )
    const info = await bridge.query('attachments.put', { name: 'shot.png', data: png })
    expect(info).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      name: 'shot.png',
      width: 600,
      height: 400,
    })
    const full = await bridge.query('attachments.get', { id: info.id, thumbnail: false })
    expect(full.data).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(full.data).equals(Buffer.from(png))).toBe(true)
    const thumb = await bridge.query('attachments.get', { id: info.id, thumbnail: true })
    expect(thumb.mime).toBe('image/webp')
    expect((await sharp(thumb.data).metadata()).width).toBe(320)
    await expect(
      bridge.query('attachments.put', { name: 'x.bin', data: new Uint8Array([0, 1, 2]) }),
    ).rejects.toThrow(/not a supported kind of file/)
    // Over the limit: refused before it leaves the page.
    await expect(
      bridge.query('attachments.put', { name: 'big.txt', data: new Uint8Array(20 * 1024 * 1024 + 1) }),
    ).rejects.toThrow(/at most 20 MB/)
    await expect(
      bridge.query('attachments.get', { id: '../../etc/passwd', thumbnail: false } as never),
    ).rejects.toThrow(/not an attachment id/)
    await expect(bridge.query('screenshot.capture', {})).rejects.toThrow(/only available in the desktop app/)
    await expect(bridge.query('screenshot.sources', {})).rejects.toThrow(/only available in the desktop app/)
    await expect(bridge.query('screenshot.captureSource', { id: 'screen:1:0' })).rejects.toThrow(
      /only available in the desktop app/,
    )

    const events: BridgeEvent[] = []
    bridge.onEvent((e) => events.push(e))
    emu.script({ steps: (await import('../emulator/scripts')).textAnswer('A grey picture.') })
    const id = randomUUID()
    await bridge.submit({
      type: 'user_turn',
      conversationId: id,
      text: 'what is this?',
      attachments: [{ id: info.id, name: info.name }],
    })
    await expect.poll(() => events.some((e) => e.type === 'turn_complete'), { timeout: 10_000 }).toBe(true)
    const sent = (emu.responsesRequests().at(-1)?.body as { input: { content: { type: string }[] }[] }).input
    expect(sent.at(-1)?.content.map((p) => p.type)).toEqual(['input_text', 'input_image'])
    transport.close()
  })

  it('stores settings in the data dir and refuses to store the key', async () => {
    const { bridge, transport } = connect()
    const view = await bridge.query('settings.set', { theme: 'dark' })
    expect(view.settings.theme).toBe('dark')
    expect(view.secrets.openaiApiKey).toEqual({ set: true, source: 'demo' })
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).theme).toBe('dark')
    await expect(bridge.query('secrets.set', { name: 'openai_api_key', value: 'sk-live' })).rejects.toThrow(
      /does not store secrets/,
    )
    expect(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).not.toContain('sk-')
    const hotkeys = await bridge.query('hotkeys.status', {})
    expect(hotkeys.every((h) => h.state === 'unsupported')).toBe(true)
    const test = await bridge.query('proxy.test', { proxy: { mode: 'none', url: '' } })
    // The test request carries no credentials: any HTTP answer proves the network path.
    expect(test).toMatchObject({
      ok: true,
      via: 'direct',
      status: 401,
      message: expect.stringMatching(/server answered/),
    })
    transport.close()
  })
})
