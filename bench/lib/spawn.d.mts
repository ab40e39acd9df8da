import type { ChildProcess, SpawnOptions } from 'node:child_process'

export function serverNode(): string
export function spawnNode(args: string[], options?: SpawnOptions, node?: string): ChildProcess
export function exited(child: ChildProcess): Promise<number | null>
export function terminate(child: ChildProcess, options?: { signal?: NodeJS.Signals, graceMs?: number }): Promise<number | null>
