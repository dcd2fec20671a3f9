/**
 * A first-order structured perceptron (averaged) over hashed features, with Viterbi decoding and label constraints.
 * Features are integer ids in [0, 2^bits); weights are per (feature, label) plus a label-transition matrix.
 */
export interface Sequence {
  /** Feature ids for position i: feats[offsets[i] .. offsets[i+1]). */
  feats: Int32Array;
  offsets: Int32Array;
  /** Gold labels (training only). */
  gold?: Uint8Array;
  /** Labels forbidden at a position: mask bit per label (1 = forbidden). */
  forbid?: Uint8Array;
}

export class Perceptron {
  readonly size: number;
  w: Float32Array;
  trans: Float32Array;
  private u?: Float32Array;
  private ut?: Float32Array;
  private c = 1;

  constructor(readonly bits: number, readonly labels: number, readonly allowed: (prev: number, next: number) => boolean) {
    this.size = 1 << bits;
    this.w = new Float32Array(this.size * labels);
    this.trans = new Float32Array((labels + 1) * labels); // row `labels` = start
  }

  /** Viterbi decoding; `bias` is added to each label's emission score (recall/precision trade-off). */
  decode(seq: Sequence, bias?: ArrayLike<number>): Uint8Array {
    const L = this.labels;
    const n = seq.offsets.length - 1;
    const out = new Uint8Array(n);
    if (n === 0) return out;
    const score = new Float64Array(n * L);
    const back = new Int16Array(n * L);
    const emit = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      emit.fill(0);
      for (let k = seq.offsets[i]; k < seq.offsets[i + 1]; k++) {
        const base = seq.feats[k] * L;
        for (let y = 0; y < L; y++) emit[y] += this.w[base + y];
      }
      if (bias) for (let y = 0; y < L; y++) emit[y] += bias[y];
      const forbid = seq.forbid ? seq.forbid[i] : 0;
      for (let y = 0; y < L; y++) {
        if (forbid & (1 << y)) { score[i * L + y] = -Infinity; continue; }
        if (i === 0) {
          score[y] = this.allowed(L, y) ? emit[y] + this.trans[L * L + y] : -Infinity;
          back[y] = -1;
          continue;
        }
        let best = -Infinity, arg = 0;
        for (let p = 0; p < L; p++) {
          const sp = score[(i - 1) * L + p];
          if (sp === -Infinity || !this.allowed(p, y)) continue;
          const v = sp + this.trans[p * L + y];
          if (v > best) { best = v; arg = p; }
        }
        score[i * L + y] = best + emit[y];
        back[i * L + y] = arg;
      }
    }
    let best = -Infinity, arg = 0;
    for (let y = 0; y < L; y++) if (score[(n - 1) * L + y] > best) { best = score[(n - 1) * L + y]; arg = y; }
    if (best === -Infinity) return out; // all O
    for (let i = n - 1; i >= 0; i--) {
      out[i] = arg;
      arg = back[i * L + arg];
    }
    return out;
  }

  /** One training step: decode, then update toward the gold labels. Returns whether the sequence was wrong. */
  train(seq: Sequence): boolean {
    const gold = seq.gold!;
    const pred = this.decode(seq);
    const L = this.labels;
    this.u ??= new Float32Array(this.w.length);
    this.ut ??= new Float32Array(this.trans.length);
    let wrong = false;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i], p = pred[i];
      const gp = i === 0 ? L : gold[i - 1];
      const pp = i === 0 ? L : pred[i - 1];
      if (g !== p) {
        wrong = true;
        for (let k = seq.offsets[i]; k < seq.offsets[i + 1]; k++) {
          const base = seq.feats[k] * L;
          this.w[base + g] += 1; this.u[base + g] += this.c;
          this.w[base + p] -= 1; this.u[base + p] -= this.c;
        }
      }
      if (g !== p || gp !== pp) {
        this.trans[gp * L + g] += 1; this.ut[gp * L + g] += this.c;
        this.trans[pp * L + p] -= 1; this.ut[pp * L + p] -= this.c;
      }
    }
    this.c++;
    return wrong;
  }

  /** Replace weights by their averages (call once after training). */
  average(): void {
    if (!this.u || !this.ut) return;
    for (let k = 0; k < this.w.length; k++) this.w[k] -= this.u[k] / this.c;
    for (let k = 0; k < this.trans.length; k++) this.trans[k] -= this.ut[k] / this.c;
    this.u = undefined;
    this.ut = undefined;
  }

  /** Sparse export: [index, value] pairs of non-negligible weights, delta-encoded indices. */
  toJSON(): { bits: number; labels: number; idx: number[]; val: number[]; trans: number[] } {
    const idx: number[] = [], val: number[] = [];
    let last = 0;
    for (let k = 0; k < this.w.length; k++) {
      const v = this.w[k];
      if (Math.abs(v) < 1e-3) continue;
      idx.push(k - last);
      last = k;
      val.push(Math.round(v * 1000) / 1000);
    }
    return { bits: this.bits, labels: this.labels, idx, val, trans: [...this.trans].map((v) => Math.round(v * 1000) / 1000) };
  }

  static fromJSON(j: { bits: number; labels: number; idx: number[]; val: number[]; trans: number[] }, allowed: (p: number, n: number) => boolean): Perceptron {
    const p = new Perceptron(j.bits, j.labels, allowed);
    let k = 0;
    for (let i = 0; i < j.idx.length; i++) { k += j.idx[i]; p.w[k] = j.val[i]; }
    p.trans.set(j.trans);
    return p;
  }
}

// ---- hashing -------------------------------------------------------------------------------------------------------

/** FNV-1a of a string, 32-bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two 32-bit hashes. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
