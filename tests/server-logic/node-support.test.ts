import { describe, expect, it } from 'vitest'
import { nodeSupportWarning } from '~server/utils/lifecycle/node-support'

describe('nodeSupportWarning', () => {
  it('says nothing on an even major from 22.12 on', () => {
    for (const version of ['v22.12.0', 'v22.20.1', 'v24.0.0', 'v24.15.0', 'v26.1.0'])
      expect(nodeSupportWarning(version), version).toBeNull()
  })

  it('warns that Node 20 is past its end of life, yet runs', () => {
    expect(nodeSupportWarning('v20.19.0')).toMatch(/end of life/)
    expect(nodeSupportWarning('v20.20.2')).toMatch(/Node 24 LTS/)
  })

  it('calls older and odd versions unsupported', () => {
    for (const version of ['v18.20.4', 'v20.18.3', 'v22.11.0'])
      expect(nodeSupportWarning(version), version).toMatch(/not supported: Pulse needs 20\.19\+/)
    for (const version of ['v21.7.3', 'v23.11.0', 'v25.2.0'])
      expect(nodeSupportWarning(version), version).toMatch(/odd .* not supported/)
  })
})
