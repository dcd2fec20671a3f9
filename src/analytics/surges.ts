/**
 * Surge detection over a bucketed count series (issue 5, Amplification).
 *
 * Two detectors run on the same series:
 *
 * Bursts — short spikes far above a robust, volume-adjusted baseline.
 *   - If `total` (corpus volume per bucket) is given, the model works on the narrative's share of the total:
 *     expected_t = total_t × seasonal_t × baselineShare_t, so a narrative that rises only because everything rose is
 *     not a surge. Without `total` the exposure is 1 per bucket (plain counts).
 *   - Weekly seasonality (day buckets; daily for hour buckets): a per-phase factor = trimmed mean rate on that
 *     weekday (top 10% dropped) / mean over phases, clamped to [1/3, 3]; 1 with fewer than 3 cycles.
 *   - Baseline share = mean of the deseasonalised rates over the trailing window after winsorising each at
 *     median + 3 spreads (MAD, or the Poisson sd at the median level when the MAD is zero), floored at half an
 *     event per window (Gamma posterior: shape = winsorised count + 0.5). Winsorising keeps earlier spikes out of the
 *     baseline; the prior stops an all-zero window from making a single mention a surge.
 *   - Score: the negative-binomial predictive upper tail P(X >= c) (Poisson count, Gamma-distributed baseline rate,
 *     so baselines estimated from few events count as uncertain) as a z score, capped by a normal score whose
 *     variance adds the window's MAD-based overdispersion. A bucket starts a burst when z >= threshold / sensitivity, the count
 *     is >= minCount and the count is >= minRatio × expected.
 *   - While a burst runs, the baseline is frozen at its onset value and buckets continue it at half the threshold
 *     (hysteresis); up to `maxGap` quiet buckets are bridged; a run closes after `maxRun` buckets at most.
 *   - magnitude = peak count / max(expected, 1) for bursts; for shifts the expected count per bucket after / before
 *     (before floored at 1), so a rise from nothing reads as "N mentions per bucket" rather than infinity.
 *   - A run with two clearly separated peaks is split at the valley between them (a peak whose prominence is at least
 *     (1 - splitRatio) of its height starts its own burst), so "onset / peak / end" describe one wave each.
 *
 * Shifts — lasting level changes: binary segmentation with a Poisson rate cost (exposure = total × seasonal),
 *   penalty max(12, 3·ln n) / sensitivity on the likelihood-ratio statistic divided by an overdispersion factor
 *   (deviance per degree of freedom of a first fit, at least 1). Segments are at least `minSegment` buckets; a
 *   change is reported when after/before >= minShiftRatio (upward by default; `shiftDirections: 'both'` for drops).
 *
 * Confidence = 1 − min(1, p × number of buckets tested) (Bonferroni over the series).
 */
import { DAY_MS, HOUR_MS, iso, logGamma, normalQuantileUpper, normalUpperTail } from './util.ts';

export type BucketUnit = 'hour' | 'day' | 'week';

export interface SurgeSeries {
  /** Start of the first bucket. */
  start: Date | string;
  counts: ArrayLike<number>;
  /** Corpus volume per bucket (same length as counts). */
  total?: ArrayLike<number>;
  bucket?: BucketUnit;
  /** Optional explicit ISO start of each bucket (e.g. from a time-zone aware timeline). */
  starts?: string[];
}

