/**
 * What Pulse says about the Node version it runs on, or null when it is a supported one: an even
 * (LTS) major from 22.12 on. Node 20.19+ still runs it (the build tools' floor) but reached its end of
 * life in April 2026; odd majors are never LTS; anything older lacks what the build relies on.
 */
export function nodeSupportWarning(version: string): string | null {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number)
  const upgrade = 'Run Pulse on Node 24 LTS (or 22.12+).'
  if (major === 20 && minor >= 19)
    return `Node ${version} reached its end of life in April 2026 (no more security fixes). ${upgrade}`
  if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12))
    return `Node ${version} is not supported: Pulse needs 20.19+ and is supported on 22.12+ and 24. ${upgrade}`
  if (major % 2 === 1)
    return `Node ${version} is an odd (short-lived, never LTS) release and is not supported. ${upgrade}`
  return null
}
