"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SLACK_BYTES = exports.GarbageBound = void 0;
const node_v8_1 = require("node:v8");
const node_vm_1 = require("node:vm");
/**
 * Keeps the garbage of a long bulk loop (the mirror reading a million records page by page)
 * bounded, however node was started.
 *
 * V8 collects its old generation only when that has grown by a factor of what was live after the
 * last full collection, and with node's default heap limit (several GB) that factor is generous:
 * the pages a mirror has finished with pile up, ~170 MB of them for a 1,000,000-record first load,
 * though the live heap stays near 50 MB. `check()`, called once per page, asks for a full
 * collection when the heap (with the external memory of buffers) has grown by more than
 * `slackBytes` since the lowest point seen, so the process never holds more than that in garbage.
 * A collection costs tens of milliseconds, once per `slackBytes` of garbage (every ~20 pages).
 *
 * V8's `gc()` is reached without the `--expose-gc` flag by enabling it at run time and taking it
 * from a fresh context (or used directly when node was started with the flag).
 */
class GarbageBound {
    slackBytes;
    floor = heapInUse();
    constructor(slackBytes = exports.DEFAULT_SLACK_BYTES) {
        this.slackBytes = slackBytes;
    }
    check() {
        const now = heapInUse();
        if (now < this.floor)
            this.floor = now;
        if (now - this.floor < this.slackBytes)
            return;
        collectGarbage();
        this.floor = heapInUse();
    }
}
exports.GarbageBound = GarbageBound;
exports.DEFAULT_SLACK_BYTES = 48 * 2 ** 20;
function heapInUse() {
    const heap = (0, node_v8_1.getHeapStatistics)();
    return heap.used_heap_size + heap.external_memory;
}
let gc = null;
function collectGarbage() {
    gc ??= exposedGc();
    gc();
}
function exposedGc() {
    const given = globalThis.gc;
    if (typeof given === 'function')
        return given;
    (0, node_v8_1.setFlagsFromString)('--expose-gc');
    return (0, node_vm_1.runInNewContext)('gc');
}
//# sourceMappingURL=garbage-bound.js.map