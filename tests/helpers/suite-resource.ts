import { afterAll, beforeAll } from 'vitest'

/**
 * Registers the `beforeAll` that creates one resource of a suite and the `afterAll` that disposes of
 * it; returns a getter for it, which fails clearly when read outside the suite's tests.
 */
export function useSuiteResource<T>(what: string, create: () => Promise<T>, dispose: (resource: T) => Promise<void>): () => T {
  let resource: T | undefined
  beforeAll(async () => {
    resource = await create()
  })
  afterAll(async () => {
    if (resource === undefined)
      return
    const created = resource
    resource = undefined
    await dispose(created)
  })
  return () => {
    if (resource === undefined)
      throw new Error(`${what} is only there inside the suite's hooks and tests`)
    return resource
  }
}
