/**
 * The idempotency key of a checkout attempt. The same request sent again (after a lost answer, a rate limit, a
 * network error) reuses the key, so the server answers the first result instead of charging twice; a changed request
 * (another card, another address), or one sent after the server gave a final answer, is a new attempt with a new key.
 */
export class CheckoutAttempt {
  private key: string | undefined;
  private request: string | undefined;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key to send `request` with. */
  keyFor(request: unknown): string {
    const fingerprint = JSON.stringify(request);
    if (!this.key || fingerprint !== this.request) {
      this.key = this.newKey();
      this.request = fingerprint;
    }
    return this.key;
  }

  /** The server answered (an order or a business refusal): the next submission is a new attempt. */
  settled(): void {
    this.key = undefined;
    this.request = undefined;
  }
}