export interface SurgeOptions {
  bucket?: BucketUnit;
  /** > 1 finds more, < 1 fewer (divides the burst threshold and the shift penalty). Default 1. */
  sensitivity?: number;
  /** Burst z threshold before sensitivity (default 4, one-sided p ≈ 3e-5 per bucket). */
  threshold?: number;
  /** Minimum count in a bucket that starts or continues a burst (default 3). */
  minCount?: number;
  /** Minimum observed/expected ratio to start a burst (default 2). */
  minRatio?: number;
  /** Trailing baseline window in buckets (default: 28 days, 168 hours, 12 weeks). */
  baselineWindow?: number;
  /** Buckets of history needed before a bucket is tested (default: 7 days, 24 hours, 4 weeks). */
  minHistory?: number;
  /** Fewer buckets than this → insufficientData (default 2 × minHistory). */
  minBuckets?: number;
  /** Fewer mentions in the whole series than this → insufficientData (default 5). */
  minTotalCount?: number;
  /** Seasonal period in buckets, or false (default: 7 for days, 24 for hours, none for weeks). */
  seasonality?: number | false;
  /** Bridge up to this many quiet buckets inside a burst (default 1). */
  maxGap?: number;
  /** Longest burst in buckets before the baseline is refreshed (default = baselineWindow). */
  maxRun?: number;
  /** Valley/peak ratio under which a run is split into two bursts (default 0.35). */
  splitRatio?: number;
  /** Detect level shifts (default true). */
  shifts?: boolean;
  shiftDirections?: 'up' | 'both';
  /** Minimum segment length for shifts (default: 7 days, 24 hours, 4 weeks). */
  minSegment?: number;
  /** Minimum after/before rate ratio for a shift (default 1.5). */
  minShiftRatio?: number;
}

export interface Surge {
  kind: 'burst' | 'shift';
  onset: string;
  peak: string;
  end: string;
  /** burst: observed/expected at the peak; shift: after/before rate. */
  magnitude: number;
  /** 0..1, Bonferroni-corrected over the buckets tested. */
  confidence: number;
  onsetIndex: number;
  peakIndex: number;
  endIndex: number;
  /** Count in the peak bucket. */
  peakCount: number;
  /** Expected count in the peak bucket under the baseline. */
  expectedAtPeak: number;
  /** Sum of counts from onset to end. */
  count: number;
  /** Sum of (count − expected) from onset to end. */
  excess: number;
  zScore: number;
  /** Share of total at the peak (when totals were given). */
  peakShare?: number;
  /** Baseline share (burst) or before-share (shift) when totals were given, else counts per bucket. */
  baselineRate: number;
  /** Shift only: rate per bucket (share of total when totals were given) before and after the change. */
  before?: number;
  after?: number;
  direction?: 'up' | 'down';
}

export interface SurgeResult {
  surges: Surge[];
  insufficientData?: boolean;
  reason?: string;
  bucket: BucketUnit;
  /** Overdispersion factor used by the shift detector. */
  dispersion?: number;
}

interface Defaults { window: number; history: number; season: number | false; segment: number; ms: number }
const DEFAULTS: Record<BucketUnit, Defaults> = {
  hour: { window: 168, history: 24, season: 24, segment: 24, ms: HOUR_MS },
  day: { window: 28, history: 7, season: 7, segment: 7, ms: DAY_MS },
  week: { window: 12, history: 4, season: false, segment: 4, ms: 7 * DAY_MS },
};

/** Reusable scratch buffer (the detector is called for thousands of series). */
let scratchA = new Float64Array(256);

