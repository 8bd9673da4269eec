/** A text field of a submitted form, trimmed; "" when it is missing (or a file, which no form here has). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}
