import type { Section, SectionAvailability } from "../api/types";
import { money, tierLabel } from "../format";
import { tierSwatch } from "./seatStyles";

interface Props {
  sections: SectionAvailability[];
  layout: Section[];
  counts: ReadonlyMap<string, number>;
  chosen: string | null;
  onChoose(section: string): void;
}

/** The venue from above: sections placed by their position_x / position_y, the stage on top. */
export function SectionMap({ sections, layout, counts, chosen, onChoose }: Props) {
  const placed = new Map(layout.map((s) => [s.name, s]));
  const xs = layout.map((s) => s.position_x);
  const ys = layout.map((s) => s.position_y);
  const minX = xs.length ? Math.min(...xs) : 0;
  const minY = ys.length ? Math.min(...ys) : 0;
  const columns = xs.length ? Math.max(...xs) - minX + 1 : 1;
  let spare = Math.max(...ys, 0) - minY + 1;

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mx-auto mb-3 w-1/2 rounded bg-slate-700 py-1 text-center text-xs font-semibold tracking-widest text-white">STAGE</div>
      <ul className="grid gap-2" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }} aria-label="Sections">
        {sections.map((section) => {
          const spot = placed.get(section.section);
          const column = spot ? spot.position_x - minX + 1 : 1;
          const row = spot ? spot.position_y - minY + 1 : ++spare;
          const available = counts.get(section.section) ?? section.available;
          const tier = section.seats[0]?.price_tier ?? spot?.price_tier ?? "standard";
          const price = section.min_price === section.max_price ? money(section.min_price) : `${money(section.min_price)}–${money(section.max_price)}`;
          return (
            <li key={section.section} style={{ gridColumn: column, gridRow: row }}>
              <button
                type="button"
                disabled={available === 0}
                aria-pressed={chosen === section.section}
                aria-label={`${section.section}, ${tierLabel[tier]}, ${price}, ${available} of ${section.total} seats available`}
                onClick={() => onChoose(section.section)}
                className={`h-full w-full rounded border-2 p-2 text-left text-xs sm:text-sm ${chosen === section.section ? "border-brand ring-2 ring-brand" : "border-transparent"} ${available === 0 ? "seat-sold cursor-not-allowed bg-slate-200 text-slate-500" : `${tierSwatch[tier]} hover:brightness-95`}`}
              >
                <span className="block font-semibold">{section.section}</span>
                <span className="block">{available === 0 ? "Sold out" : `${available.toLocaleString()} / ${section.total.toLocaleString()} left`}</span>
                <span className="block">{price}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