function medianOfSorted(a: Float64Array, n: number): number {
  return n % 2 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** Median of |a[i] - med| over a sorted array, by merging the two sides outward from the median: O(n). */
function madOfSorted(a: Float64Array, n: number, med: number): number {
  let hi = 0;
  while (hi < n && a[hi] < med) hi++;
  let lo = hi - 1;
  const target1 = (n - 1) >> 1;
  const target2 = n >> 1;
  let v1 = 0;
  for (let k = 0; k <= target2; k++) {
    let d: number;
    if (lo < 0) d = a[hi++] - med;
    else if (hi >= n) d = med - a[lo--];
    else if (med - a[lo] <= a[hi] - med) d = med - a[lo--];
    else d = a[hi++] - med;
    if (k === target1) v1 = d;
    if (k === target2) return (v1 + d) / 2;
  }
  return 0;
}

function zFromLogP(logP: number): number {
  if (logP >= 0) return -Infinity;
  const p = Math.exp(logP);
  if (p > 1e-300) return normalQuantileUpper(p);
  // asymptotic: z ≈ sqrt(-2 ln p − ln(-2 ln p) − ln 2π)
  const l = -2 * logP;
  return Math.sqrt(l - Math.log(l) - Math.log(2 * Math.PI));
}

/** Detects bursts and level shifts in one series. See the module comment for the model. */
export function detectSurges(series: SurgeSeries, opts: SurgeOptions = {}): SurgeResult {
  const bucket = opts.bucket ?? series.bucket ?? 'day';
  const d = DEFAULTS[bucket];
  const counts = series.counts;
  const n = counts.length;
  const totals = series.total;
  if (totals && totals.length !== n) throw new Error('detectSurges: total and counts differ in length');
  const sensitivity = opts.sensitivity ?? 1;
  const zThr = (opts.threshold ?? 4) / sensitivity;
  const minCount = opts.minCount ?? 3;
  const minRatio = opts.minRatio ?? 2;
  const W = opts.baselineWindow ?? d.window;
  const minHistory = Math.min(opts.minHistory ?? d.history, W);
  const minBuckets = opts.minBuckets ?? 2 * minHistory;
  const minTotal = opts.minTotalCount ?? 5;
  const maxGap = opts.maxGap ?? 1;
  const maxRun = opts.maxRun ?? W;
  const splitRatio = opts.splitRatio ?? 0.35;
  const startMs = typeof series.start === 'string' ? Date.parse(series.start) : series.start.getTime();
  if (!Number.isFinite(startMs)) throw new Error('detectSurges: invalid start');
  const at = (i: number) => (series.starts ? series.starts[i] : iso(startMs + i * d.ms));

  let sum = 0;
  let totSum = 0;
  for (let i = 0; i < n; i++) { sum += counts[i]; if (totals) totSum += totals[i]; }
  if (n < minBuckets) {
    return { surges: [], insufficientData: true, reason: `${n} ${bucket} buckets; at least ${minBuckets} are needed`, bucket };
  }
  if (sum < minTotal) {
    return { surges: [], insufficientData: true, reason: `${sum} mentions in the series; at least ${minTotal} are needed`, bucket };
  }
  if (totals && !(totSum > 0)) {
    return { surges: [], insufficientData: true, reason: 'total volume is zero in every bucket', bucket };
  }

  // Exposure and raw rates.
  const expo = new Float64Array(n);
  for (let i = 0; i < n; i++) expo[i] = totals ? Math.max(0, totals[i]) : 1;

  // Seasonal factors from medians of rates per phase.
  const period = opts.seasonality === undefined ? d.season : opts.seasonality;
  const season = new Float64Array(n).fill(1);
  if (period && n >= 3 * period) {
    const phase0 = bucket === 'day' ? (Math.floor(startMs / DAY_MS) + 3) % 7 : bucket === 'hour' ? Math.floor(startMs / HOUR_MS) % 24 : 0;
    // Per phase: mean rate after dropping the top 10% of that phase's buckets (keeps one-off spikes out);
    // factor = phase mean / mean of phase means, clamped to [1/3, 3].
    const byPhase: number[][] = Array.from({ length: period }, () => []);
    for (let i = 0; i < n; i++) if (expo[i] > 0) byPhase[(phase0 + i) % period].push(counts[i] / expo[i]);
    const trimmedMean = (a: number[]) => {
      const sorted = [...a].sort((x, y) => x - y);
      const keep = sorted.length - Math.floor(sorted.length * 0.1);
      let acc = 0;
      for (let k = 0; k < keep; k++) acc += sorted[k];
      return keep > 0 ? acc / keep : 0;
    };
    const means = byPhase.map((a) => (a.length >= 3 ? trimmedMean(a) : NaN));
    const valid = means.filter((v) => Number.isFinite(v));
    const overall = valid.reduce((acc, v) => acc + v, 0) / Math.max(1, valid.length);
    if (overall > 0 && valid.length === period) {
      const f = means.map((v) => Math.min(3, Math.max(1 / 3, v / overall)));
      const mean = f.reduce((acc, v) => acc + v, 0) / period;
      for (let i = 0; i < n; i++) season[i] = f[(phase0 + i) % period] / mean;
    }
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = expo[i] * season[i];

  // ---- Bursts ----
  // The trailing window [t-W, t) is kept as a sorted array, updated in O(W) per bucket.
  if (scratchA.length < W + 1) scratchA = new Float64Array(2 * W + 2);
  const win = scratchA;
  let m = 0;
  let wSum = 0;
  const winInsert = (v: number) => {
    let j = m - 1;
    while (j >= 0 && win[j] > v) { win[j + 1] = win[j]; j--; }
    win[j + 1] = v;
    m++;
  };
  const winRemove = (v: number) => {
    let j = 0;
    while (j < m && win[j] !== v) j++;
    for (; j < m - 1; j++) win[j] = win[j + 1];
    m--;
  };
  const expected = new Float64Array(n).fill(NaN);
  const zs = new Float64Array(n).fill(-Infinity);
  const runs: { s: number; e: number }[] = [];
  let tested = 0;
  let inRun = false;
  let frozenRate = 0;
  let frozenDisp = 0;
  let frozenShape = 1;
  let runStart = 0;
  let lastHit = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      // slide: add t-1, drop t-1-W
      const add = t - 1;
      if (w[add] > 0) { winInsert(counts[add] / w[add]); wSum += w[add]; }
      const drop = t - 1 - W;
      if (drop >= 0 && w[drop] > 0) { winRemove(counts[drop] / w[drop]); wSum -= w[drop]; }
    }
    if (w[t] <= 0) continue;
    const c = counts[t];
    if (inRun) {
      const e = w[t] * frozenRate;
      const z = scoreZ(c, e, frozenDisp * w[t], frozenShape);
      expected[t] = e;
      zs[t] = z;
      if (z >= zThr / 2 && c >= minCount) lastHit = t;
      if (t - lastHit > maxGap || t - runStart + 1 >= maxRun) {
        runs.push({ s: runStart, e: lastHit });
        inRun = false;
        if (lastHit === t) continue; // closed by maxRun on a hit: this bucket belongs to the run
      } else continue;
    }
    if (m < minHistory) continue;
    tested++;
    const med = medianOfSorted(win, m);
    const mad = 1.4826 * madOfSorted(win, m, med);
    // Winsorised pooled rate: each window value capped at median + 3 spreads (MAD, or the Poisson sd at the
    // median level when the MAD is zero), so earlier spikes cannot inflate the baseline.
    const wBar = wSum / m;
    const cap = med + 3 * Math.max(mad, Math.sqrt(Math.max(med * wBar, 1)) / wBar);
    let capped = 0;
    for (let k = 0; k < m; k++) capped += win[k] < cap ? win[k] : cap;
    // Gamma posterior of the rate: shape = winsorised count + 0.5, rate = window exposure.
    const shape = (capped / m) * wSum + 0.5;
    const rate = shape / wSum;
    const e = w[t] * rate;
    expected[t] = e;
    if (c < minCount || c < minRatio * e) continue;
    const z = scoreZ(c, e, mad * w[t], shape);
    zs[t] = z;
    if (z >= zThr) {
      inRun = true;
      frozenRate = rate;
      frozenDisp = mad;
      frozenShape = shape;
      runStart = t;
      lastHit = t;
    }
  }
  if (inRun) runs.push({ s: runStart, e: lastHit });

  const surges: Surge[] = [];
  for (const run of runs) {
    for (const part of splitRun(run.s, run.e, counts, expected, w, splitRatio)) {
      surges.push(makeBurst(part.s, part.e, counts, expected, zs, w, totals ? expo : null, tested, at));
    }
  }

  // ---- Shifts ----
  let dispersion: number | undefined;
  if (opts.shifts ?? true) {
    const minSeg = opts.minSegment ?? d.segment;
    const minShiftRatio = opts.minShiftRatio ?? 1.5;
    const dirs = opts.shiftDirections ?? 'up';
    const penalty = Math.max(12, 3 * Math.log(n)) / sensitivity;
    const { shifts, phi } = detectShifts(counts, w, minSeg, penalty);
    dispersion = phi;
    for (const s of shifts) {
      const ratio = s.after / Math.max(s.before, 0.5 / s.wBefore);
      const up = ratio >= 1;
      if (up ? ratio < minShiftRatio : 1 / ratio < minShiftRatio) continue;
      if (!up && dirs === 'up') continue;
      if (up && s.cAfter < minTotal) continue;
      let peak = s.cp;
      for (let i = s.cp; i <= s.end; i++) if (w[i] > 0 && counts[i] / w[i] > counts[peak] / (w[peak] || Infinity)) peak = i;
      const p = 2 * normalUpperTail(Math.sqrt(Math.max(0, s.lr)));
      let wAfter = 0;
      for (let i = s.cp; i <= s.end; i++) wAfter += w[i];
      wAfter /= s.end - s.cp + 1;
      let cnt = 0;
      let excess = 0;
      for (let i = s.cp; i <= s.end; i++) { cnt += counts[i]; excess += counts[i] - w[i] * s.before; }
      surges.push({
        kind: 'shift',
        onset: at(s.cp),
        peak: at(peak),
        end: at(s.end),
        magnitude: round((s.after * wAfter) / Math.max(s.before * wAfter, 1)),
        confidence: round(Math.max(0, 1 - Math.min(1, p * n))),
        onsetIndex: s.cp,
        peakIndex: peak,
        endIndex: s.end,
        peakCount: counts[peak],
        expectedAtPeak: round(w[peak] * s.before),
        count: cnt,
        excess: round(excess),
        zScore: round(Math.sqrt(Math.max(0, s.lr))),
        ...(totals ? { peakShare: round(totals[peak] > 0 ? counts[peak] / totals[peak] : 0) } : {}),
        baselineRate: round(s.before),
        before: round(s.before),
        after: round(s.after),
        direction: up ? 'up' : 'down',
      });
    }
  }
  surges.sort((a, b) => a.onsetIndex - b.onsetIndex || (a.kind < b.kind ? -1 : 1));
  return { surges, bucket, ...(dispersion !== undefined ? { dispersion: round(dispersion) } : {}) };
}

