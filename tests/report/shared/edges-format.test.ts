import { describe, expect, it } from "vitest";
import { costLadder } from "../../../src/model/ladder.js";
import { neutraliseFormula } from "../../../src/report/shared/csv.js";
import { distinctMoney, formatProbability } from "../../../src/report/shared/format.js";
import { rungTexts } from "../../../src/report/shared/ladder.js";

describe("formatProbability", () => {
  it("never reads 100 % or 0 % unless exact", () => {
    expect(formatProbability(1)).toBe("100%");
    expect(formatProbability(0)).toBe("0%");
    // 9,998 of 10,000 held: three significant digits would round 99.98 to 100.
    expect(formatProbability(9998 / 10000)).toBe("99.98%");
    // 99,999 of 100,000: 99.999 %, which two decimals cannot show without reaching 100.
    expect(formatProbability(99_999 / 100_000)).toBe(">99.99%");
    // 1 of 100,000: 0.001 %, shown as such.
    expect(formatProbability(1 / 100_000)).toBe("0.001%");
  });

  it("keeps the usual three digits where they are honest", () => {
    expect(formatProbability(0.5)).toBe("50%");
    expect(formatProbability(0.9949)).toBe("99.5%");
  });
});

describe("rungTexts", () => {
  it("shows the digits that tell apart two rungs that would print alike", () => {
    // training ¥1.99999, acquisition ¥2.00: both "¥2.00" at cents; 6 significant digits part them.
    expect(rungTexts(costLadder(1, 1.99999, 2), "CNY")).toEqual(["¥1.00", "¥1.99999", "¥2"]);
  });

  it("leaves rungs that already print differently, and equal rungs, as they are", () => {
    expect(rungTexts(costLadder(1, 2, 3), "USD")).toEqual(["$1.00", "$2.00", "$3.00"]);
    expect(rungTexts(costLadder(1, 2, 2), "USD")).toEqual(["$1.00", "$2.00", "$2.00"]);
    expect(rungTexts(costLadder(1, null, 2), "USD")).toEqual(["$1.00", "n/a", "$2.00"]);
  });

  it("distinctMoney returns texts that differ whenever the values do", () => {
    const [a, b] = distinctMoney(12, 11.999999999999963, "USD");
    expect(a).not.toBe(b);
  });
});

describe("neutraliseFormula", () => {
  it("prefixes text a spreadsheet would run, and nothing else", () => {
    expect(["=1+1", "+1", "-1", "@A1", "\tx", "\rx"].map(neutraliseFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx"]);
    expect(["ads", "1-2", "a=b", "", "'x"].map(neutraliseFormula)).toEqual(["ads", "1-2", "a=b", "", "'x"]);
  });
});
