import { describe, expect, it } from "vitest";
import { assertNoControlCharacters, findControlCharacter } from "./control-characters";

describe("findControlCharacter", () => {
  it("finds NUL and other controls in nested input, with the argument path", () => {
    expect(findControlCharacter("a\u0000b", "email")).toEqual({ path: "email", codePoint: 0 });
    expect(findControlCharacter({ name: "Ada", line1: "1 Way\u001b[2J" }, "input")).toEqual({ path: "input.line1", codePoint: 0x1b });
    expect(findControlCharacter([{ productId: "x" }, { productId: "y\u007f" }], "lines")).toEqual({
      path: "lines.1.productId",
      codePoint: 0x7f,
    });
    expect(findControlCharacter({ note: "\u0085" }, "input")).toEqual({ path: "input.note", codePoint: 0x85 });
  });

  it("lets text through, line breaks and tabs included, and anything that is not a string", () => {
    expect(findControlCharacter("Two lines\r\nand\ta tab, ünïcödé, 漢字, emoji 🎉", "description")).toBeNull();
    expect(findControlCharacter({ first: 20, after: null, flag: true }, "args")).toBeNull();
  });
});

describe("assertNoControlCharacters", () => {
  it("is BAD_USER_INPUT naming the argument path and the character", () => {
    expect(() => assertNoControlCharacters({ id: "1", input: { city: "Lon\u0000don" } })).toThrow(
      expect.objectContaining({
        message: "input.city: must not contain control characters (found U+0000)",
        extensions: { code: "BAD_USER_INPUT", field: "input.city" },
      }),
    );
  });
});