function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x) >= 1e-3 || x === 0 ? Math.round(x * 1e4) / 1e4 : Number(x.toPrecision(4));
}

/**
 * z score of count c against expected e: the upper tail of the negative-binomial predictive distribution (Poisson
 * count with a Gamma(shape, ·) rate posterior, so a baseline estimated from few events is treated as uncertain),
 * capped by a normal score whose variance also includes the window's MAD spread (overdispersion).
 */
function scoreZ(c: number, e: number, extraSd: number, shape: number): number {
  if (c <= e) return 0;
  const zNorm = (c - e) / Math.sqrt(e + (e * e) / shape + extraSd * extraSd);
  const zNB = zFromLogP(logNegBinUpperTail(c, shape, e));
  return Math.min(zNorm, zNB);
}

/** log P(X >= k) for X ~ NegBin(size r, mean mu). */
function logNegBinUpperTail(k: number, r: number, mu: number): number {
  if (k <= 0) return 0;
  const p = r / (r + mu); // success probability
  const logQ = Math.log1p(-p);
  let logTerm = logGamma(k + r) - logGamma(k + 1) - logGamma(r) + r * Math.log(p) + k * logQ;
  let logSum = logTerm;
  for (let i = k; i < k + 5000; i++) {
    logTerm += Math.log((i + r) / (i + 1)) + logQ;
    if (logTerm < logSum - 35) break;
    logSum += Math.log1p(Math.exp(logTerm - logSum));
  }
  return Math.min(0, logSum);
}

