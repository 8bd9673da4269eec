import Mustache from "mustache";
import type { MailKind } from "./kinds";

/**
 * Each mail's subject, plain-text and HTML body, as Mustache templates (logic-less, and `{{ }}` escapes HTML, so a
 * product title cannot inject markup). The text bodies are rendered with escaping off: they are not HTML.
 */
interface MailTemplate {
  subject: string;
  text: string;
  html: string;
}

const LINES_TEXT = "{{#lines}}  {{quantity}} × {{title}}  {{lineTotal}}\n{{/lines}}";
const LINES_HTML =
  '<table>{{#lines}}<tr><td>{{quantity}} ×</td><td>{{title}}</td><td style="text-align:right">{{lineTotal}}</td></tr>{{/lines}}</table>';
const GREETING_TEXT = "Hello {{name}},\n\n";
const GREETING_HTML = "<p>Hello {{name}},</p>";
const FOOTER_TEXT = "\n— The shop\n";
const FOOTER_HTML = "<p>— The shop</p>";

const TEMPLATES: Record<MailKind, MailTemplate> = {
  "order-confirmation": {
    subject: "Your order {{orderNumber}} is confirmed",
    text: `${GREETING_TEXT}thank you for your order {{orderNumber}}. We received your payment.\n\n${LINES_TEXT}\nTotal: {{total}}\n\nWe will write again when it ships.\n${FOOTER_TEXT}`,
    html: `${GREETING_HTML}<p>Thank you for your order <strong>{{orderNumber}}</strong>. We received your payment.</p>${LINES_HTML}<p><strong>Total: {{total}}</strong></p><p>We will write again when it ships.</p>${FOOTER_HTML}`,
  },
  "order-shipped": {
    subject: "Your order {{orderNumber}} has shipped",
    text: `${GREETING_TEXT}your order {{orderNumber}} is on its way.\n\nTracking number: {{trackingNumber}}\n${FOOTER_TEXT}`,
    html: `${GREETING_HTML}<p>Your order <strong>{{orderNumber}}</strong> is on its way.</p><p>Tracking number: <strong>{{trackingNumber}}</strong></p>${FOOTER_HTML}`,
  },
  "order-delivered": {
    subject: "Your order {{orderNumber}} was delivered",
    text: `${GREETING_TEXT}your order {{orderNumber}} was delivered. We hope you enjoy it.\n${FOOTER_TEXT}\nYou receive this mail because you accepted non-essential mail; turn it off in your account.\n`,
    html: `${GREETING_HTML}<p>Your order <strong>{{orderNumber}}</strong> was delivered. We hope you enjoy it.</p>${FOOTER_HTML}<p><small>You receive this mail because you accepted non-essential mail; turn it off in your account.</small></p>`,
  },
  "order-cancelled": {
    subject: "Your order {{orderNumber}} was cancelled",
    text: `${GREETING_TEXT}your order {{orderNumber}} was cancelled.\n\nReason: {{reason}}\n{{#refund}}Refund: {{refund}} to your original payment method.\n{{/refund}}{{^refund}}Nothing was charged.\n{{/refund}}${FOOTER_TEXT}`,
    html: `${GREETING_HTML}<p>Your order <strong>{{orderNumber}}</strong> was cancelled.</p><p>Reason: {{reason}}</p>{{#refund}}<p>Refund: <strong>{{refund}}</strong> to your original payment method.</p>{{/refund}}{{^refund}}<p>Nothing was charged.</p>{{/refund}}${FOOTER_HTML}`,
  },
};

/** What a template may show: strings only, already formatted (money, numbers). */
export interface MailView {
  name: string;
  orderNumber: string;
  total: string;
  lines: { quantity: number; title: string; lineTotal: string }[];
  trackingNumber: string | null;
  reason: string | null;
  refund: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const plain = { escape: (value: unknown) => String(value) };

/** The subject and both bodies of a mail of `kind`. */
export function renderMail(kind: MailKind, view: MailView): RenderedMail {
  const template = TEMPLATES[kind];
  return {
    subject: Mustache.render(template.subject, view, {}, plain),
    text: Mustache.render(template.text, view, {}, plain),
    html: Mustache.render(template.html, view),
  };
}

/** Minor units as the currency writes them: 12345 USD is "$123.45", 500 JPY "¥500". */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** The order number a customer reads: the id's first block, upper-cased (the full id is in the Message-ID). */
export function orderNumberOf(orderId: string): string {
  return `#${orderId.slice(0, 8).toUpperCase()}`;
}
