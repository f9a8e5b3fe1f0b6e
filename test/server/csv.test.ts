import { describe, expect, it } from "vitest";
import { parseCsv } from "@/server/services/csv";
import { convertCell, csvToLeads, type MappableField, previewCsv } from "@/server/services/csv-leads";

const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe("parseCsv (RFC 4180)", () => {
  it("reads plain records with LF, CRLF and CR line ends", () => {
    expect(cells("a,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r\n1,2\r\n3,4")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(cells("a,b\r1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks", () => {
    const parsed = parseCsv('name,note\n"Smith, Ann","said ""hi""\r\nthen left"\nBob,""\n');
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ["name", "note"],
      ["Smith, Ann", 'said "hi"\r\nthen left'],
      ["Bob", ""],
    ]);
    // The record after a two-line value starts on line 4.
    expect(parsed.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("drops a byte-order mark and skips empty lines, keeping line numbers", () => {
    const parsed = parseCsv("\uFEFFcountry,size\n\nDE,10\r\n\r\nFR,20\n\n");
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ["country", "size"],
      ["DE", "10"],
      ["FR", "20"],
    ]);
    expect(parsed.records.map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it("keeps empty cells, including trailing ones", () => {
    expect(cells("a,,c,\n")).toEqual([["a", "", "c", ""]]);
    expect(cells('""\n')).toEqual([[""]]);
  });

  it("reports an unterminated quote on the line it starts", () => {
    const parsed = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(parsed.records.map((r) => r.cells)).toEqual([["a", "b"]]);
    expect(parsed.problems).toEqual([{ line: 2, reason: "a quoted value is never closed" }]);
  });

  it("stops after maxRecords", () => {
    expect(parseCsv("a\n1\n2\n3\n", 2).records.map((r) => r.cells)).toEqual([["a"], ["1"]]);
  });
});

const FIELDS: MappableField[] = [
  { name: "source", type: "string" },
  { name: "country", type: "string", label: "Country" },
  { name: "company_size", type: "number" },
  { name: "demo", type: "boolean" },
  { name: "tags", type: "string_list" },
  { name: "signed_up", type: "date" },
];

describe("CSV to leads", () => {
  it("converts cells to the declared field types", () => {
    expect(convertCell("number", " 1e3 ")).toEqual({ ok: true, value: 1000 });
    expect(convertCell("number", "lots")).toMatchObject({ ok: false });
    expect(convertCell("boolean", "Yes")).toEqual({ ok: true, value: true });
    expect(convertCell("boolean", "FALSE")).toEqual({ ok: true, value: false });
    expect(convertCell("boolean", "maybe")).toMatchObject({ ok: false });
    expect(convertCell("string_list", "a; b;;c ")).toEqual({ ok: true, value: ["a", "b", "c"] });
    expect(convertCell("date", "2024-05-31")).toEqual({ ok: true, value: "2024-05-31T00:00:00.000Z" });
    expect(convertCell("date", "31/05/2024")).toMatchObject({ ok: false });
    expect(convertCell("number", "  ")).toBeNull();
  });

  it("maps columns, reports bad rows with line and reason, and keeps the rest", () => {
    const csv = [
      "Country,Size,Demo,Tags,Signed,Channel",
      "DE,50,yes,a;b,2024-01-02,web_form",
      "FR,lots,no,,2024-01-03,chat",
      "US,10,yes",
      "AT,,maybe,x,someday,api",
      "ES,7,,,,",
    ].join("\r\n");
    const mapped = csvToLeads(csv, FIELDS, {
      country: "Country",
      company_size: "Size",
      demo: "Demo",
      tags: "Tags",
      signed_up: "Signed",
      source: "Channel",
    });
    expect(mapped.leads).toEqual([
      {
        country: "DE",
        company_size: 50,
        demo: true,
        tags: ["a", "b"],
        signed_up: "2024-01-02T00:00:00.000Z",
        source: "web_form",
      },
      { country: "ES", company_size: 7 },
    ]);
    expect(mapped.badRows).toEqual([
      { line: 3, reason: 'company_size: "lots" is not a number' },
      { line: 4, reason: "has 3 columns, the header has 6" },
      {
        line: 5,
        reason:
          'demo: "maybe" is not yes/no or true/false; signed_up: "someday" is not a date (use 2024-05-31 or 2024-05-31T09:00:00Z)',
      },
    ]);
  });

  it("refuses a mapping to a column or field that does not exist", () => {
    expect(() => csvToLeads("a,b\n1,2\n", FIELDS, { country: "Nope" })).toThrow(/no column "Nope"/);
    expect(() => csvToLeads("a,b\n1,2\n", FIELDS, { planet: "a" })).toThrow(/no such lead field/);
  });

  it("previews the header and sample rows and suggests same-name columns", () => {
    const rows = Array.from({ length: 9 }, (_, i) => `DE,${i},web_form`);
    const preview = previewCsv(["COUNTRY,company_Size,Source", ...rows].join("\n"), FIELDS);
    expect(preview.header).toEqual(["COUNTRY", "company_Size", "Source"]);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toEqual(["DE", "0", "web_form"]);
    expect(preview.suggestedMapping).toEqual({
      country: "COUNTRY",
      company_size: "company_Size",
      source: "Source",
    });
  });
});
