import { parseQuietHoursWindow } from './quiet-hours-window';

describe('parseQuietHoursWindow', () => {
  it.each([
    ['08:00-21:00', { start: 480, end: 1260 }],
    [' 09:30 - 17:45 ', { start: 570, end: 1065 }],
    ['22:00-06:00', { start: 1320, end: 360 }],
    ['00:00-24:00', { start: 0, end: 1440 }],
  ])('reads %j', (text, window) => {
    expect(parseQuietHoursWindow(text)).toEqual(window);
  });

  it('reads off as no window', () => {
    expect(parseQuietHoursWindow('off')).toBeNull();
    expect(parseQuietHoursWindow('OFF')).toBeNull();
  });

  it.each(['8-21', '08:00', '25:00-06:00', '08:60-21:00', '24:00-06:00', '24:30-06:00', 'always'])('refuses %j', (text) => {
    expect(() => parseQuietHoursWindow(text)).toThrow();
  });
});
