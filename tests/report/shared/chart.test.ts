import { describe, expect, it } from "vitest";
import type { TimelineRow } from "../../../src/model/index.js";
import { CHART_GLYPH, MIN_CHART_WIDTH, renderTimelineChart } from "../../../src/report/shared/chart.js";

/** Three 10-day periods: acquisition +100 a period, training +50, inference nothing. */
function rows(): TimelineRow[] {
  return [0, 1, 2].map((period) => ({
    period,
    start_day: period * 10,
    end_day: period * 10 + 9,
    installs: 0,
    paid_installs: 0,
    organic_installs: 0,
    dau: 0,
    acquisition: 100,
    inference: 0,
    training: 50,
    revenue: null,
    cumulative_acquisition: 100 * (period + 1),
    cumulative_inference: 0,
    cumulative_training: 50 * (period + 1),
    cumulative_total: 150 * (period + 1),
    cumulative_revenue: null,
  }));
}

describe("renderTimelineChart", () => {
  it.each([40, 80, 133])("fills exactly %i columns and never more", (width) => {
    const lines = renderTimelineChart(rows(), { width, currency: "USD" }).split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBe(width);
    // The x-axis is the line that spans the width.
    expect(lines.find((line) => line.includes("└"))).toHaveLength(width);
  });

  it("keeps a readable minimum width on a narrow terminal", () => {
    const lines = renderTimelineChart(rows(), { width: 12, currency: "USD" }).split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBe(MIN_CHART_WIDTH);
  });

  it("labels each line with its glyph, its name and its total, and the axes with money and days", () => {
    const text = renderTimelineChart(rows(), { width: 60, currency: "USD" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("Cumulative spend (USD), day 0 to day 29");
    expect(lines.at(-1)!.trim()).toBe("* inference $0   # acquisition $300   + training $150");
    // On a narrow terminal the legend wraps rather than run past the edge.
    const narrow = renderTimelineChart(rows(), { width: 40, currency: "USD" }).split("\n");
    // 6 columns of axis, then "* inference $0" (14) + 3 + "# acquisition $300" (18) = 41 > 40: one entry a line.
    expect(narrow.slice(-3).map((line) => line.trim())).toEqual(["* inference $0", "# acquisition $300", "+ training $150"]);
    const medium = renderTimelineChart(rows(), { width: 41, currency: "USD" }).split("\n");
    expect(medium.slice(-2).map((line) => line.trim())).toEqual(["* inference $0   # acquisition $300", "+ training $150"]);
    // Top of the y-axis is the largest cumulative figure, $300; the bottom $0.
    expect(lines[1]).toMatch(/^\$300 ┤/);
    expect(lines[12]).toMatch(/^ {2}\$0 ┤/);
    expect(text).toContain("day 0");
    expect(text).toContain("day 29");
  });

  it("draws each series where its value lies: acquisition ends top right, training half way, inference along the bottom", () => {
    const lines = renderTimelineChart(rows(), { width: 60, currency: "USD", height: 5 }).split("\n");
    const plot = lines.slice(1, 6);
    // Rows stand for 300, 225, 150, 75, 0; the last column is day 30.
    expect(plot[0]!.at(-1)).toBe(CHART_GLYPH.acquisition);
    expect(plot[2]!.at(-1)).toBe(CHART_GLYPH.training);
    // Inference is 0 throughout: the whole bottom row, drawn last, is its glyph.
    const bottom = plot[4]!.slice(plot[4]!.indexOf("┤") + 1);
    expect(bottom).toBe(CHART_GLYPH.inference.repeat(bottom.length));
    // Plain text: no colour unless asked for.
    expect(lines.join("\n")).not.toContain("\u001b[");
  });

  it("marks a day on the x-axis", () => {
    const mark = { day: 14, label: "inference passes acquisition" };
    const wide = renderTimelineChart(rows(), { width: 120, currency: "USD", marks: [mark] }).split("\n");
    // Day 14 ends at x = 15 of 30 days: column round(15 / 30 * (plot width - 1)) after the axis.
    const axis = wide.find((line) => line.includes("└"))!;
    const plotWidth = axis.length - axis.indexOf("└") - 1;
    const caret = axis.indexOf("└") + 1 + Math.round((15 / 30) * (plotWidth - 1));
    expect(wide.find((line) => line.includes("^"))).toBe(`${" ".repeat(caret)}^ day 14: inference passes acquisition`);
    // Where the text would run past the edge, it ends at the caret instead.
    const narrow = renderTimelineChart(rows(), { width: 60, currency: "USD", marks: [mark] }).split("\n");
    const line = narrow.find((text) => text.includes("^"))!;
    expect(line.trim()).toBe("day 14: inference passes acquisition ^");
    expect(line.length).toBeLessThanOrEqual(60);
  });

  it("names the days a short horizon has, and no others (issue 13, 18)", () => {
    const days = (count: number): TimelineRow[] =>
      rows()
        .slice(0, 1)
        .map((row) => ({ ...row, end_day: count - 1 }));
    // One day: the plot runs from the start of day 0 to its end; there is no day 1.
    const one = renderTimelineChart(days(1), { width: 60, currency: "USD" }).split("\n");
    expect(one[0]).toBe("Cumulative spend (USD), day 0");
    const axisLabels = one[one.findIndex((line) => line.includes("└")) + 1]!;
    expect(axisLabels.trim()).toMatch(/^start of day 0 +end of day 0$/);
    expect(one.join("\n")).not.toContain("day 1");
    // Two days: day 0 and day 1 at the ends, no middle label repeating one of them.
    const two = renderTimelineChart(days(2), { width: 60, currency: "USD" }).split("\n");
    const twoLabels = two[two.findIndex((line) => line.includes("└")) + 1]!;
    expect(twoLabels.trim()).toMatch(/^day 0 +day 1$/);
  });

  it("colours glyphs through paint and nothing else", () => {
    const text = renderTimelineChart(rows(), { width: 60, currency: "USD", paint: (series, glyph) => `<${series[0]}>${glyph}` });
    expect(text).toContain("<a>#");
    expect(text).toContain("<i>*");
    expect(text).toContain("<t>+");
  });
});