/** Splits a run at valleys between separated peaks (prominence rule), returning sub-runs trimmed to hits. */
function splitRun(s: number, e: number, counts: ArrayLike<number>, expected: Float64Array, w: Float64Array, splitRatio: number): { s: number; e: number }[] {
  const len = e - s + 1;
  if (len < 3) return [{ s, e }];
  const x = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const t = s + i;
    x[i] = w[t] > 0 && Number.isFinite(expected[t]) ? Math.max(0, (counts[t] - expected[t]) / w[t]) : 0;
  }
  // Local maxima and their prominence within the run.
  const major: number[] = [];
  for (let i = 0; i < len; i++) {
    const left = i === 0 ? -1 : x[i - 1];
    const right = i === len - 1 ? -1 : x[i + 1];
    if (!(x[i] > left && x[i] >= right)) continue;
    let colL = 0;
    let found = false;
    let minSeen = Infinity;
    for (let j = i - 1; j >= 0; j--) { minSeen = Math.min(minSeen, x[j]); if (x[j] > x[i]) { found = true; break; } }
    colL = found ? minSeen : 0;
    found = false;
    minSeen = Infinity;
    for (let j = i + 1; j < len; j++) { minSeen = Math.min(minSeen, x[j]); if (x[j] > x[i]) { found = true; break; } }
    const colR = found ? minSeen : 0;
    const prominence = x[i] - Math.max(colL, colR);
    if (prominence >= (1 - splitRatio) * x[i] && x[i] > 0) major.push(i);
  }
  if (major.length < 2) return [{ s, e }];
  const parts: { s: number; e: number }[] = [];
  let from = 0;
  for (let k = 0; k + 1 < major.length; k++) {
    let v = major[k];
    for (let j = major[k]; j <= major[k + 1]; j++) if (x[j] < x[v]) v = j;
    parts.push({ s: s + from, e: s + v - 1 });
    from = v + 1;
  }
  parts.push({ s: s + from, e });
  return parts.filter((p) => p.e >= p.s);
}

