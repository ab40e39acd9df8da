/** The order of `n` sides in round `round`, from a Williams design (see load-loop.mjs). */
export function balancedOrder(n: number, round: number): number[]
