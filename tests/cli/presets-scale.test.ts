import { describe, expect, it } from "vitest";
import { type Loose, runJson } from "../helpers/cli.js";

/**
 * The presets at real scale (issue 10): each reproduces published figures within ±20 %
 * on the day they were published. `expect:` in each file pins the figures `check` can
 * see (peak DAU, spend, CAC); the day-by-day ones are pinned here from the timeline.
 * Sources: ../shared/data/market-facts.md, quoted in each preset's `sources:`.
 */
async function daily(name: string): Promise<Loose> {
  return runJson(["run", `data/scenarios/${name}.yaml`, "--timeline", "day"]);
}

function within20(value: number, published: number): void {
  expect(value, `${value} against ${published}`).toBeGreaterThanOrEqual(0.8 * published);
  expect(value, `${value} against ${published}`).toBeLessThanOrEqual(1.2 * published);
}

const sum = (rows: Loose[], key: string) => rows.reduce((total: number, row: Loose) => total + row[key], 0);

describe("presets at the published scale", () => {
  it("kimi-2024: 3.73M DAU on 2025-03-04 (day 368), ¥540M spent by 2024-11-15 (day 259), ¥30 on Bilibili in March", async () => {
    const result = await daily("kimi-2024");
    const days = result.timeline as Loose[];
    expect(days).toHaveLength(369);
    within20(days[368].dau, 3_730_000); // QuestMobile
    // AppGrowing: ¥540M over Jan 1-Nov 15 2024; the horizon starts Mar 1 (Jan-Feb: no spend)
    within20(sum(days.slice(0, 260), "acquisition"), 540_000_000);
    // MAU over 36M about Oct 2024 needs at least that many installs by the end of October (day 244)
    expect(sum(days.slice(0, 245), "installs")).toBeGreaterThan(0.8 * 36_000_000);
    // the analyst's ¥30 Bilibili CPA after the Spring Festival, and ¥12-13 blended
    within20(result.channels[0].cpa, 30);
    within20(result.unit.cac_blended, 12.5);
  });

  it("deepseek-2025: 22.15M DAU on day 21 (2025-01-31), 53.41M at the late-February peak, 48.85M on 2025-03-04 (day 53)", async () => {
    const days = (await daily("deepseek-2025")).timeline as Loose[];
    expect(days).toHaveLength(54);
    within20(days[21].dau, 22_150_000); // Shixiang
    within20(Math.max(...days.slice(45, 50).map((day: Loose) => day.dau)), 53_410_000); // QuestMobile, late Feb
    within20(days[53].dau, 48_850_000); // QuestMobile
    expect(sum(days, "acquisition")).toBe(0);
  });

  it("doubao-2024: 16.95M DAU on 2025-01-31 (day 396)", async () => {
    const days = (await daily("doubao-2024")).timeline as Loose[];
    expect(days).toHaveLength(397);
    within20(days[396].dau, 16_950_000); // Shixiang
  });
});