function makeBurst(
  s: number, e: number, counts: ArrayLike<number>, expected: Float64Array, zs: Float64Array, w: Float64Array,
  expo: Float64Array | null, tested: number, at: (i: number) => string,
): Surge {
  // Onset = first bucket with a positive excess; peak = largest excess rate; end = last bucket with positive excess.
  let peak = s;
  let best = -Infinity;
  let zMax = 0;
  let cnt = 0;
  let excess = 0;
  for (let t = s; t <= e; t++) {
    const ex = Number.isFinite(expected[t]) && w[t] > 0 ? (counts[t] - expected[t]) / w[t] : -Infinity;
    if (ex > best) { best = ex; peak = t; }
    if (zs[t] > zMax) zMax = zs[t];
    cnt += counts[t];
    if (Number.isFinite(expected[t])) excess += counts[t] - expected[t];
  }
  const eP = expected[peak];
  const p = normalUpperTail(zMax);
  const rate = w[peak] > 0 ? eP / w[peak] : 0;
  return {
    kind: 'burst',
    onset: at(s),
    peak: at(peak),
    end: at(e),
    magnitude: round(counts[peak] / Math.max(eP, 1)),
    confidence: round(Math.max(0, 1 - Math.min(1, p * Math.max(1, tested)))),
    onsetIndex: s,
    peakIndex: peak,
    endIndex: e,
    peakCount: counts[peak],
    expectedAtPeak: round(eP),
    count: cnt,
    excess: round(excess),
    zScore: round(zMax),
    ...(expo ? { peakShare: round(expo[peak] > 0 ? counts[peak] / expo[peak] : 0) } : {}),
    baselineRate: round(rate),
  };
}

interface RawShift { cp: number; end: number; before: number; after: number; wBefore: number; cAfter: number; lr: number }

