// elkjs ships types for its API, not for the in-page worker stand-in (the fallback in elk-worker.ts).
declare module 'elkjs/lib/elk-worker.min.js' {
  export const Worker: new () => globalThis.Worker
}
