import { resolve } from 'node:path'
import { spawnNode } from '../../../bench/lib/spawn.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface ScriptRun { code: number | null, stdout: string, stderr: string }

/** Runs `scripts/<name>.mjs` as `npm run` would (from the repository, with `env` added), to its end. */
export async function runScript(name: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  const child = spawnNode(['--disable-warning=ExperimentalWarning', resolve(ROOT, 'scripts', `${name}.mjs`), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  // 'close', not 'exit': by then the output has been read to its end.
  const code = await new Promise<number | null>(done => child.once('close', done))
  return { code, stdout, stderr }
}
