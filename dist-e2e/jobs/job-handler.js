"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobFailedError = void 0;
exports.isJobHandler = isJobHandler;
/**
 * Thrown by a job that fails after doing part of its work: the runner records these stats with
 * the failure (any other error is recorded with the stats reported so far).
 */
class JobFailedError extends Error {
    stats;
    constructor(message, stats) {
        super(message);
        this.stats = stats;
        this.name = 'JobFailedError';
    }
}
exports.JobFailedError = JobFailedError;
function isJobHandler(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const candidate = value;
    return (typeof candidate.run === 'function' &&
        typeof candidate.name === 'string' &&
        typeof candidate.lockKey === 'string' &&
        (typeof candidate.schedule === 'string' || candidate.schedule === null));
}
//# sourceMappingURL=job-handler.js.map