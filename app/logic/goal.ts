import type { Goal } from '~shared/types/api'
import { formatMoney } from './format'

export interface GoalStatus {
  /** 0..1 of the target collected (the ring). */
  progress: number
  text: string
  onPace: boolean
}

/** "$X to go, on pace" / "$X to go, behind by $Y" / "Goal reached". */
export function goalStatus(goal: Goal, currency: string): GoalStatus {
  const progress = goal.targetCents > 0 ? Math.min(1, Math.max(0, goal.collectedCents / goal.targetCents)) : 0
  if (goal.collectedCents >= goal.targetCents)
    return { progress, text: 'Goal reached', onPace: true }
  const toGo = `${formatMoney(goal.targetCents - goal.collectedCents, currency)} to go`
  const behind = goal.expectedByNowCents - goal.collectedCents
  if (behind <= 0)
    return { progress, text: `${toGo}, on pace`, onPace: true }
  return { progress, text: `${toGo}, behind by ${formatMoney(behind, currency)}`, onPace: false }
}
