// Runner glue: vitest's e2e project picks up *.e2e.test.ts; the smoke spec keeps the name the
// issue gives it (electron-smoke.spec.ts).
import './electron-smoke.spec'
