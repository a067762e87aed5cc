import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, describe } from "../../api/client";
import type { Tier, Venue } from "../../api/types";
import { Alert, button, buttonSecondary, input } from "../../components/ui";
import { AdminGate } from "./AdminGate";

interface SectionDraft { name: string; row_count: number; seats_per_row: number; base_price: number; price_tier: Tier; position_x: number; position_y: number }

const blank = (i: number): SectionDraft => ({ name: `Section ${i + 1}`, row_count: 10, seats_per_row: 20, base_price: 100, price_tier: "standard", position_x: i, position_y: 0 });

export default function NewVenuePage() {
  return (
    <AdminGate>
      <VenueForm />
    </AdminGate>
  );
}

function VenueForm() {
  const navigate = useNavigate();
  const [venue, setVenue] = useState({ name: "", address: "", city: "", state: "", country: "" });
  const [sections, setSections] = useState<SectionDraft[]>([blank(0)]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const seats = sections.reduce((n, s) => n + s.row_count * s.seats_per_row, 0);
  const setSection = (i: number, change: Partial<SectionDraft>) => setSections(sections.map((s, j) => (i === j ? { ...s, ...change } : s)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api<Venue>("/venues", { body: { ...venue, state: venue.state || null, capacity: seats, sections } });
      navigate("/admin/events/new", { state: { created: venue.name } });
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof typeof venue, label: string, required = true) => (
    <label className="block">
      <span className="text-sm font-medium">{label}</span>
      <input className={input} required={required} value={venue[name]} onChange={(e) => setVenue({ ...venue, [name]: e.target.value })} />
    </label>
  );
  const number = (i: number, key: keyof SectionDraft, label: string) => (
    <label className="block">
      <span className="text-xs">{label}</span>
      <input className={`${input} py-1`} type="number" aria-label={`${label} of section ${i + 1}`} value={sections[i][key] as number}
        onChange={(e) => setSection(i, { [key]: Number(e.target.value) })} />
    </label>
  );

  return (
    <form onSubmit={submit} className="space-y-4">
      <h1 className="text-2xl font-bold">New venue</h1>
      <div className="grid gap-3 sm:grid-cols-2">
        {text("name", "Name")}
        {text("address", "Address")}
        {text("city", "City")}
        {text("state", "State / region", false)}
        {text("country", "Country")}
      </div>
      <h2 className="text-lg font-semibold">Sections ({seats.toLocaleString()} seats)</h2>
      <p className="text-sm text-slate-600">Position: column (x) and row (y) on the map, row 0 nearest the stage.</p>
      {sections.map((s, i) => (
        <fieldset key={i} className="grid grid-cols-2 gap-2 rounded border border-slate-200 bg-white p-3 sm:grid-cols-8">
          <legend className="px-1 text-sm">Section {i + 1}</legend>
          <label className="col-span-2 block">
            <span className="text-xs">Name</span>
            <input className={`${input} py-1`} aria-label={`Name of section ${i + 1}`} value={s.name} onChange={(e) => setSection(i, { name: e.target.value })} />
          </label>
          {number(i, "row_count", "Rows")}
          {number(i, "seats_per_row", "Seats per row")}
          {number(i, "base_price", "Price")}
          <label className="block">
            <span className="text-xs">Tier</span>
            <select className={`${input} py-1`} aria-label={`Tier of section ${i + 1}`} value={s.price_tier} onChange={(e) => setSection(i, { price_tier: e.target.value as Tier })}>
              <option value="vip">VIP</option><option value="premium">Premium</option><option value="standard">Standard</option><option value="economy">Economy</option>
            </select>
          </label>
          {number(i, "position_x", "x")}
          {number(i, "position_y", "y")}
          {sections.length > 1 && (
            <button type="button" className="col-span-2 text-sm text-red-700 underline sm:col-span-8 sm:text-right" onClick={() => setSections(sections.filter((_, j) => j !== i))}>
              Remove section
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" className={buttonSecondary} onClick={() => setSections([...sections, blank(sections.length)])}>Add section</button>
      {error && <Alert>{error}</Alert>}
      <button type="submit" className={`${button} block`} disabled={busy}>Create venue</button>
    </form>
  );
}
