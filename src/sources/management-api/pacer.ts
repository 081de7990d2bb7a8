/**
 * The pacer: a client-side model of the tenant's Management API rate limit, learned from what the
 * server answers rather than from what a header is assumed to mean. docs/pacing.md explains it.
 *
 * What it knows, and from where:
 * - `limit` (bucket size) from `x-ratelimit-limit`; the reserve is `ceil(reservePercent × limit)`.
 * - `tokens`: the tokens a new request may spend, re-synchronised on every answer to
 *   `x-ratelimit-remaining − (requests sent after the answered one) − (earlier ones still
 *   unanswered)`: each of them may not be counted yet, so this never over-estimates.
 * - `rate`: the *net* refill the audit can use, tokens/ms: a strict lower bound from two answers A
 *   and B about three seconds apart: (remaining_B − remaining_A + requests counted in between − 1
 *   − requests of unknown outcome) / (received_B − sent_A). Net of the tenant's own traffic by
 *   construction: what others take never shows up as refill.
 * - `x-ratelimit-reset` is used only when it agrees: read as "the bucket is full at", every answer
 *   with a deficit bounds the true refill from both sides; when those bounds intersect, are finite
 *   (a reset more than a second away) and do not contradict the observed net refill, the reset is
 *   trusted: as the refill before any net observation exists, and as the reference that shows how
 *   much the tenant's own traffic takes. A reset that is always "the next second" never gives a
 *   finite bound and so is never used.
 * - `others`: refill the audit does not see (reference refill − observed net refill), tokens/ms.
 *   The audit leaves it alone (it spends only the net refill) and keeps extra headroom for it.
 * - A 429 while the visible bucket still had tokens is a hidden bucket (a per-minute allowance):
 *   additive increase / multiplicative decrease of a send-rate cap, with the hidden refill measured
 *   between two such 429s (the hidden bucket is empty at both: accepted requests / elapsed time).
 *
 * A request starts only when `tokens` (plus the modelled net refill since the last answer) leaves
 * `reserve + 1 + headroom` tokens after it, and no sooner than the send-rate cap (`--max-rps`, the
 * hidden bucket's cap) allows.
 */

export interface PacerOptions {
  /** Share of the bucket (`x-ratelimit-limit`) never spent, percent (default 20). */
  reservePercent?: number;
  /** Requests started per second, at most (default: no cap). */
  maxRps?: number;
}

/** What the pacer saw and used, for the report's source section. */
export interface ApiUsage {
  /** Bucket size seen in `x-ratelimit-limit` (absent: the server sent no rate-limit headers). */
  limit?: number;
  /** The reserve asked for, percent of the bucket, and in tokens. */
  reservePercent: number;
  reserveTokens?: number;
  /** `--max-rps`, when set. */
  maxRps?: number;
  /** Lowest `x-ratelimit-remaining` seen in an accepted answer. */
  minRemaining?: number;
  /** Highest and time-weighted mean share (0–1) of the bucket in use, `(limit − remaining) / limit`. */
  peakShare?: number;
  meanShare?: number;
  /** Net refill the audit learned it could use, requests/s. */
  refillPerSecond?: number;
  /** Peak rate taken by the tenant's own traffic, as far as the audit could tell, requests/s. */
  othersPerSecond?: number;
  /** A hidden (e.g. per-minute) limit was found by a 429: the send rate it settled at, requests/s. */
  hiddenLimitPerSecond?: number;
  /** Whether `x-ratelimit-reset` agreed with the observations (read as "the bucket is full at"). */
  resetTrusted?: boolean;
}

