import { progressBar, renderBar } from './progress-bar';
import { describeStats } from './sync.command';

describe('sync command output', () => {
  it('draws a bar with counts, or a count when the total is unknown', () => {
    expect(renderBar(40_000, 100_000, 'Contact', 10)).toBe('Contact [####------] 40% 40,000/100,000');
    expect(renderBar(12, null, undefined, 10)).toBe('12 records');
  });

  it('redraws in place, throttled, and starts a new line for each object', () => {
    const out: string[] = [];
    let t = 0;
    const bar = progressBar((text) => out.push(text), { width: 4, intervalMs: 100, now: () => t });
    bar.update(0, 10, 'Account');
    t = 50;
    bar.update(5, 10, 'Account'); // throttled
    bar.update(10, 10, 'Account'); // complete: always drawn
    bar.update(0, 4000, 'Contact');
    bar.end();
    expect(out).toEqual(['\rAccount [----] 0% 0/10', '\rAccount [####] 100% 10/10', '\n', '\rContact [----] 0% 0/4,000', '\n']);
  });

  it('summarises records read / upserted / removed and the Salesforce API calls, always last', () => {
    expect(describeStats({ recordsRead: 100_000, recordsUpserted: 99_990, recordsRemoved: 10, phoneWarnings: 3, pages: 51, salesforceApiCalls: 52, durationMs: 4000 })).toBe(
      'read 100,000, upserted 99,990, removed 10, phone warnings 3, pages 51, Salesforce API calls 52',
    );
    expect(describeStats({ tasksWritten: 4 })).toBe('tasks written 4, Salesforce API calls 0');
  });
});