/** Binary segmentation with a Poisson rate cost; returns changepoints with adjacent-segment rates. */
function detectShifts(counts: ArrayLike<number>, w: Float64Array, minSeg: number, penalty: number): { shifts: RawShift[]; phi: number } {
  const n = counts.length;
  const C = new Float64Array(n + 1);
  const Wp = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) { C[i + 1] = C[i] + (w[i] > 0 ? counts[i] : 0); Wp[i + 1] = Wp[i] + w[i]; }
  const ll = (s: number, e: number) => {
    const c = C[e] - C[s];
    const ww = Wp[e] - Wp[s];
    return c > 0 && ww > 0 ? c * Math.log(c / ww) : 0;
  };
  const segment = (phi: number): number[] => {
    const cps: number[] = [];
    const stack: [number, number][] = [[0, n]];
    while (stack.length) {
      const [s, e] = stack.pop()!;
      if (e - s < 2 * minSeg) continue;
      const whole = ll(s, e);
      let bestK = -1;
      let bestG = 0;
      for (let k = s + minSeg; k <= e - minSeg; k++) {
        const g = ll(s, k) + ll(k, e) - whole;
        if (g > bestG) { bestG = g; bestK = k; }
      }
      if (bestK >= 0 && (2 * bestG) / phi > penalty) {
        cps.push(bestK);
        stack.push([s, bestK], [bestK, e]);
      }
    }
    return cps.sort((a, b) => a - b);
  };
  // First pass with Poisson dispersion, then re-estimate the dispersion from the deviance of that fit.
  const first = segment(1);
  const bounds = [0, ...first, n];
  let dev = 0;
  let dof = 0;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const s = bounds[b];
    const e = bounds[b + 1];
    const rate = (C[e] - C[s]) / Math.max(1e-12, Wp[e] - Wp[s]);
    for (let i = s; i < e; i++) {
      if (w[i] <= 0) continue;
      const mu = rate * w[i];
      const c = counts[i];
      dev += 2 * ((c > 0 ? c * Math.log(c / Math.max(mu, 1e-12)) : 0) - (c - mu));
      dof++;
    }
  }
  dof -= bounds.length - 1;
  const phi = Math.max(1, dof > 0 ? dev / dof : 1);
  const cps = phi > 1 ? segment(phi) : first;
  const all = [0, ...cps, n];
  const shifts: RawShift[] = [];
  for (let b = 1; b + 1 < all.length; b++) {
    const s = all[b - 1];
    const cp = all[b];
    const e = all[b + 1];
    const wB = Wp[cp] - Wp[s];
    const wA = Wp[e] - Wp[cp];
    const before = (C[cp] - C[s]) / Math.max(wB, 1e-12);
    const after = (C[e] - C[cp]) / Math.max(wA, 1e-12);
    const lr = (2 * (ll(s, cp) + ll(cp, e) - ll(s, e))) / phi;
    shifts.push({ cp, end: e - 1, before, after, wBefore: wB, cAfter: C[e] - C[cp], lr });
  }
  return { shifts, phi };
}

// ---------------------------------------------------------------------------------------------------------------
// Drivers of a surge

export interface DriverMention {
  documentId: string;
  actorId?: string;
  actorName?: string;
  actorType?: string;
  stance?: string;
  at: string;
}

export interface DriverOptions {
  /** Bucket unit of the surge (default day). */
  bucket?: BucketUnit;
  /** Baseline = this many buckets before onset (default 28 days / 168 hours / 12 weeks). */
  baselineWindow?: number;
  /** Stances that count as amplification (default: everything but `refutes`). */
  stances?: string[];
  firstMovers?: number;
  maxEvidence?: number;
  maxDrivers?: number;
}

export interface Driver {
  key: string;
  name?: string;
  actorType?: string;
  /** Mentions inside the surge window. */
  count: number;
  /** Share of the surge window's mentions. */
  share: number;
  /** Share of the baseline window's mentions. */
  baselineShare: number;
  /** (share + ε) / (baselineShare + ε), ε = 1 / (surge + baseline mentions). */
  lift: number;
}