/** Longest single wait the pacer may impose, ms: a bogus header cannot stall the run. */
export const MAX_WAIT_MS = 60_000;
/** Net refill is measured over windows of about this length, ms. */
const WINDOW_MS = 3_000;
/** Minimal window for a usable estimate, ms. */
const MIN_WINDOW_MS = 150;
/** Headroom for the tenant's own traffic: what it takes in this long, ms. */
const OTHERS_HEADROOM_MS = 250;
/** Others below this many tokens/ms are noise (0.5 request/s). */
const OTHERS_NOISE = 0.5 / 1000;
/** AIMD: multiplicative decrease (of the send rate at the first hidden 429, of the cap after). */
const MD_FIRST = 0.25;
const MD_FACTOR = 0.5;
/** A hidden refill measured over this long is precise enough to settle at MEASURED_MARGIN of it. */
const SETTLE_SPAN_MS = 20_000;
const MEASURED_MARGIN = 0.95;
/** AIMD while searching: after AI_QUIET_MS without a hidden 429, add AI_STEP of the cap every AI_PERIOD_MS. */
const AI_QUIET_MS = 3_000;
const AI_PERIOD_MS = 1_000;
const AI_STEP = 0.03;
/** Once settled: a slow probe upwards (the tenant's own use of the hidden bucket may fall). */
const AI_QUIET_SETTLED_MS = 60_000;
const AI_PERIOD_SETTLED_MS = 10_000;
const AI_STEP_SETTLED = 0.01;

interface Obs {
  seq: number;
  sentAt: number;
  recvAt: number;
  remaining: number;
  /** The bucket may have been full (refill clipped) at or after this answer. */
  full: boolean;
}

