import { definePlugin } from 'nitro'
import { nodeSupportWarning } from '~server/utils/lifecycle/node-support'

// The production start says so when the runtime is not a supported one (it still starts).
export default definePlugin(() => {
  const warning = nodeSupportWarning(process.version)
  if (warning)
    console.warn(`[pulse] warning: ${warning}`)
})
