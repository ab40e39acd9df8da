import type { ChildProcess } from 'node:child_process'

export interface StartPulseOptions {
  /** The build to run; PULSE_OUTPUT_DIR or `.output` when unset. */
  outputDir?: string
  env?: Record<string, string>
  dataDir?: string
  nodeArgs?: string[]
  keepData?: boolean
  waitForLog?: RegExp
}

export interface PulseServer {
  url: string
  port: number
  dataDir: string
  env: Record<string, string>
  logFile: string
  readonly child: ChildProcess
  readonly pid: number | undefined
  log: () => string
  output: () => string
  exited: () => Promise<number | null>
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
  restart: () => Promise<void>
  dispose: (signal?: NodeJS.Signals) => Promise<void>
}

export function resolveOutputDir(option?: string): string
export function serverEntry(outputDir: string): string
export function tempDir(prefix: string): string
export function waitForHealth(url: string, child: ChildProcess, describe: () => string, options?: { path?: string, timeoutMs?: number }): Promise<void>
export function startPulse(options?: StartPulseOptions): Promise<PulseServer>
export function streamCaps(streams: number): Record<string, string>