/** A number header, or undefined when absent or not a finite number. */
export function numHeader(headers: Headers, name: string): number | undefined {
  const v = headers.get(name);
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export class Pacer {
  /** Bucket size from `x-ratelimit-limit`; undefined until seen. */
  limit: number | undefined;
  /** Tokens a new request may spend at `syncAt` (net of requests sent since). Infinity = unknown. */
  tokens = Number.POSITIVE_INFINITY;
  /** Learned net refill, tokens per ms (lower bound); 0 = unknown. */
  rate = 0;
  /** Refill the reset header implies (read as "full at"), tokens per ms, while it agrees. */
  resetRate: { lo: number; hi: number } | undefined;
  /** False once the reset header contradicted itself or the observations. */
  resetAgrees = true;
  /** Refill taken by others, tokens per ms. */
  others = 0;
  /** Send-rate cap after a hidden bucket's 429, tokens per ms (Infinity: none found). */
  hiddenCap = Number.POSITIVE_INFINITY;
  /** No request starts before this time (a 429's wait, a wait for the reset). */
  notBefore = 0;

  readonly reservePercent: number;
  readonly maxRps: number | undefined;
  private syncAt: number;
  private syncSeq = 0;
  /** Requests sent so far; a request's `seq` is its 1-based position. */
  private sent = 0;
  /** Earliest start of the next request under the send-rate caps. */
  private nextSendAt = 0;
  private sends: number[] = [];
  private obs: Obs[] = [];
  /** Answers outstanding, by seq; refused (429) seqs are not counted by the server. */
  private pending = new Set<number>();
  private refused429 = new Set<number>();
  /** Accepted (counted) answers so far, and at the last hidden 429. */
  private accepted = 0;
  private lastHidden: { at: number; sentAt: number; acceptedSeqs: number } | undefined;
  private lastAiAt = 0;
  /** The best net refill seen over a full window (the reference when the reset is not trusted). */
  private peakNet = 0;
  /** Probing without a known refill: how long to pause before spending the last safe token. */
  private probeMs = 500;
  // Usage statistics.
  private minRemaining: number | undefined;
  private peakShare = 0;
  private shareArea = 0;
  private shareSince: number | undefined;
  private lastShare = 0;
  private peakOthers = 0;

  constructor(
    private readonly now: () => number,
    opts: PacerOptions = {},
  ) {
    this.reservePercent = opts.reservePercent ?? 20;
    this.maxRps = opts.maxRps;
    this.syncAt = now();
  }

  /** Tokens kept back in the server's bucket. */
  get reserveTokens(): number {
    return this.limit === undefined ? 0 : Math.ceil((this.limit * this.reservePercent) / 100);
  }

  /** Tokens that must be left after a request: the reserve, one token of slack, and headroom for others. */
  get floor(): number {
    return this.reserveTokens + 1 + Math.ceil(this.others * OTHERS_HEADROOM_MS);
  }

  /** The refill rate the model spends at: learned net refill, else a trusted reset's, tokens/ms. */
  get modelRate(): number {
    if (this.rate > 0) return this.rate;
    if (this.resetTrusted && this.resetRate) return this.resetRate.lo;
    return 0;
  }

  private get resetTrusted(): boolean {
    return this.resetAgrees && this.resetRate !== undefined && Number.isFinite(this.resetRate.hi);
  }

  /** Tokens available now by the model. */
  available(t = this.now()): number {
    if (!Number.isFinite(this.tokens)) return this.tokens;
    const cap = this.limit ?? Number.POSITIVE_INFINITY;
    return Math.min(cap, this.tokens + Math.max(0, t - this.syncAt) * this.modelRate);
  }

  private get sendCap(): number {
    const max = this.maxRps !== undefined && this.maxRps > 0 ? this.maxRps / 1000 : Number.POSITIVE_INFINITY;
    return Math.min(max, this.hiddenCap);
  }

  /** How long to wait before the next request may start (0: now). */
  nextWait(): number {
    const t = this.now();
    this.additiveIncrease(t);
    if (t < this.notBefore) return this.notBefore - t;
    if (t < this.nextSendAt) return this.nextSendAt - t;
    const avail = this.available(t);
    // Nothing known, or no bucket size (so no reserve): only `notBefore` (a reset, a 429) gates.
    if (!Number.isFinite(avail) || this.limit === undefined) return 0;
    const need = this.floor + 1;
    const rate = this.modelRate;
    if (rate === 0) {
      // No refill known yet: spend down to the floor, but pause before the last token so its
      // answer shows the refill over the pause.
      if (avail >= need + 1) return 0;
      if (avail >= need) {
        const since = t - this.syncAt;
        return since >= this.probeMs ? 0 : this.probeMs - since;
      }
      // Below the floor with nothing to estimate from: wait, then probe with one request.
      const since = t - this.syncAt;
      const wait = Math.min(MAX_WAIT_MS, this.probeMs * 4);
      if (since < wait) return wait - since;
      this.probeMs = Math.min(this.probeMs * 2, 8_000);
      return 0;
    }
    if (avail >= need) return 0;
    return Math.min(MAX_WAIT_MS, Math.max(1, Math.ceil((need - avail) / rate)));
  }

  /** Requests sent and not yet answered. */
  get outstanding(): number {
    return this.pending.size;
  }

  /** A request starts now; returns its seq (pass it to `observe`). */
  onSend(): number {
    const t = this.now();
    const seq = ++this.sent;
    if (Number.isFinite(this.tokens)) {
      this.tokens = this.available(t) - 1;
      this.syncAt = t;
    }
    this.pending.add(seq);
    this.sends.push(t);
    while (this.sends.length && this.sends[0]! < t - WINDOW_MS) this.sends.shift();
    const cap = this.sendCap;
    if (Number.isFinite(cap)) this.nextSendAt = Math.max(this.nextSendAt, t) + 1 / cap;
    return seq;
  }

  /** The request `seq` ended without an answer (network error, timeout). */
  lost(seq: number): void {
    this.pending.delete(seq);
  }

  /** An answer to request `seq`, sent at `sentAt`. */
  observe(headers: Headers, seq: number, sentAt: number, status: number): void {
    const t = this.now();
    this.pending.delete(seq);
    if (status === 429) this.refused429.add(seq);
    else this.accepted++;
    const remaining = numHeader(headers, 'x-ratelimit-remaining');
    const limit = numHeader(headers, 'x-ratelimit-limit');
    const reset = numHeader(headers, 'x-ratelimit-reset');
    if (limit !== undefined && limit > 0) this.limit = limit;
    if (remaining === undefined) return;
    if (status === 429) return; // `refused` handles it; a refused request was not counted
    if (seq > this.syncSeq) {
      // Not yet in `remaining`, perhaps: every request sent after this one, and every earlier one
      // still unanswered (the server may count it after this one).
      let earlierPending = 0;
      for (const p of this.pending) if (p < seq) earlierPending++;
      this.tokens = remaining - (this.sent - seq) - earlierPending;
      this.syncAt = t;
      this.syncSeq = seq;
    }
    this.recordUsage(t, remaining);
    const full = this.limit !== undefined && remaining >= this.limit - 1;
    const obs: Obs = { seq, sentAt, recvAt: t, remaining, full };
    this.learnRate(obs);
    if (reset !== undefined) this.learnReset(remaining, reset, sentAt, t);
    this.learnOthers();
    this.obs.push(obs);
    while (this.obs.length > 2 && this.obs[1]!.recvAt < t - WINDOW_MS) this.obs.shift();
    if (this.modelRate === 0 && this.available(t) < this.floor + 1 && reset !== undefined && !this.limit) {
      // No bucket size and no refill to estimate: wait for the reset the server announced.
      this.notBefore = Math.max(this.notBefore, Math.min(t + MAX_WAIT_MS, reset * 1000));
    }
    if (this.modelRate > 0) this.probeMs = 500;
  }

  /** Net refill from the oldest answer in the window to this one (a strict lower bound). */
  private learnRate(b: Obs): void {
    const a = this.obs.find((o) => o.seq < b.seq);
    if (!a || b.recvAt - a.sentAt < MIN_WINDOW_MS) return;
    let counted = 0;
    let unknown = 0;
    for (let s = a.seq + 1; s <= b.seq; s++) {
      if (this.pending.has(s)) unknown++;
      else if (!this.refused429.has(s)) counted++;
    }
    const lo = (b.remaining - a.remaining + counted - 1 - unknown) / (b.recvAt - a.sentAt);
    // Over a short window (the first burst) only a positive bound is worth keeping; over a full
    // window it replaces the estimate (the tenant's own traffic may have grown).
    const span = b.recvAt - a.sentAt;
    if (span >= WINDOW_MS * 0.66) {
      this.rate = Math.max(0, lo);
      if (!this.obs.some((o) => o.seq > a.seq && o.seq < b.seq && o.full) && !a.full) this.peakNet = Math.max(this.peakNet, lo);
    } else if (lo > this.rate) this.rate = lo;
    // The upper bound: only while no refill can have been clipped at a full bucket (none seen
    // full, no long silence in which it could have filled unseen).
    const between = this.obs.filter((o) => o.seq >= a.seq);
    const gaps = between.every((o, i) => i === 0 || o.recvAt - between[i - 1]!.recvAt < 1000) && b.recvAt - (between.at(-1)?.recvAt ?? b.recvAt) < 1000;
    if (!a.full && !b.full && !between.some((o) => o.full) && gaps && b.sentAt - a.recvAt > 0) {
      const hi = (b.remaining - a.remaining + counted + unknown + 1) / (b.sentAt - a.recvAt);
      this.netHi = span >= WINDOW_MS * 0.66 || this.netHi === undefined ? hi : Math.min(this.netHi, hi);
    }
  }

  /** Upper bound on the net refill over the latest window, tokens/ms. */
  private netHi: number | undefined;

  /** `x-ratelimit-reset` read as "the bucket is full at": bounds on the true refill, if consistent. */
  private learnReset(remaining: number, reset: number, sentAt: number, recvAt: number): void {
    if (!this.resetAgrees || this.limit === undefined) return;
    const d = this.limit - remaining;
    if (d < 2) return;
    const fullAt = reset * 1000;
    if (fullAt <= sentAt) {
      this.resetAgrees = false;
      return;
    }
    const lo = (d - 1) / (fullAt - sentAt);
    const hi = fullAt - 1000 - recvAt > 0 ? d / (fullAt - 1000 - recvAt) : Number.POSITIVE_INFINITY;
    const cur = this.resetRate;
    const next = cur ? { lo: Math.max(cur.lo, lo), hi: Math.min(cur.hi, hi) } : { lo, hi };
    // Disagreement: the bounds do not intersect, or the true refill would be below the net refill seen.
    if (next.lo > next.hi * 1.02 || next.hi < this.rate * 0.98) {
      this.resetAgrees = false;
      this.resetRate = undefined;
      return;
    }
    this.resetRate = next;
  }

  /** Refill others take: the reference refill (a trusted reset, else the best net seen) minus the net now. */
  private learnOthers(): void {
    if (this.netHi === undefined || !Number.isFinite(this.netHi)) return;
    const ref = this.resetTrusted && this.resetRate ? this.resetRate.lo : this.peakNet;
    const o = ref - this.netHi;
    this.others = o > OTHERS_NOISE ? o : 0;
    this.peakOthers = Math.max(this.peakOthers, this.others);
  }

  private recordUsage(t: number, remaining: number): void {
    if (this.limit === undefined) return;
    this.minRemaining = this.minRemaining === undefined ? remaining : Math.min(this.minRemaining, remaining);
    const share = Math.max(0, Math.min(1, (this.limit - remaining) / this.limit));
    this.peakShare = Math.max(this.peakShare, share);
    if (this.shareSince !== undefined) this.shareArea += this.lastShare * (t - this.shareSince);
    else this.shareSince = t;
    this.lastShare = share;
    this.shareEnd = t;
    if (this.shareStart === undefined) this.shareStart = t;
    this.shareSince = t;
  }

  private shareStart: number | undefined;
  private shareEnd: number | undefined;

  /**
   * A 429 for request `seq`: wait `waitMs` (the server's Retry-After, else the pacer's estimate).
   * With tokens still visible, a hidden bucket binds: decrease the send-rate cap.
   */
  refused(headers: Headers, seq: number, sentAt: number, waitMs: number): void {
    const t = this.now();
    const remaining = numHeader(headers, 'x-ratelimit-remaining');
    const hidden = remaining !== undefined ? remaining >= 1 : Number.isFinite(this.tokens) && this.available(t) >= 1;
    this.notBefore = Math.max(this.notBefore, t + Math.min(waitMs, MAX_WAIT_MS));
    if (hidden) {
      this.hiddenRefusal(t, sentAt, seq);
    } else {
      // The visible bucket is empty: the model was too optimistic (others took tokens).
      if (Number.isFinite(this.tokens)) {
        this.tokens = Math.min(this.available(t), 0) - (this.sent - seq);
        this.syncAt = t;
        this.syncSeq = Math.max(this.syncSeq, seq);
      }
      this.rate *= 0.8;
    }
  }

  /** A 429 without `Retry-After`: how long to wait before the next request, ms. */
  waitAfter429(headers: Headers, attempt: number): number {
    const t = this.now();
    const remaining = numHeader(headers, 'x-ratelimit-remaining');
    const reset = numHeader(headers, 'x-ratelimit-reset');
    const resetWait = reset !== undefined && reset * 1000 > t ? reset * 1000 - t : undefined;
    // A hidden bucket: the visible reset says nothing about it; a short wait, then the lower cap.
    if (remaining !== undefined && remaining >= 1) return 1000 * 2 ** Math.min(attempt, 3);
    const rate = this.modelRate;
    if (rate > 0 && this.limit !== undefined) {
      const modelWait = Math.ceil((this.floor + 1) / rate);
      return resetWait !== undefined ? Math.min(modelWait, resetWait) : modelWait;
    }
    return resetWait ?? 1000 * 2 ** Math.min(attempt, 5);
  }

  /**
   * A 429 from a hidden bucket. Searching (no long measurement yet): multiplicative decrease (to a
   * quarter of the send rate the first time, by half after), fast additive increase. Between two
   * such 429s the hidden bucket was empty at both, so the requests accepted in between over the
   * time elapsed is a lower bound of its refill (minus one token); over 20 s or more that is
   * precise enough to settle at 95% of it, with a slow probe upwards.
   */
  private hiddenRefusal(t: number, sentAt: number, seq: number): void {
    const acceptedSeqs = this.acceptedBefore(seq);
    const prev = this.lastHidden;
    if (prev && t - prev.at < 500) return; // the same episode: requests that were already in flight
    const recent = this.sends.filter((s) => s >= t - WINDOW_MS);
    const sendRate = recent.length > 1 ? recent.length / Math.max(1, t - recent[0]!) : 1 / 1000;
    // Lower bounds of the hidden refill, from the first refusal and from the previous one.
    let measured = 0;
    let span = 0;
    for (const from of [this.firstHidden, prev]) {
      if (!from) continue;
      const lo = (acceptedSeqs - from.acceptedSeqs - 1) / (t - from.sentAt);
      if (lo > measured) {
        measured = lo;
        span = t - from.sentAt;
      }
    }
    if (this.hiddenSettled && prev && t - prev.at < 10_000) {
      // Refused again soon after settling: the hidden refill dropped. Measure afresh from here.
      this.firstHidden = undefined;
      this.hiddenSettled = false;
      measured = 0;
    }
    const decreased = Number.isFinite(this.hiddenCap) ? this.hiddenCap * MD_FACTOR : sendRate * MD_FIRST;
    if (measured > 0 && span >= SETTLE_SPAN_MS) {
      this.hiddenCap = measured * MEASURED_MARGIN;
      this.hiddenSettled = true;
    } else {
      this.hiddenCap = Math.max(decreased, measured * MEASURED_MARGIN);
    }
    this.hiddenCap = Math.max(this.hiddenCap, 0.1 / 1000);
    this.firstHidden ??= { at: t, sentAt, acceptedSeqs };
    this.lastHidden = { at: t, sentAt, acceptedSeqs };
    this.lastAiAt = t;
    this.nextSendAt = Math.max(this.nextSendAt, t + 1 / this.hiddenCap);
  }

  private firstHidden: { at: number; sentAt: number; acceptedSeqs: number } | undefined;
  private hiddenSettled = false;

  /** Requests with a smaller seq than `seq` that were answered and counted. */
  private acceptedBefore(seq: number): number {
    let refusedBefore = 0;
    for (const s of this.refused429) if (s < seq) refusedBefore++;
    let pendingBefore = 0;
    for (const s of this.pending) if (s < seq) pendingBefore++;
    return seq - 1 - refusedBefore - pendingBefore;
  }

  /** Additive increase of the hidden cap: fast while searching, slow once settled. */
  private additiveIncrease(t: number): void {
    if (!Number.isFinite(this.hiddenCap) || !this.lastHidden) return;
    const quiet = this.hiddenSettled ? AI_QUIET_SETTLED_MS : AI_QUIET_MS;
    const period = this.hiddenSettled ? AI_PERIOD_SETTLED_MS : AI_PERIOD_MS;
    const step = this.hiddenSettled ? AI_STEP_SETTLED : AI_STEP;
    if (t - this.lastHidden.at < quiet) return;
    const from = Math.max(this.lastAiAt, this.lastHidden.at + quiet - period);
    const steps = Math.floor((t - from) / period);
    if (steps <= 0) return;
    // Additive: a fixed share of the cap at the last decrease per period.
    this.aiBase ??= this.hiddenCap;
    if (this.lastAiAt <= this.lastHidden.at) this.aiBase = this.hiddenCap;
    this.hiddenCap += this.aiBase * step * steps;
    this.lastAiAt = from + steps * period;
  }

  private aiBase: number | undefined;

  /** What the pacer saw and used. */
  usage(): ApiUsage {
    const area = this.shareArea;
    const span = this.shareStart !== undefined && this.shareEnd !== undefined ? this.shareEnd - this.shareStart : 0;
    const perS = (x: number) => Math.round(x * 1000 * 100) / 100;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      ...(this.limit !== undefined ? { limit: this.limit, reserveTokens: this.reserveTokens } : {}),
      reservePercent: this.reservePercent,
      ...(this.maxRps !== undefined ? { maxRps: this.maxRps } : {}),
      ...(this.minRemaining !== undefined ? { minRemaining: this.minRemaining } : {}),
      ...(this.limit !== undefined && this.shareStart !== undefined
        ? { peakShare: round(this.peakShare), meanShare: round(span > 0 ? area / span : this.lastShare) }
        : {}),
      ...(this.rate > 0 ? { refillPerSecond: perS(this.rate) } : {}),
      ...(this.peakOthers > 0 ? { othersPerSecond: perS(this.peakOthers) } : {}),
      ...(Number.isFinite(this.hiddenCap) ? { hiddenLimitPerSecond: perS(this.hiddenCap) } : {}),
      ...(this.limit !== undefined ? { resetTrusted: this.resetTrusted } : {}),
    };
  }
}
