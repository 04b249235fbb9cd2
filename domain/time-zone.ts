/** The zone of every business date and timestamp: budgets, facts and checkpoints are dated in Beijing time. */
export const ZONE = 'Asia/Shanghai';
