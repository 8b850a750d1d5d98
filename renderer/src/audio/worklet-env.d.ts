// The AudioWorkletGlobalScope names TypeScript's DOM lib does not declare.
declare global {
  const sampleRate: number
  const currentTime: number
  const currentFrame: number
  abstract class AudioWorkletProcessor {
    readonly port: MessagePort
    constructor(options?: AudioWorkletNodeOptions)
    abstract process(
      inputs: Float32Array[][],
      outputs: Float32Array[][],
      parameters: Record<string, Float32Array>,
    ): boolean
  }
  function registerProcessor(
    name: string,
    ctor: new (options?: AudioWorkletNodeOptions) => AudioWorkletProcessor,
  ): void
}
export {}
