import { FORECAST_PARAMS } from '../../../src/reports/forecasts/forecastParams';
import { forecastRemaining } from '../../../src/reports/forecasts/forecastRemaining';
import { studentQuantile } from '../../../src/reports/forecasts/studentQuantile';

const weekdays = (n: number, from = 0) => Array.from({ length: n }, (_, i) => (from + i) % 7);

describe('forecastRemaining', () => {
    it('forecasts a steady weekly series close to its pattern with a narrow interval around the forecast', () => {
        const values = weekdays(84).map((w, i) => (w === 0 || w === 6 ? 40 : 100) * (1 + 0.02 * Math.sin(i)));
        const future = weekdays(14, 84);
        const { expected, lower, upper, origins } = forecastRemaining(values, weekdays(84), future, FORECAST_PARAMS);
        expect(expected).toBeGreaterThan(1160 * 0.97);
        expect(expected).toBeLessThan(1160 * 1.03);
        expect(lower).toBeLessThanOrEqual(expected);
        expect(upper).toBeGreaterThanOrEqual(expected);
        expect((upper! - lower!) / expected).toBeLessThan(0.1);
        expect(origins).toBe(84 - 28 - 14 + 1);
    });

    it('gives a bursty series a wide interval, and a finished month none', () => {
        const bursty = weekdays(84).map((_, i) => (i % 5 === 0 ? 500 : 20));
        const wide = forecastRemaining(bursty, weekdays(84), weekdays(14, 84), FORECAST_PARAMS);
        expect((wide.upper! - wide.lower!) / wide.expected).toBeGreaterThan(0.3);
        expect(forecastRemaining(bursty, weekdays(84), [], FORECAST_PARAMS)).toEqual({
            expected: 0,
            lower: 0,
            upper: 0,
            origins: 0,
        });
    });

    it('gives a series of one day a forecast but no interval: one day says nothing of how days vary', () => {
        const once = forecastRemaining([5000], [3], weekdays(10, 4), FORECAST_PARAMS);
        expect(once).toEqual({ expected: 50_000, lower: null, upper: null, origins: 0 });
        const twice = forecastRemaining([5000, 4000], [2, 3], weekdays(10, 4), FORECAST_PARAMS);
        expect(twice.upper! - twice.lower!).toBeGreaterThan(0);
    });

    it('widens with Student t quantiles', () => {
        expect(studentQuantile(0.9, 1)).toBeCloseTo(3.0777, 4);
        expect(studentQuantile(0.95, 4)).toBeCloseTo(2.1318, 4);
        expect(studentQuantile(0.9, 1e9)).toBeCloseTo(1.2816, 4);
    });
});
