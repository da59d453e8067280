import { Fragment } from 'preact';
import { countSegments, SEGMENT_LIMITS } from '../../src/messaging/segments';

/**
 * The composer's live counter: the service's own segment counting (src/messaging/segments.ts),
 * run in the browser at each keystroke. Its text names the encoding and the segments, e.g.
 * "42/160 · GSM-7 · 1 segment"; beside it what is left, and the characters that force UCS-2.
 */
export function Counter(props: { id: string; body: string; maxSegments: number }) {
  const count = countSegments(props.body, props.maxSegments);
  const limits = SEGMENT_LIMITS[count.encoding];
  const allowed = props.maxSegments === 1 ? limits.single : limits.part * props.maxSegments;
  const shown = count.segments <= 1 || props.maxSegments === 1 ? limits.single : limits.part * count.segments;
  const left = allowed - count.units;
  return (
    <div id={props.id} class="counter">
      <p>
        <span class={count.fits ? 'count' : 'count over'} data-testid="sms-counter">
          {count.units}/{shown} · {count.encoding} · {count.segments} {count.segments === 1 ? 'segment' : 'segments'}
        </span>{' '}
        <span class={left < 0 ? 'over' : 'muted'}>
          {left >= 0 ? `${left} left` : `${-left} over the limit of ${allowed}${props.maxSegments === 1 ? ' (one segment)' : ''}`}
        </span>
      </p>
      {count.ucs2Characters.length > 0 && (
        <p class="ucs2">
          UCS-2 (70 per segment instead of 160) because of{' '}
          {count.ucs2Characters.map((c, i) => (
            <Fragment key={c}>
              {i > 0 && ', '}
              <kbd>{c}</kbd> <span class="muted">({codePoint(c)})</span>
            </Fragment>
          ))}
          . Replace {count.ucs2Characters.length === 1 ? 'it' : 'them'} to get GSM-7 back.
        </p>
      )}
    </div>
  );
}

const codePoint = (c: string) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
