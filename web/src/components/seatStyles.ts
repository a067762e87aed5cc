import type { Tier } from "../api/types";

/** Tier colours; a seat's state is also shown by stripes (held), a cross (sold) or a tick (yours). */
export const tierColour: Record<Tier, string> = {
  vip: "bg-purple-300 border-purple-600",
  premium: "bg-sky-300 border-sky-600",
  standard: "bg-emerald-300 border-emerald-600",
  economy: "bg-amber-200 border-amber-600",
};

export const tierSwatch: Record<Tier, string> = {
  vip: "bg-purple-300",
  premium: "bg-sky-300",
  standard: "bg-emerald-300",
  economy: "bg-amber-200",
};
