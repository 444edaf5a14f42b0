/** Addresses that complained about our mail (see `mailClass`). */
export interface ComplaintRegistry {
  /** Those of `addresses` that complained, as given. */
  complainedOf(addresses: string[]): Promise<string[]>;
}
