// Moved to the domain (the year-end forecast projects trajectories with the plan's shares).
export { checkpointDate, monthOfYear, plannedPercentAt } from '../../domain/project/checkpoints.js';
