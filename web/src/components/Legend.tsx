import { tierSwatch } from "./seatStyles";

export function Legend() {
  const item = "flex items-center gap-1";
  const box = "inline-block h-4 w-4 rounded-[4px] border border-slate-500 text-center text-[10px] leading-4";
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Seat legend">
      {(["vip", "premium", "standard", "economy"] as const).map((tier) => (
        <li key={tier} className={item}>
          <span className={`${box} ${tierSwatch[tier]}`} aria-hidden /> {tier === "vip" ? "VIP" : tier[0].toUpperCase() + tier.slice(1)}
        </li>
      ))}
      <li className={item}><span className={`${box} bg-brand text-white`} aria-hidden>✓</span> Selected / yours</li>
      <li className={item}><span className={`${box} seat-held bg-white`} aria-hidden /> Held (hollow, striped)</li>
      <li className={item}><span className={`${box} seat-sold scale-75 rounded-full bg-slate-400`} aria-hidden /> Sold (round, crossed)</li>
    </ul>
  );
}
