import type { Goal } from '~shared/types/api'
import type { Translate } from './translate'
import { formatMoney } from './format'

export interface GoalStatus {
  /** 0..1 of the target collected (the ring). */
  progress: number
  text: string
  onPace: boolean
}

/** "$X to go, on pace" / "$X to go, behind by $Y" / "Goal reached". */
export function goalStatus(goal: Goal, currency: string, t: Translate): GoalStatus {
  const progress = goal.targetCents > 0 ? Math.min(1, Math.max(0, goal.collectedCents / goal.targetCents)) : 0
  if (goal.collectedCents >= goal.targetCents)
    return { progress, text: t('insights.goal.reached'), onPace: true }
  const toGo = formatMoney(goal.targetCents - goal.collectedCents, currency)
  const behind = goal.expectedByNowCents - goal.collectedCents
  if (behind <= 0)
    return { progress, text: t('insights.goal.onPace', { toGo }), onPace: true }
  return { progress, text: t('insights.goal.behind', { toGo, behind: formatMoney(behind, currency) }), onPace: false }
}
