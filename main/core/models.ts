// Model metadata (protocol.md §8): `/models` with client_version, an on-disk cache with ETag and
// TTL, refetch when a response reports a different `x-models-etag`, and a built-in catalog for
// providers without such an endpoint.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ModelInfo, ModelsResponse, type ModelsSource } from '@shared/wire/models'
import { BUILTIN_MODELS, findModel } from './models-catalog'
import { unaryRequest } from './http-get'
import { joinUrl, mergeHeaders, CLIENT_VERSION, type Provider } from './provider'
import type { Logger } from './log'
import type { ModelsList } from './api'

export type ModelsStrategy = 'online' | 'offline' | 'online_if_uncached'

const CacheFile = z.object({
  fetched_at: z.string(),
  etag: z.string().optional().nullable(),
  client_version: z.string().optional().nullable(),
  provider_url: z.string().optional().nullable(),
  models: z.array(ModelInfo),
})
type CacheFile = z.infer<typeof CacheFile>

export interface ModelsOptions {
  provider: Provider
  dataDir: string
  logger: Logger
  defaultHeaders: Record<string, string>
  ttlMs?: number
  clientVersion?: string
  now?: () => number
}

/** `major.minor.patch` with any pre-release suffix dropped. */
export function wholeVersion(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v)
  return m ? `${m[1]}.${m[2]}.${m[3]}` : v
}

export class ModelsManager {
  private models: ModelInfo[] | null = null
  private source: ModelsSource = 'builtin'
  private etag: string | null = null
  private inflight: Promise<void> | null = null
  private readonly file: string
  private readonly ttlMs: number
  private readonly version: string
  private readonly now: () => number

  constructor(private readonly opts: ModelsOptions) {
    this.file = path.join(opts.dataDir, 'models_cache.json')
    this.ttlMs = opts.ttlMs ?? 300_000
    this.version = wholeVersion(opts.clientVersion ?? CLIENT_VERSION)
    this.now = opts.now ?? Date.now
  }

  async list(strategy: ModelsStrategy = 'online_if_uncached'): Promise<ModelsList> {
    await this.ensure(strategy)
    const models = (this.models ?? BUILTIN_MODELS).filter((m) => m.visibility === 'list')
    const sorted = [...models].sort((a, b) => b.priority - a.priority)
    return { source: this.source, models: sorted, defaultModel: sorted[0]?.slug ?? 'gpt-5.2' }
  }

  /** Metadata for a slug: exact, else longest prefix, else a permissive default. */
  async info(slug: string): Promise<{ info: ModelInfo; source: ModelsSource }> {
    await this.ensure('online_if_uncached')
    const hit = findModel(this.models ?? BUILTIN_MODELS, slug)
    if (hit) return { info: hit.fallback ? { ...hit.info, slug } : hit.info, source: this.source }
    return { info: ModelInfo.parse({ slug, experimental_supported_tools: [] }), source: 'builtin' }
  }

  get currentSource(): ModelsSource {
    return this.source
  }

  /** A response carried `x-models-etag`: same ⇒ renew the TTL, different ⇒ refetch. */
  async onEtag(etag: string): Promise<void> {
    const cache = this.readCache()
    if (cache && cache.etag === etag) {
      this.writeCache({ ...cache, fetched_at: new Date(this.now()).toISOString() })
      return
    }
    await this.fetchRemote().catch((e: Error) =>
      this.opts.logger.log('warn', 'models refetch failed', { error: e.message }),
    )
  }

  private async ensure(strategy: ModelsStrategy): Promise<void> {
    if (this.models && strategy !== 'online') return
    if (this.inflight) return this.inflight
    this.inflight = this.load(strategy).finally(() => (this.inflight = null))
    return this.inflight
  }

  private async load(strategy: ModelsStrategy): Promise<void> {
    const cache = this.readCache()
    if (cache && strategy !== 'online') {
      const fresh = this.isFresh(cache)
      if (strategy === 'offline' || fresh) {
        this.models = cache.models
        this.etag = cache.etag ?? null
        this.source = 'cache'
        return
      }
    }
    if (strategy === 'offline') {
      this.models = BUILTIN_MODELS
      this.source = 'builtin'
      return
    }
    try {
      await this.fetchRemote()
    } catch (e) {
      this.opts.logger.log('info', 'no /models endpoint; using the built-in catalog', {
        reason: (e as Error).message,
      })
      if (cache) {
        this.models = cache.models
        this.source = 'cache'
      } else {
        this.models = BUILTIN_MODELS
        this.source = 'builtin'
      }
    }
  }

  private isFresh(cache: CacheFile): boolean {
    if (this.ttlMs <= 0) return false
    if (cache.client_version !== this.version) return false
    if (cache.provider_url && cache.provider_url !== this.opts.provider.baseUrl) return false
    const at = Date.parse(cache.fetched_at)
    return Number.isFinite(at) && this.now() - at <= this.ttlMs
  }

  private async fetchRemote(): Promise<void> {
    const p = this.opts.provider
    const url = joinUrl(p.baseUrl, 'models', { client_version: this.version, ...p.queryParams })
    const headers = mergeHeaders(p.headers, {}, this.opts.defaultHeaders, await p.auth.headers())
    if (this.etag) headers['If-None-Match'] = this.etag
    const res = await unaryRequest(url, { headers, agent: p.agent?.(new URL(url)) })
    if (res.status === 304 && this.models) return
    if (res.status !== 200) throw new Error(`GET /models answered HTTP ${res.status}`)
    const parsed = ModelsResponse.safeParse(JSON.parse(res.body))
    if (!parsed.success) throw new Error('GET /models answered in another shape (no "models" array)')
    const etagHeader = res.headers.etag
    this.models = parsed.data.models
    this.etag = typeof etagHeader === 'string' ? etagHeader : null
    this.source = 'remote'
    this.writeCache({
      fetched_at: new Date(this.now()).toISOString(),
      etag: this.etag,
      client_version: this.version,
      provider_url: p.baseUrl,
      models: parsed.data.models,
    })
  }

  private readCache(): CacheFile | null {
    try {
      const r = CacheFile.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')))
      return r.success ? r.data : null
    } catch {
      return null
    }
  }

  private writeCache(c: CacheFile): void {
    try {
      const tmp = `${this.file}.tmp`
      fs.writeFileSync(tmp, JSON.stringify(c))
      fs.renameSync(tmp, this.file)
    } catch (e) {
      this.opts.logger.log('warn', 'could not write the models cache', { error: (e as Error).message })
    }
  }
}
