/** The most emails a second the mail service takes from the account, as it reports it. */
export interface SendQuota {
  /** Emails a second; undefined when the service sets no rate (the local stand-in, by default). */
  maxSendRate(): Promise<number | undefined>;
}

/**
 * The sending rate shared by every sender, whatever runs them: each second holds `limit` slots,
 * and a send takes one before it goes.
 */
export interface SendSlots {
  /**
   * Takes the next free slot of the second starting at `second` (epoch seconds): its position,
   * 1 to `limit`, or undefined when the second is full.
   */
  take(second: number, limit: number): Promise<number | undefined>;
}
