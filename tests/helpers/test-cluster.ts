import type { TestCluster } from './cluster'
import { startCluster } from './cluster'
import { useSuiteResource } from './suite-resource'

/** What a cluster suite's tests use; read it inside hooks and tests only (it is filled by `beforeAll`). */
export interface TestClusterContext {
  readonly cluster: TestCluster
}

/**
 * Starts `count` instances on one fresh PostgreSQL database (and Redis with `redis`) before the suite's
 * tests and disposes of them after; hooks the suite registers after this call run once they are up.
 */
export function useTestCluster(count: number, options: Parameters<typeof startCluster>[1] = {}): TestClusterContext {
  const cluster = useSuiteResource('the test cluster', () => startCluster(count, options), started => started.dispose())
  return {
    get cluster() { return cluster() },
  }
}
