import type { Revenue, RevenueForm } from "./types.js";

type PerActiveUserForm = Extract<RevenueForm, { kind: "arpdau" | "paying" }>;

/** Revenue per active user per day, gross; the paying form spreads a 30-day ARPPU over 30 days. */
export function arpdau(revenue: PerActiveUserForm): number {
  return revenue.kind === "arpdau" ? revenue.arpdau : (revenue.payingShare * revenue.arppuMonthly) / 30;
}

/** `1 - store_fee`: the part of every revenue figure the app keeps. */
export function netShare(revenue: Revenue): number {
  return 1 - (revenue.storeFee ?? 0);
}

/**
 * A subscriber's gross revenue per day at age `a`, per install:
 * `conversion * price_monthly / 30 * (1 - monthly_churn) ** (a / 30)`.
 */
export function subscriptionPerInstall(revenue: Extract<RevenueForm, { kind: "subscription" }>, age: number): number {
  return ((revenue.conversion * revenue.priceMonthly) / 30) * (1 - revenue.monthlyChurn) ** (age / 30);
}

/**
 * Net revenue of each calendar day. Per active user: `DAU(t) * arpdau`. Subscriptions:
 * `Σ_{d<=t} installs(d) * conversion * price_monthly/30 * (1 - churn) ** ((t - d) / 30)`,
 * carried forward as a running sum that decays by `(1 - churn) ** (1/30)` a day.
 * Both times `1 - store_fee`.
 */
export function revenueByDay(revenue: Revenue, dau: readonly number[], installs: readonly number[]): number[] {
  const net = netShare(revenue);
  if (revenue.kind !== "subscription") {
    const perActiveUser = arpdau(revenue) * net;
    return dau.map((active) => active * perActiveUser);
  }
  const perSubscriberDay = ((revenue.conversion * revenue.priceMonthly) / 30) * net;
  const dailyStay = (1 - revenue.monthlyChurn) ** (1 / 30);
  const out = new Array<number>(installs.length);
  let subscribersPerConversion = 0;
  for (let day = 0; day < installs.length; day++) {
    subscribersPerConversion = subscribersPerConversion * dailyStay + installs[day]!;
    out[day] = subscribersPerConversion * perSubscriberDay;
  }
  return out;
}

/**
 * `rev(a)`: one install's net revenue at each age `a < lifetimeDays`: `R(a) * arpdau`,
 * or the subscription's per-install revenue (which does not depend on `R(a)`).
 */
export function revenuePerUserByAge(revenue: Revenue, retention: readonly number[], lifetimeDays: number): number[] {
  const net = netShare(revenue);
  const out = new Array<number>(lifetimeDays);
  if (revenue.kind !== "subscription") {
    const perActiveUser = arpdau(revenue) * net;
    for (let age = 0; age < lifetimeDays; age++) out[age] = retention[age]! * perActiveUser;
    return out;
  }
  for (let age = 0; age < lifetimeDays; age++) out[age] = subscriptionPerInstall(revenue, age) * net;
  return out;
}
