"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.progressBar = progressBar;
exports.renderBar = renderBar;
/**
 * A one-line progress bar for a terminal: `Contact [########------------] 40% 40,000/100,000`,
 * redrawn in place at most every `intervalMs`.
 */
function progressBar(write, { width = 28, intervalMs = 100, now = Date.now } = {}) {
    let lastDraw = 0;
    let drawn = false;
    let lastLabel;
    let lastText = '';
    const draw = (text) => {
        const padding = lastText.length > text.length ? ' '.repeat(lastText.length - text.length) : '';
        write(`\r${text}${padding}`);
        lastText = text;
        drawn = true;
    };
    return {
        update(done, total, label) {
            const t = now();
            const complete = total !== null && done >= total;
            if (label === lastLabel && !complete && t - lastDraw < intervalMs)
                return;
            if (label !== lastLabel && drawn)
                write('\n');
            if (label !== lastLabel)
                lastText = '';
            lastLabel = label;
            lastDraw = t;
            const text = renderBar(done, total, label, width);
            if (text !== lastText)
                draw(text);
        },
        end() {
            if (drawn)
                write('\n');
            drawn = false;
        },
    };
}
function renderBar(done, total, label, width) {
    const name = label ? `${label} ` : '';
    if (total === null || total <= 0)
        return `${name}${done.toLocaleString('en-US')} records`;
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    return `${name}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
}
//# sourceMappingURL=progress-bar.js.map