export interface DriverAttribution {
  window: { from: string; to: string };
  baseline: { from: string; to: string };
  mentions: number;
  baselineMentions: number;
  /** Mentions with stance `refutes` inside the window (counter-messaging). */
  counterMentions: number;
  actors: Driver[];
  actorTypes: Driver[];
  firstMovers: { documentId: string; actorId?: string; actorName?: string; actorType?: string; at: string }[];
  evidence: string[];
}

/**
 * Who drove a surge: per actor and per actor type, their share of the mentions inside [onset, end + 1 bucket)
 * against their share in the baseline window before onset; the earliest mentions in the window (first movers);
 * and the ids of the documents in the window (evidence, in time order).
 */
export function attributeDrivers(
  surge: Pick<Surge, 'onset' | 'end'>, mentions: DriverMention[], opts: DriverOptions = {},
): DriverAttribution {
  const d = DEFAULTS[opts.bucket ?? 'day'];
  const from = Date.parse(surge.onset);
  const to = Date.parse(surge.end) + d.ms;
  const bFrom = from - (opts.baselineWindow ?? d.window) * d.ms;
  const amplifying = opts.stances ? new Set(opts.stances) : null;
  const isAmp = (m: DriverMention) => (amplifying ? amplifying.has(m.stance ?? 'unknown') : m.stance !== 'refutes');
  const inWin: (DriverMention & { ms: number })[] = [];
  const inBase: DriverMention[] = [];
  let counter = 0;
  for (const m of mentions) {
    const ms = Date.parse(m.at);
    if (!Number.isFinite(ms)) continue;
    if (ms >= from && ms < to) {
      if (m.stance === 'refutes') counter++;
      if (isAmp(m)) inWin.push({ ...m, ms });
    } else if (ms >= bFrom && ms < from && isAmp(m)) inBase.push(m);
  }
  inWin.sort((a, b) => a.ms - b.ms || (a.documentId < b.documentId ? -1 : 1));
  const eps = 1 / Math.max(1, inWin.length + inBase.length);
  const tally = (keyOf: (m: DriverMention) => string | undefined) => {
    const win = new Map<string, { count: number; m: DriverMention }>();
    const base = new Map<string, number>();
    for (const m of inWin) { const k = keyOf(m); if (k === undefined) continue; const v = win.get(k); if (v) v.count++; else win.set(k, { count: 1, m }); }
    for (const m of inBase) { const k = keyOf(m); if (k === undefined) continue; base.set(k, (base.get(k) ?? 0) + 1); }
    const out: Driver[] = [];
    for (const [key, { count, m }] of win) {
      const share = count / inWin.length;
      const baselineShare = inBase.length ? (base.get(key) ?? 0) / inBase.length : 0;
      out.push({ key, name: m.actorName, actorType: m.actorType, count, share: round(share), baselineShare: round(baselineShare), lift: round((share + eps) / (baselineShare + eps)) });
    }
    out.sort((a, b) => b.count - a.count || b.lift - a.lift || (a.key < b.key ? -1 : 1));
    return out.slice(0, opts.maxDrivers ?? 50);
  };
  const actors = tally((m) => m.actorId ?? m.actorName);
  const actorTypes = tally((m) => m.actorType ?? 'unknown').map((x) => ({ key: x.key, count: x.count, share: x.share, baselineShare: x.baselineShare, lift: x.lift }));
  const firstMovers = inWin.slice(0, opts.firstMovers ?? 5).map((m) => ({ documentId: m.documentId, actorId: m.actorId, actorName: m.actorName, actorType: m.actorType, at: m.at }));
  const evidence: string[] = [];
  const seen = new Set<string>();
  for (const m of inWin) {
    if (seen.has(m.documentId)) continue;
    seen.add(m.documentId);
    evidence.push(m.documentId);
    if (evidence.length >= (opts.maxEvidence ?? 20)) break;
  }
  return {
    window: { from: iso(from), to: iso(to) },
    baseline: { from: iso(bFrom), to: iso(from) },
    mentions: inWin.length,
    baselineMentions: inBase.length,
    counterMentions: counter,
    actors,
    actorTypes,
    firstMovers,
    evidence,
  };
}
