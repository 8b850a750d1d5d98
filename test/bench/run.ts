// `npm run bench`: every performance target, measured side by side in one run, printed as ratios.
import fs from 'node:fs'
import { CHROMIUM } from '../e2e/harness'
import { startBenchServer } from './bench-server'
import { responsesBench, type Row } from './responses-bench'
import { compressionBench } from './compression-bench'
import { voiceBench } from './voice-bench'
import { rendererBench } from './renderer-bench'
import { searchBench } from './search-bench'
import { attachmentsBench } from './attachments-bench'
import { sseFrameBench } from './sse-frame-bench'
import { speechSection } from './speech-bench'
import { compactionBench } from './compaction-bench'
import { branchesBench } from './branches-bench'
import { branchesPageBench } from './branches-page-bench'
import { backupBench } from './backup-bench'

const DELTAS = Number(process.env.BENCH_DELTAS ?? 200_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(8)
const row = (r: Row) => `  ${r.name.padEnd(28)} wall ${fmt(r.m.wallMs)} ms   client CPU ${fmt(r.m.cpuMs)} ms`

/** `BENCH_ONLY=responses,sse-frame,compression,search,compaction,renderer,voice,speech,attachments,branches,backup` runs a subset (default: all). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((x) => x.trim())
const want = (section: string) => !ONLY || ONLY.includes(section)

async function main() {
  if (want('responses')) await responsesSection()
  if (want('sse-frame')) await sseFrameSection()
  if (want('compression')) await compressionSection()
  if (want('search')) searchSection()
  if (want('compaction')) compactionSection()
  if (want('renderer')) await rendererSection()
  if (want('voice')) await voiceSection()
  if (want('speech')) await speechSection()
  if (want('attachments')) await attachmentsSection()
  if (want('branches')) await branchesSection()
  if (want('backup')) await backupSection()
}

async function branchesSection() {
  const b = await branchesBench()
  console.log(
    `\nSwitching branches: ${b.turns} turns, ${b.branchPoints} branch points (${b.megabytes.toFixed(1)} MB; issue 13)`,
  )
  console.log(
    `  engine: switch op → rows        median ${fmt(b.medianMs, 1)} ms for ${b.rows} rows (BranchOps, one read of the file, event validated)`,
  )
  if (!fs.existsSync(CHROMIUM)) return console.log('  Chromium: not installed, the window is not measured')
  for (const r of await branchesPageBench())
    console.log(
      `  ${r.name.padEnd(40)} ${r.value}  [${r.target}]${r.ok === null ? '' : r.ok ? ' OK' : ' MISSED'}`,
    )
}

async function backupSection() {
  const b = await backupBench()
  console.log(
    `\nBackup and restore: ${b.megabytes.toFixed(0)} MB (40 conversations, 384 incompressible attachments of 512 KB)`,
  )
  const ratio = b.tarMs === null ? null : b.backupMs / b.tarMs
  console.log(
    `  backup (streamed, checksummed)   ${fmt(b.backupMs)} ms${ratio === null ? '' : `   ${ratio.toFixed(2)}x tar -czf (${b.tarMs!.toFixed(0)} ms)  [<= 1.5x] ${ratio <= 1.5 ? 'OK' : 'MISSED'}`}`,
  )
  console.log(`  restore (verified, staged)      ${fmt(b.restoreMs)} ms`)
  console.log(`  restore again (merge, compared) ${fmt(b.mergeMs)} ms`)
  console.log(
    `  peak RSS growth ${b.peakRssMb.toFixed(0)} MB  [< 64 MB] ${b.peakRssMb < 64 ? 'OK' : 'MISSED'} · longest event-loop stall ${b.maxStallMs.toFixed(0)} ms  [< 50 ms] ${b.maxStallMs < 50 ? 'OK' : 'MISSED'} · ${b.progressEvents} progress callbacks`,
  )
}

async function attachmentsSection() {
  console.log('\nAttachments in Chromium (100 turns with an image each vs none; issue 14)')
  for (const r of await attachmentsBench())
    console.log(
      `  ${r.name.padEnd(40)} ${r.value}  [${r.target}]${r.ok === null ? '' : r.ok ? ' OK' : ' MISSED'}`,
    )
}

async function responsesSection() {
  console.log(
    `Responses stream: ${DELTAS.toLocaleString('en')} deltas, median of ${ROUNDS} rounds, server in a separate process\n`,
  )
  const server = await startBenchServer(DELTAS)
  try {
    const { sse, ws } = await responsesBench(server, DELTAS, ROUNDS)
    const [engine, sdk, hand] = sse as [Row, Row, Row]
    console.log('HTTP SSE (every event validated by the engine)')
    for (const r of sse) console.log(row(r))
    const vsSdk = sdk.m.wallMs / engine.m.wallMs
    const vsHand = engine.m.wallMs / hand.m.wallMs
    console.log(
      `  engine vs openai package: ${vsSdk.toFixed(2)}x faster (target >= 3x) ${vsSdk >= 3 ? 'OK' : 'MISSED'}`,
    )
    console.log(
      `  engine vs hand parser:    ${vsHand.toFixed(2)}x the time (target <= 1.5x) ${vsHand <= 1.5 ? 'OK' : 'MISSED'}\n`,
    )

    const [wEngine, wSdk, wBare] = ws as [Row, Row, Row]
    console.log('WebSocket (client process CPU time; wall time mostly measures the server on 2 cores)')
    for (const r of ws) console.log(row(r))
    const wsVsBare = wEngine.m.cpuMs / wBare.m.cpuMs
    console.log(`  engine vs openai package: ${(wSdk.m.cpuMs / wEngine.m.cpuMs).toFixed(2)}x less CPU`)
    console.log(
      `  engine vs bare ws loop:   ${wsVsBare.toFixed(2)}x the CPU (target <= 1.2x) ${wsVsBare <= 1.2 ? 'OK' : 'MISSED'}\n`,
    )
  } finally {
    server.stop()
  }
}

async function sseFrameSection() {
  const r = await sseFrameBench()
  const parser = r.parserMs / r.jsonParseMs
  const overHttp = r.httpMs / r.jsonParseMs
  console.log(
    `One ${r.megabytes} MB SSE frame in 1 KB writes (best of 5; JSON.parse of it: ${r.jsonParseMs.toFixed(1)} ms)`,
  )
  console.log(
    `  decode + SseParser        ${fmt(r.parserMs, 1)} ms   ${parser.toFixed(2)}x JSON.parse (target <= 3x) ${parser <= 3 ? 'OK' : 'MISSED'}`,
  )
  console.log(
    `  HTTP client, parsed event ${fmt(r.httpMs, 1)} ms   ${overHttp.toFixed(2)}x JSON.parse wall, ${(r.httpCpuMs / r.jsonParseMs).toFixed(2)}x in client CPU (server in another process; socket reads and zod included)\n`,
  )
}

async function compressionSection() {
  console.log('zstd request compression (level 3, median of 7)')
  for (const r of await compressionBench()) {
    console.log(
      `  ${r.label.padEnd(20)} ${fmt(r.before)} B -> ${fmt(r.after)} B   ratio ${r.ratio.toFixed(1)}x   ${r.ms.toFixed(2)} ms`,
    )
  }
}

function searchSection() {
  const s = searchBench()
  console.log(
    `\nConversation search (${s.conversations} conversations, ${s.megabytes.toFixed(1)} MB of history, median)`,
  )
  console.log(`  first query (reads every file)   ${fmt(s.coldMs, 1)} ms`)
  console.log(
    `  next keystrokes (indexed)        ${fmt(s.warmMs, 1)} ms   ${(s.coldMs / s.warmMs).toFixed(1)}x faster`,
  )
  console.log(`  after one conversation changed   ${fmt(s.oneChangedMs, 1)} ms`)
}

function compactionSection() {
  const b = compactionBench()
  console.log(
    `\nLoading a ${b.turns}-turn conversation (${b.megabytes.toFixed(1)} MB): rebuild the model input, fastest of 25`,
  )
  console.log(
    `  before compaction existed        ${fmt(b.todayMs, 1)} ms   ${b.inputItemsWithout} input items`,
  )
  console.log(
    `  now, no compaction record        ${fmt(b.withoutRecordMs, 1)} ms   ${(b.withoutRecordMs / b.todayMs).toFixed(2)}x`,
  )
  const ratio = b.withRecordMs / b.todayMs
  console.log(
    `  now, with a compaction record    ${fmt(b.withRecordMs, 1)} ms   ${ratio.toFixed(2)}x, ${b.inputItemsWith} input items  [<= 1.1x, no slower than before] ${ratio <= 1.1 ? 'OK' : 'MISSED'}`,
  )
}

async function rendererSection() {
  console.log('\nRenderer in Chromium (browser host + emulator; issue 5 budgets)')
  for (const r of await rendererBench())
    console.log(
      `  ${r.name.padEnd(40)} ${r.value}  [${r.target}]${r.ok === null ? '' : r.ok ? ' OK' : ' MISSED'}`,
    )
}

async function voiceSection() {
  console.log('\nVoice in Chromium (fake microphone, browser host + emulator realtime)')
  const v = await voiceBench()
  if (typeof v === 'string') console.log(`  ${v}`)
  else {
    const c = v.captureToSocket
    const p = v.firstAudioToPlayback
    console.log(
      `  capture -> socket (${v.frames} frames)      p50 ${c.p50.toFixed(1)} ms  p95 ${c.p95.toFixed(1)} ms beyond the 20 ms frame  [p95 < 30 ms] ${c.p95 < 30 ? 'OK' : 'MISSED'}`,
    )
    console.log(
      `  first audio -> playback (${p.samples} answers)  p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  [p95 < 50 ms] ${p.p95 < 50 ? 'OK' : 'MISSED'}`,
    )
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).message}`)
  process.exit(1)
})
