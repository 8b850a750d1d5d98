// A tiny structured logger. The engine never prints; hosts decide where lines go.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void
}

export const silentLogger: Logger = { log() {} }

const SECRET = /(sk-[A-Za-z0-9_-]{6,}|Bearer\s+[A-Za-z0-9._~+/=-]+|eyJ[A-Za-z0-9._-]{10,})/g

/** Remove anything shaped like a key or token before it reaches a log line. */
export function redact(text: string): string {
  return text.replace(SECRET, '[redacted]')
}

/** A logger writing one line per entry to a stream (stderr for the CLI). */
export function streamLogger(write: (line: string) => void, min: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }
  return {
    log(level, message, fields) {
      if (order[level] < order[min]) return
      const extra = fields
        ? ' ' +
          Object.entries(fields)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(' ')
        : ''
      write(redact(`[${level}] ${message}${extra}`))
    },
  }
}
