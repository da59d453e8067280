"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.redactor = exports.Redactor = void 0;
exports.maskPhone = maskPhone;
exports.maskPhonesIn = maskPhonesIn;
/**
 * Log hygiene: phone numbers are masked to their last 4 digits and known secrets are replaced,
 * whatever part of a log line they appear in.
 */
const PHONE = /\+?\b1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\+\d{8,15}\b/g;
function maskPhone(phone) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 4)
        return '***';
    return `${phone.startsWith('+') ? '+' : ''}***${digits.slice(-4)}`;
}
function maskPhonesIn(text) {
    return text.replace(PHONE, (match) => maskPhone(match));
}
class Redactor {
    secrets = [];
    addSecrets(values) {
        for (const value of values)
            if (value && value.length >= 6 && !this.secrets.includes(value))
                this.secrets.push(value);
    }
    redact(text) {
        let out = text;
        for (const secret of this.secrets)
            out = out.split(secret).join('[REDACTED]');
        out = out.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [REDACTED]');
        out = out.replace(/([?&]access_token=)[^&\s"]+/g, '$1[REDACTED]');
        return maskPhonesIn(out);
    }
}
exports.Redactor = Redactor;
exports.redactor = new Redactor();
//# sourceMappingURL=redact.js.map