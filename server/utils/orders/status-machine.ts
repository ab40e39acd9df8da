import type { OrderStatus } from '~shared/types/api'
import { NEXT_STATUSES } from '~shared/domain'

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to)
}

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return NEXT_STATUSES[from]
}
