import type { ShallowRef } from 'vue'
import { shallowRef, watch } from 'vue'

const PRIVATE_KEY = 'pulse:counter:private'

function readPrivate(): boolean {
  try {
    return globalThis.localStorage?.getItem(PRIVATE_KEY) === 'on'
  }
  catch {
    return false
  }
}

/** Counter mode's "Hide money" switch, remembered on this device (a screen customers can see). */
export function useHiddenMoney(): ShallowRef<boolean> {
  const hidden = shallowRef(readPrivate())
  watch(hidden, (on) => {
    try {
      globalThis.localStorage?.setItem(PRIVATE_KEY, on ? 'on' : 'off')
    }
    catch {}
  })
  return hidden
}
