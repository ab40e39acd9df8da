import type { ShallowRef } from 'vue'
import { shallowRef, watch } from 'vue'

export type ChimeKind = 'order' | 'payment'

export interface UseChimeReturn {
  /** Sound can play: enabled by a tap (browsers allow audio only after one). */
  enabled: ShallowRef<boolean>
  volume: ShallowRef<number>
  muted: ShallowRef<boolean>
  /** Call from a tap: creates (or resumes) the audio context. */
  enable: () => Promise<void>
  play: (kind: ChimeKind) => void
}

const KEY = 'pulse:counter:sound'

// A rising two-note chime for a new order; a brighter three-note one for a payment.
const NOTES: Record<ChimeKind, Array<{ hz: number, at: number, length: number, type: OscillatorType }>> = {
  order: [{ hz: 659.25, at: 0, length: 0.16, type: 'sine' }, { hz: 987.77, at: 0.14, length: 0.32, type: 'sine' }],
  payment: [{ hz: 1046.5, at: 0, length: 0.12, type: 'triangle' }, { hz: 1318.5, at: 0.1, length: 0.12, type: 'triangle' }, { hz: 1568, at: 0.2, length: 0.3, type: 'triangle' }],
}
const VIBRATION: Record<ChimeKind, number[]> = { order: [120], payment: [60, 50, 60] }

function readSettings(): { volume: number, muted: boolean } {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as { volume?: unknown, muted?: unknown } | null
    const volume = typeof saved?.volume === 'number' && saved.volume >= 0 && saved.volume <= 1 ? saved.volume : 0.7
    return { volume, muted: saved?.muted === true }
  }
  catch {
    return { volume: 0.7, muted: false }
  }
}

/** Short chimes with Web Audio (nothing to download), volume and mute remembered per device, and a vibration on phones. */
export function useChime(): UseChimeReturn {
  const saved = readSettings()
  const enabled = shallowRef(false)
  const volume = shallowRef(saved.volume)
  const muted = shallowRef(saved.muted)
  let context: AudioContext | null = null

  watch([volume, muted], () => {
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify({ volume: volume.value, muted: muted.value }))
    }
    catch {}
  })

  async function enable(): Promise<void> {
    const Context = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!Context)
      return
    context ??= new Context()
    if (context.state === 'suspended')
      await context.resume().catch(() => {})
    enabled.value = true
  }

  function play(kind: ChimeKind): void {
    if (!muted.value)
      globalThis.navigator?.vibrate?.(VIBRATION[kind])
    if (!context || !enabled.value || muted.value || volume.value === 0)
      return
    const start = context.currentTime + 0.02
    for (const note of NOTES[kind]) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = note.type
      oscillator.frequency.value = note.hz
      const peak = 0.4 * volume.value
      gain.gain.setValueAtTime(0.0001, start + note.at)
      gain.gain.exponentialRampToValueAtTime(peak, start + note.at + 0.015)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + note.length)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(start + note.at)
      oscillator.stop(start + note.at + note.length + 0.02)
    }
  }

  return { enabled, volume, muted, enable, play }
}
