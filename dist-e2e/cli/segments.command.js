"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.segmentsCommand = segmentsCommand;
const segments_1 = require("../messaging/segments");
/** `segments "<text>"`: the composer's live counter on the command line. */
async function segmentsCommand(args, io, config) {
    if (args.length === 0) {
        io.err('sms-crm-sync: segments needs the text, e.g. segments "Hi Ana, are you free at 3?"');
        return 2;
    }
    const { smsMaxSegments } = await config();
    const count = (0, segments_1.countSegments)(args.join(' '), smsMaxSegments);
    const unit = count.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units';
    io.out(`${count.encoding}: ${count.characters} characters, ${count.units} ${unit}, ${count.segments} segment(s) of ${count.perSegmentLimit}` +
        ` (max ${count.maxSegments}) — ${count.fits ? 'fits' : 'TOO LONG'}`);
    if (count.ucs2Characters.length) {
        io.out(`forces UCS-2: ${count.ucs2Characters.map((c) => JSON.stringify(c)).join(' ')} — replace them to get ${count.maxSegments > 1 ? 153 : 160} per segment`);
    }
    return count.fits ? 0 : 1;
}
//# sourceMappingURL=segments.command.js.map