import { Decimal } from "decimal.js";
import { z } from "zod";
import { type DecimalLike, DecimalLikeSchema, isDecimalLike, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, definitionError, KpiDefinitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal } from "../model/prepared.js";

/**
 * A rate source: how many units of the target `currency` one unit of `from` was worth at the
 * instant `atMs` (epoch milliseconds). Return `undefined` when no rate is known.
 */
export type FxRate = (from: string, atMs: number) => DecimalLike | undefined;

/** The currency options every pipeline function takes. */
export interface CurrencyOptions {
  /**
   * The currency to report in. Deals without `currency` are taken to be in it. Without it,
   * every deal summed must carry the same currency (or none), else `KpiDefinitionError`
   * `"mixed-currencies"`.
   */
  readonly currency?: string;
  /** Fixed rates into `currency`: units of `currency` per one unit of the key's currency (more than 0). */
  readonly rates?: Readonly<Record<string, DecimalLike>>;
  /**
   * Dated rates into `currency`, asked at the close instant (closed deals) or at `asOf` (open
   * deals). Wins over `rates`. A rate it gives must be a decimal more than 0.
   */
  readonly fx?: FxRate;
}

/** Schema of {@link CurrencyOptions}. */
export const CurrencyOptionsSchema = z.strictObject({
  currency: z.string().min(1).optional(),
  rates: z
    .record(z.string(), DecimalLikeSchema)
    .superRefine((rates, context) => {
      for (const [from, rate] of Object.entries(rates)) {
        if (!toDecimal(rate).gt(0)) context.addIssue({ code: "custom", path: [from], message: messages.rateNotPositive(from), input: rate });
      }
    })
    .optional(),
  fx: z.custom<FxRate>((value) => typeof value === "function", { error: messages.fxFunction }).optional(),
});

/** Converts deal amounts into one currency, or checks that they already share one. */
export interface CurrencyConverter {
  /** The currency of the converted amounts (`undefined` when no deal named one). */
  currency(): string | undefined;
  /** The currency amounts are converted into; `undefined` when they are not converted (one currency is required instead). */
  readonly target: string | undefined;
  /**
   * The rate `convert` multiplies amounts in `currency` by at every instant: `null` when it
   * leaves them as they are, `undefined` when the rate depends on the instant (`fx`) or is
   * missing (then `convert` says so).
   */
  fixedRate(currency: string | undefined): KpiDecimal | null | undefined;
  /** `amount` of `deal` in the target currency at the instant `atMs` (undefined: no instant known). */
  convert(deal: PreparedDeal, amount: KpiDecimal, atMs: number | undefined): KpiDecimal;
}

/** A value `fx` gave, as a message shows it. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || Decimal.isDecimal(value)) return String(value);
  return value === null ? "null" : typeof value;
}

/**
 * Creates a {@link CurrencyConverter} for one computation. With `currency`, amounts in another
 * currency are multiplied by the rate (from `fx` at the instant, else `rates`); a missing rate
 * is a `KpiDefinitionError` `"missing-rate"` naming the deal and currency, and a rate from `fx`
 * that is no decimal more than 0 (0, -2, NaN, "abc") a `KpiDefinitionError` `"invalid-option"`
 * at `fx` naming the deal, the currency and the value. Without `currency`,
 * amounts are not converted and a second currency is a `"mixed-currencies"` error: never a
 * mixed sum. Rates asked of `fx` are remembered per currency and instant.
 */
export function createCurrencyConverter(options: CurrencyOptions): CurrencyConverter {
  const target = options.currency;
  if (target === undefined) {
    let seen: { currency: string | undefined; deal: PreparedDeal } | undefined;
    return {
      currency: () => seen?.currency,
      target: undefined,
      fixedRate: () => null,
      convert(deal, amount) {
        if (seen === undefined) seen = { currency: deal.currency, deal };
        else if (seen.currency !== deal.currency) {
          throw new KpiDefinitionError("mixed-currencies", [
            customIssue(
              ["deals", deal.index, "currency"],
              messages.mixedCurrencies(deal.id, deal.currency, seen.deal.id, seen.currency),
              deal.currency,
            ),
          ]);
        }
        return amount;
      },
    };
  }
  const fx = options.fx;
  const rates = options.rates;
  const cache = new Map<string, KpiDecimal>();
  const fixedRate = (from: string): KpiDecimal | undefined => {
    let rate = cache.get(from);
    const value = rates?.[from];
    if (rate === undefined && rates !== undefined && Object.hasOwn(rates, from) && value !== undefined && isDecimalLike(value)) {
      rate = toDecimal(value);
      cache.set(from, rate);
    }
    return rate;
  };
  return {
    currency: () => target,
    target,
    fixedRate(from) {
      if (from === undefined || from === target) return null;
      return fx === undefined ? fixedRate(from) : undefined;
    },
    convert(deal, amount, atMs) {
      const from = deal.currency;
      if (from === undefined || from === target) return amount;
      let rate: Decimal | undefined;
      if (fx !== undefined) {
        if (atMs === undefined) throw definitionError("invalid-option", ["asOf"], messages.fxNeedsAsOf);
        const key = `${from}@${atMs}`;
        rate = cache.get(key);
        if (rate === undefined) {
          const value: unknown = fx(from, atMs);
          if (value !== undefined) {
            if (!isDecimalLike(value) || !toDecimal(value).gt(0)) {
              throw definitionError("invalid-option", ["fx"], messages.fxRateInvalid(deal.id, from, target, shown(value)));
            }
            rate = toDecimal(value);
            cache.set(key, rate);
          }
        }
      } else {
        rate = fixedRate(from);
      }
      if (rate === undefined) {
        throw new KpiDefinitionError("missing-rate", [
          customIssue(["deals", deal.index, "currency"], messages.missingRate(deal.id, from, target), from),
        ]);
      }
      return amount.times(rate);
    },
  };
}
