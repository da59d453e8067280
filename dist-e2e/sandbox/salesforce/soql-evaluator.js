"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.planSoql = planSoql;
exports.runSoql = runSoql;
const soql_parser_js_1 = require("@jetstreamapp/soql-parser-js");
const salesforce_id_1 = require("../../common/salesforce-id");
const api_error_1 = require("./api-error");
const clock_1 = require("./clock");
const schema_1 = require("./schema");
function planSoql(soql, schema, source, options) {
    let query;
    try {
        query = (0, soql_parser_js_1.parseQuery)(soql);
    }
    catch (err) {
        throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', `unexpected token: ${err.message}`);
    }
    return new Planner(soql, schema, source, options).plan(query);
}
/** Convenience for tests and the programmatic API: the projected records of a query. */
function runSoql(soql, schema, source, options) {
    const plan = planSoql(soql, schema, source, options);
    if (plan.countOnly)
        return { totalSize: plan.rows.length, records: [] };
    return { totalSize: plan.rows.length, records: plan.rows.map(plan.project) };
}
class Planner {
    soql;
    schema;
    source;
    options;
    constructor(soql, schema, source, options) {
        this.soql = soql;
        this.schema = schema;
        this.source = source;
        this.options = options;
    }
    plan(query) {
        const object = this.schema.object(query.sObject ?? '');
        if (!object) {
            throw new api_error_1.SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${query.sObject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
        }
        if (query.groupBy || query.having)
            throw this.unsupported('GROUP BY');
        const fields = query.fields ?? [];
        const countOnly = fields.some((f) => f.type === 'FieldFunctionExpression' && f.functionName?.toUpperCase() === 'COUNT' && f.parameters.length === 0);
        const aggregate = !countOnly && fields.some((f) => f.type === 'FieldFunctionExpression');
        const projectors = countOnly || aggregate ? [] : fields.map((f) => this.projector(object, f));
        const where = query.where ? this.predicate(object, query.where) : () => true;
        let rows = [];
        for (const row of this.source.rows(object.name, this.options.includeDeleted))
            if (where(row))
                rows.push(row);
        const orderBy = query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : [];
        if (orderBy.length)
            rows = this.sort(object, rows, orderBy);
        const offset = query.offset ?? 0;
        if (offset || query.limit !== undefined)
            rows = rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
        if (aggregate)
            return this.aggregate(object, fields, rows);
        const url = (o, id) => `/services/data/v${this.options.apiVersion}/sobjects/${o.name}/${String(id)}`;
        const project = (row) => {
            const out = { attributes: { type: object.name, url: url(object, row.Id) } };
            for (const p of projectors)
                p(row, out, url);
            return out;
        };
        return { object, rows, countOnly, project };
    }
    aggregate(object, fields, rows) {
        const result = { attributes: { type: 'AggregateResult' } };
        fields.forEach((f, i) => {
            if (f.type !== 'FieldFunctionExpression' || f.functionName?.toUpperCase() !== 'COUNT')
                throw this.unsupported(`${f.type} in an aggregate query`);
            const param = f.parameters[0];
            if (typeof param !== 'string')
                throw this.unsupported('nested functions');
            const get = this.getter(object, param);
            result[f.alias ?? `expr${i}`] = rows.filter((r) => get(r) !== null).length;
        });
        return { object, rows: [result], countOnly: false, project: (r) => r };
    }
    // ---- SELECT ----
    projector(object, field) {
        if (field.type === 'Field') {
            const def = this.field(object, field.field);
            return (row, out) => {
                out[def.name] = row[def.name] ?? null;
            };
        }
        if (field.type === 'FieldRelationship') {
            const path = [...field.relationships, field.field];
            this.resolvePath(object, path); // validates
            return (row, out, url) => this.projectPath(object, row, path, out, url);
        }
        throw this.unsupported(field.type === 'FieldSubquery' ? 'child relationship subqueries' : field.type);
    }
    projectPath(object, row, path, out, url) {
        if (path.length === 1) {
            const def = (0, schema_1.fieldOf)(object, path[0]);
            if (def)
                out[def.name] = row[def.name] ?? null;
            else if (path[0].toLowerCase() === 'type')
                out.Type = object.name;
            return;
        }
        const ref = object.byRelationship.get(path[0].toLowerCase());
        const parent = typeof row[ref.name] === 'string' ? this.source.byId(row[ref.name]) : null;
        const key = ref.relationshipName;
        if (!parent) {
            if (!(key in out))
                out[key] = null;
            return;
        }
        const nested = out[key] ?? { attributes: { type: parent.object.name, url: url(parent.object, parent.row.Id) } };
        out[key] = nested;
        this.projectPath(parent.object, parent.row, path.slice(1), nested, url);
    }
    // ---- field resolution ----
    field(object, name) {
        const def = (0, schema_1.fieldOf)(object, name);
        if (!def)
            throw this.noSuchColumn(name, object.name);
        return def;
    }
    /** Validates a dotted path and returns the terminal field (null for the polymorphic Type). */
    resolvePath(object, path) {
        if (path.length === 1)
            return this.field(object, path[0]);
        const ref = object.byRelationship.get(path[0].toLowerCase());
        if (!ref) {
            throw new api_error_1.SalesforceApiError(400, 'INVALID_FIELD', this.located(path.join('.'), `Didn't understand relationship '${path[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`));
        }
        const targets = ref.referenceTo.map((n) => this.schema.object(n)).filter(Boolean);
        if (targets.length > 1 && path.length === 2 && path[1].toLowerCase() === 'type')
            return null;
        const errors = [];
        for (const target of targets) {
            try {
                return this.resolvePath(target, path.slice(1));
            }
            catch (err) {
                errors.push(err);
            }
        }
        throw errors[0];
    }
    getter(object, dotted) {
        const path = dotted.split('.');
        this.resolvePath(object, path);
        if (path.length === 1) {
            const name = this.field(object, path[0]).name;
            return (row) => (row[name] ?? null);
        }
        const walk = (obj, row, rest) => {
            if (rest.length === 1) {
                const def = (0, schema_1.fieldOf)(obj, rest[0]);
                if (def)
                    return (row[def.name] ?? null);
                return rest[0].toLowerCase() === 'type' ? obj.name : null;
            }
            const ref = obj.byRelationship.get(rest[0].toLowerCase());
            const parentId = row[ref.name];
            const parent = typeof parentId === 'string' ? this.source.byId(parentId) : null;
            return parent ? walk(parent.object, parent.row, rest.slice(1)) : null;
        };
        return (row) => walk(object, row, path);
    }
    /** Field type of a path's terminal field ('string' for the polymorphic Type). */
    typeOf(object, dotted) {
        return this.resolvePath(object, dotted.split('.'))?.type ?? 'string';
    }
    // ---- WHERE ----
    predicate(object, where) {
        const tokens = [];
        flatten(where, tokens);
        let pos = 0;
        const peek = () => tokens[pos];
        const expr = () => {
            let left = conj();
            while (peek()?.t === 'OR') {
                pos++;
                const l = left;
                const r = conj();
                left = (row) => l(row) || r(row);
            }
            return left;
        };
        const conj = () => {
            let left = unary();
            while (peek()?.t === 'AND') {
                pos++;
                const l = left;
                const r = unary();
                left = (row) => l(row) && r(row);
            }
            return left;
        };
        const unary = () => {
            const tok = peek();
            if (tok?.t === 'NOT') {
                pos++;
                const inner = unary();
                return (row) => !inner(row);
            }
            if (tok?.t === '(') {
                pos++;
                const inner = expr();
                if (peek()?.t !== ')')
                    throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', 'unbalanced parentheses in WHERE');
                pos++;
                return inner;
            }
            if (tok?.t === 'cond') {
                pos++;
                return this.condition(object, tok.c);
            }
            throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', 'unexpected token in WHERE');
        };
        const result = expr();
        if (pos !== tokens.length)
            throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', 'unexpected token in WHERE');
        return result;
    }
    condition(object, cond) {
        if (!('field' in cond))
            throw this.unsupported('functions in WHERE');
        const get = this.getter(object, cond.field);
        const type = this.typeOf(object, cond.field);
        const op = cond.operator;
        if ('valueQuery' in cond) {
            const sub = new Planner(this.soql, this.schema, this.source, { ...this.options, includeDeleted: false }).plan(cond.valueQuery);
            const subField = cond.valueQuery.fields?.[0];
            if (!subField || subField.type !== 'Field')
                throw this.unsupported('this semi-join');
            const subGet = this.getter(sub.object, subField.field);
            const values = new Set(sub.rows.map(subGet).filter((v) => v !== null));
            if (op === 'IN')
                return (row) => values.has(get(row));
            if (op === 'NOT IN')
                return (row) => !values.has(get(row));
            throw this.unsupported(`${op} with a subquery`);
        }
        const literalTypes = Array.isArray(cond.literalType) ? cond.literalType : [cond.literalType];
        const rawValues = Array.isArray(cond.value) ? cond.value : [cond.value];
        const nValues = 'dateLiteralVariable' in cond ? [].concat(cond.dateLiteralVariable) : [];
        const literals = rawValues.map((raw, i) => this.literal(type, raw, literalTypes[i] ?? literalTypes[0], nValues[i] ?? nValues[0]));
        switch (op) {
            case 'IN':
                return (row) => literals.some((lit) => matches(type, get(row), '=', lit));
            case 'NOT IN':
                return (row) => !literals.some((lit) => matches(type, get(row), '=', lit));
            case '=':
            case '!=':
            case '<':
            case '>':
            case '<=':
            case '>=':
            case 'LIKE': {
                const lit = literals[0];
                if (op === 'LIKE') {
                    const re = likeRegExp(String(lit.value ?? ''));
                    return (row) => {
                        const v = get(row);
                        return v !== null && re.test(String(v));
                    };
                }
                return (row) => matches(type, get(row), op, lit);
            }
            default:
                throw this.unsupported(`the ${op} operator`);
        }
    }
    literal(type, raw, literalType, n) {
        switch (literalType) {
            case 'STRING': {
                const text = raw.replace(/^'|'$/g, '').replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
                if (type === 'id' || type === 'reference') {
                    const id = (0, salesforce_id_1.toId18)(text);
                    if (!id)
                        throw new api_error_1.SalesforceApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
                    return { value: id };
                }
                return { value: text };
            }
            case 'NULL':
                return { value: null };
            case 'BOOLEAN':
                return { value: raw.toUpperCase() === 'TRUE' };
            case 'INTEGER':
            case 'DECIMAL':
                return { value: Number(raw) };
            case 'DATETIME': {
                const ms = (0, clock_1.parseDateTime)(raw);
                if (Number.isNaN(ms))
                    throw new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', `invalid datetime: ${raw}`);
                return { value: ms };
            }
            case 'DATE':
                return { value: Date.parse(`${raw}T00:00:00Z`) };
            case 'DATE_LITERAL':
            case 'DATE_N_LITERAL':
                return { value: null, range: dateRange(raw, n, this.options.now, this) };
            default:
                throw this.unsupported(`${literalType ?? 'this'} literal`);
        }
    }
    // ---- ORDER BY ----
    sort(object, rows, orderBy) {
        const keys = orderBy.map((clause) => {
            if (!('field' in clause))
                throw this.unsupported('ORDER BY a function');
            const desc = clause.order === 'DESC';
            return { get: this.getter(object, clause.field), type: this.typeOf(object, clause.field), desc, nullsFirst: clause.nulls ? clause.nulls === 'FIRST' : !desc };
        });
        return rows.sort((a, b) => {
            for (const key of keys) {
                const va = key.get(a);
                const vb = key.get(b);
                if (va === null || vb === null) {
                    if (va === vb)
                        continue;
                    return (va === null) === key.nullsFirst ? -1 : 1;
                }
                const c = compare(key.type, va, vb);
                if (c !== 0)
                    return key.desc ? -c : c;
            }
            return 0;
        });
    }
    // ---- errors ----
    noSuchColumn(name, objectName) {
        return new api_error_1.SalesforceApiError(400, 'INVALID_FIELD', this.located(name, `No such column '${name}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`));
    }
    /** The REST API prefixes SOQL errors with the query and a caret under the offending token. */
    located(token, message) {
        const index = Math.max(0, this.soql.indexOf(token));
        return `\n${this.soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\n${message}`;
    }
    unsupported(what) {
        return new api_error_1.SalesforceApiError(400, 'MALFORMED_QUERY', `The Salesforce stand-in does not support ${what}`);
    }
}
/** The parser gives WHERE as a right-leaning list with paren counts; turn it into tokens. */
function flatten(where, out) {
    const left = where.left;
    const isCondition = left && ('field' in left || 'fn' in left);
    for (let i = 0; i < (left?.openParen ?? 0); i++)
        out.push({ t: '(' });
    if (isCondition)
        out.push({ t: 'cond', c: left });
    for (let i = 0; i < (left?.closeParen ?? 0); i++)
        out.push({ t: ')' });
    if ('operator' in where && where.operator) {
        out.push({ t: where.operator });
        if (where.right)
            flatten(where.right, out);
    }
}
function toMs(type, v) {
    if (v === null)
        return null;
    if (typeof v === 'number')
        return v;
    if (type === 'date')
        return Date.parse(`${String(v)}T00:00:00Z`);
    return (0, clock_1.parseDateTime)(String(v));
}
function compare(type, a, b) {
    if (type === 'datetime' || type === 'date')
        return (toMs(type, a) ?? 0) - (toMs(type, b) ?? 0);
    if (typeof a === 'number' && typeof b === 'number')
        return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean')
        return Number(a) - Number(b);
    if (type === 'id' || type === 'reference')
        return a < b ? -1 : a > b ? 1 : 0;
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
}
function matches(type, value, op, lit) {
    if (lit.range) {
        const ms = toMs(type, value);
        if (ms === null)
            return op === '!=';
        const { start, end } = lit.range;
        switch (op) {
            case '=':
                return ms >= start && ms < end;
            case '!=':
                return ms < start || ms >= end;
            case '<':
                return ms < start;
            case '<=':
                return ms < end;
            case '>':
                return ms >= end;
            case '>=':
                return ms >= start;
        }
        return false;
    }
    if (value === null || lit.value === null) {
        if (op === '=')
            return value === lit.value;
        if (op === '!=')
            return value !== lit.value;
        return false;
    }
    const c = compare(type, value, lit.value);
    switch (op) {
        case '=':
            return c === 0;
        case '!=':
            return c !== 0;
        case '<':
            return c < 0;
        case '>':
            return c > 0;
        case '<=':
            return c <= 0;
        case '>=':
            return c >= 0;
    }
    return false;
}
function likeRegExp(pattern) {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length)
            re += escapeRe(pattern[++i]);
        else if (c === '%')
            re += '.*';
        else if (c === '_')
            re += '.';
        else
            re += escapeRe(c);
    }
    return new RegExp(`^${re}$`, 'is');
}
function escapeRe(c) {
    return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const DAY = 86_400_000;
function dateRange(literal, n, now, planner) {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const name = literal.split(':')[0].toUpperCase();
    const count = n ?? Number(literal.split(':')[1] ?? 0);
    switch (name) {
        case 'TODAY':
            return { start: today, end: today + DAY };
        case 'YESTERDAY':
            return { start: today - DAY, end: today };
        case 'TOMORROW':
            return { start: today + DAY, end: today + 2 * DAY };
        case 'LAST_N_DAYS':
            return { start: today - count * DAY, end: today + DAY };
        case 'NEXT_N_DAYS':
            return { start: today + DAY, end: today + (count + 1) * DAY };
        case 'N_DAYS_AGO':
            return { start: today - count * DAY, end: today - (count - 1) * DAY };
        default:
            throw planner.unsupported(`the date literal ${literal}`);
    }
}
//# sourceMappingURL=soql-evaluator.js.map