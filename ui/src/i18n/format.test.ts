import { describe, expect, it } from "vitest";
import { en } from "./en";
import { pl } from "./pl";
import { formatMoney, formatMoneyList, parseAmount } from "./format";
import { makeI18n } from "./I18n";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it("formats minor units in pl-PL and English", () => {
    expect(plain(formatMoney({ minor: 123456, currency: "PLN" }, "pl"))).toBe("1 234,56 zł");
    expect(plain(formatMoney({ minor: 5, currency: "PLN" }, "pl"))).toBe("0,05 zł");
    expect(plain(formatMoney({ minor: -99_999_999, currency: "EUR" }, "pl"))).toBe("-999 999,99 €");
    expect(plain(formatMoney({ minor: 123456, currency: "PLN" }, "en"))).toBe("PLN 1,234.56");
    expect(plain(formatMoneyList([{ minor: 100, currency: "PLN" }, { minor: 250, currency: "EUR" }], "pl"))).toBe("1,00 zł + 2,50 €");
  });

  it("reads typed amounts into exact minor units", () => {
    expect(parseAmount("1 234,56")).toBe(123456);
    expect(parseAmount("0.1")).toBe(10);
    expect(parseAmount("19,99 zł")).toBe(1999);
    expect(parseAmount("-5")).toBe(-500);
    expect(parseAmount("12,345")).toBeNull();
    expect(parseAmount("abc")).toBeNull();
  });
});

describe("dictionaries", () => {
  it("have the same keys and no empty strings", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(pl).sort());
    for (const [k, v] of Object.entries(pl)) expect(v, k).not.toBe("");
  });

  it("use Polish plural forms", () => {
    const t = makeI18n("pl");
    expect(t.tn("list.count", 1)).toBe("1 rekord");
    expect(t.tn("list.count", 3)).toBe("3 rekordy");
    expect(t.tn("list.count", 5)).toBe("5 rekordów");
    expect(t.tn("list.count", 22)).toBe("22 rekordy");
    expect(t.tn("list.count", 100000)).toBe("100000 rekordów");
  });
});
