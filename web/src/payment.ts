export interface CardForm { number: string; expiry: string; cvc: string; name: string }

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Field errors of a card form, empty when it can be sent. */
export function validateCard(card: CardForm, now = new Date()): Partial<Record<keyof CardForm, string>> {
  const errors: Partial<Record<keyof CardForm, string>> = {};
  const digits = card.number.replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(digits) || !luhn(digits)) errors.number = "Enter a valid card number";
  const match = /^(\d{2})\s*\/\s*(\d{2})$/.exec(card.expiry.trim());
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 12) {
    errors.expiry = "Use MM/YY";
  } else {
    const endOfMonth = new Date(2000 + Number(match[2]), Number(match[1]), 1);
    if (endOfMonth <= now) errors.expiry = "This card has expired";
  }
  if (!/^\d{3,4}$/.test(card.cvc.trim())) errors.cvc = "3 or 4 digits";
  if (!card.name.trim()) errors.name = "Enter the name on the card";
  return errors;
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
