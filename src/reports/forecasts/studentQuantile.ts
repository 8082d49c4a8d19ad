/**
 * Quantile `p` of Student's t distribution with `df` degrees of freedom (df may be fractional), found by bisection
 * on its CDF, which is computed from the regularised incomplete beta function (continued fraction, Lentz's method).
 * Accurate to about 1e-9; `df` of 1e9 gives the normal quantile.
 */
export function studentQuantile(p: number, df: number): number {
    let low = -1e3;
    let high = 1e3;
    for (let i = 0; i < 200 && high - low > 1e-10; i++) {
        const mid = (low + high) / 2;
        if (studentCdf(mid, df) < p) low = mid;
        else high = mid;
    }
    return (low + high) / 2;
}

function studentCdf(t: number, df: number): number {
    const tail = incompleteBeta(df / (df + t * t), df / 2, 0.5) / 2;
    return t >= 0 ? 1 - tail : tail;
}

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    let result = d;
    for (let m = 1; m <= 300; m++) {
        for (const numerator of [
            (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
            (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
        ]) {
            d = 1 + numerator * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            result *= c * d;
        }
        if (Math.abs(c * d - 1) < 1e-12) break;
    }
    return (front * result) / a;
}

/** ln Γ(z) for z > 0 (Lanczos approximation, g = 7). */
function lnGamma(z: number): number {
    const g = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
    const x = z - 1;
    let sum = g[0] ?? 1;
    for (let i = 1; i < g.length; i++) sum += (g[i] ?? 0) / (x + i);
    const t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
